"""Navigation by role. Each app lists its menu entries on its AppConfig
(``nav_items``: label, url name, permission needed; ``nav_order``); an entry
shows when the user has its permission."""

from functools import cache

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@cache
def menu() -> list[tuple]:
    entries = [(0, _("Home"), "home", None)]
    for config in apps.get_app_configs():
        for label, url_name, perm in getattr(config, "nav_items", []):
            entries.append((getattr(config, "nav_order", 50), label, url_name, perm))
    entries.sort(key=lambda e: e[0])
    return [(label, reverse(url_name), perm) for _order, label, url_name, perm in entries]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "unread_notifications": 0}
    from command_center.notifications import unread_count

    items = [
        {
            "label": label,
            "url": url,
            "active": request.path.startswith(url) and url != "/" or request.path == url,
        }
        for label, url, perm in menu()
        if perm is None or user.has_perm(perm)
    ]
    return {"nav_items": items, "unread_notifications": unread_count(user)}
