"""Navigation by role: a menu entry shows when the user may view its model."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (label, url name, permission needed)
MENU = [
    (_("Home"), "home", None),
    (_("Courts"), "courts:court_list", "courts.view_court"),
    (_("Bureaus"), "courts:bureau_list", "courts.view_bureau"),
    (_("Officers"), "personnel:officer_list", "personnel.view_officer"),
    (_("Background jobs"), "command_center:job_list", "command_center.view_backgroundjob"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [
        {"label": label, "url": reverse(name), "active": request.path == reverse(name)}
        for label, name, perm in MENU
        if perm is None or user.has_perm(perm)
    ]
    return {"nav_items": items}
