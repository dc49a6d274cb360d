"""Navigation by role. Each app lists its menu entries on its AppConfig
(``nav_items``: label, url name, permission needed; ``nav_order``); the entries of
one app form a dropdown named after the app. An entry shows when the user has its
permission and, where the app names the entry's audience (``nav_audiences``: url
name → audiences), belongs to one of them: a clerk's menu is not a director's.

Audiences, from the access scope and the role predicates (courts.policy):
``lead`` the bureau's or the city's leadership; ``handle`` case handlers (judges,
assistants, clerks, judicial police); ``criminal`` the criminal enforcement bureau;
``centre`` the affairs centre; ``supervise`` supervision; ``president`` presidents;
``keep`` the court's system administrator. Superusers see everything."""

from functools import cache

from django.apps import apps
from django.urls import reverse


@cache
def menu() -> list[tuple]:
    """[(order, group label, [(label, url, perm, audiences), …]), …]"""
    groups = []
    for config in apps.get_app_configs():
        items = getattr(config, "nav_items", [])
        if items:
            audiences = getattr(config, "nav_audiences", {})
            entries = [
                (label, reverse(url_name), perm, frozenset(audiences.get(url_name, ())))
                for label, url_name, perm in items
            ]
            groups.append((getattr(config, "nav_order", 50), config.verbose_name, entries))
    groups.sort(key=lambda g: g[0])
    return groups


def navigation(request):
    # Tables ({% render_table %}) render with their own RequestContext, which runs
    # the context processors again: the menu is made once per request.
    user = getattr(request, "user", None)
    who = user.pk if user is not None and user.is_authenticated else None
    made = getattr(request, "_navigation", None)
    if made is None or made[0] != who:
        made = request._navigation = (who, _navigation(request))
    return made[1]


def _navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_groups": [], "unread_notifications": 0}
    from haikou_exec.notifications import unread_count

    # The user's permissions once (the backends cache them on the user), not a
    # has_perm() through every backend per menu entry.
    granted = user.get_all_permissions() if not user.is_superuser else None

    mine = audiences_of(user)

    def allowed(perm, audience):
        if audience and mine is not None and not (audience & mine):
            return False
        return perm is None or (user.is_active and (granted is None or perm in granted))

    groups = []
    for _order, label, entries in menu():
        visible = [
            {"label": item_label, "url": url, "active": request.path.startswith(url)}
            for item_label, url, perm, audience in entries
            if allowed(perm, audience)
        ]
        if visible:
            groups.append(
                {"label": label, "items": visible, "active": any(i["active"] for i in visible)}
            )
    return {"nav_groups": groups, "unread_notifications": unread_count(user)}


def audiences_of(user) -> frozenset[str] | None:
    """The menu audiences a user belongs to; None for a superuser (every entry)."""
    from courts.access import scope_for
    from courts.choices import OfficerRole
    from courts.policy import is_centre_staff, scope_supervises

    if user.is_superuser:
        return None
    scope = scope_for(user)
    found = set()
    if scope.leads_bureau or scope.city_leadership:
        found.add("lead")
    if scope.role in {
        OfficerRole.JUDGE,
        OfficerRole.ASSISTANT,
        OfficerRole.CLERK,
        OfficerRole.JUDICIAL_POLICE,
    }:
        found.add("handle")
    if scope.criminal_citywide:
        found.add("criminal")
    if is_centre_staff(scope):
        found.add("centre")
    if scope_supervises(scope):
        found.add("supervise")
    if scope.role in OfficerRole.president_roles():
        found.add("president")
    if scope.administers_court:
        found.add("keep")
    return frozenset(found)
