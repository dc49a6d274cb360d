"""Navigation by role. Each app lists its menu entries on its AppConfig
(``nav_items``: label, url name, permission needed; ``nav_order``); the entries of
one app form a dropdown named after the app. An entry shows when the user has its
permission."""

from functools import cache

from django.apps import apps
from django.urls import reverse


@cache
def menu() -> list[tuple]:
    """[(order, group label, [(label, url, perm), …]), …]"""
    groups = []
    for config in apps.get_app_configs():
        items = getattr(config, "nav_items", [])
        if items:
            entries = [(label, reverse(url_name), perm) for label, url_name, perm in items]
            groups.append((getattr(config, "nav_order", 50), config.verbose_name, entries))
    groups.sort(key=lambda g: g[0])
    return groups


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_groups": [], "unread_notifications": 0}
    from command_center.notifications import unread_count

    # The user's permissions once (the backends cache them on the user), not a
    # has_perm() through every backend per menu entry.
    granted = user.get_all_permissions() if not user.is_superuser else None

    def allowed(perm):
        return perm is None or (user.is_active and (granted is None or perm in granted))

    groups = []
    for _order, label, entries in menu():
        visible = [
            {"label": item_label, "url": url, "active": request.path.startswith(url)}
            for item_label, url, perm in entries
            if allowed(perm)
        ]
        if visible:
            groups.append(
                {"label": label, "items": visible, "active": any(i["active"] for i in visible)}
            )
    # Tables render with their own RequestContext: count once per request.
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = unread_count(user)
    return {"nav_groups": groups, "unread_notifications": request._unread_notifications}
