from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "personnel"
    verbose_name = _("People")
    nav_items = [
        (_("Officers"), "personnel:officer_list", "personnel.view_officer"),
        (_("Case teams"), "personnel:team_list", "personnel.view_team"),
    ]
    nav_order = 20
    # Everyone may edit their own contact details (Officer.handler_q narrows
    # "change" to oneself; bureau leadership to their court).
    role_permissions = {
        "*": {"officer": "vc", "team": "v", "teammembership": "v"},
        "director": {"team": "vac", "teammembership": "vac"},
        "deputy_director": {"team": "vac", "teammembership": "vac"},
    }

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from personnel.roles import sync_role_groups

        post_migrate.connect(sync_role_groups, sender=self)
