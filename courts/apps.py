from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CourtsConfig(AppConfig):
    name = "courts"
    verbose_name = _("Courts and bureaus")
    nav_items = [
        (_("Courts"), "courts:court_list", "courts.view_court"),
        (_("Bureaus"), "courts:bureau_list", "courts.view_bureau"),
    ]
    nav_order = 10
    # The holiday calendar is kept by the intermediate court's system administrator
    # (courts.policy.keeps_calendar narrows the role to that court).
    role_permissions = {
        "*": {"court": "v", "bureau": "v"},
        "system_admin": {"holiday": "vacd", "calendaryear": "vac"},
    }
