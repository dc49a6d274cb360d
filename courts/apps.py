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
    role_permissions = {"*": {"court": "v", "bureau": "v"}}
