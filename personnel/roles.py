"""Groups carry the model permissions of each role; the restriction point
(courts.access) then narrows them to rows. Kept in code and synced after every
migrate, so a fresh database always has them."""

from django.contrib.auth.models import Group, Permission

from personnel.choices import OfficerRole

# (app_label, model) -> actions. Later apps add their models here.
# Everyone may read the organisation in their scope and edit their own contact
# details (Officer.handler_q narrows "change" to oneself).
_READ_ORG = {("courts", "court"): "v", ("courts", "bureau"): "v", ("personnel", "officer"): "vc"}

ROLE_PERMISSIONS: dict[str, dict[tuple[str, str], str]] = {
    OfficerRole.JUDGE: {**_READ_ORG, ("command_center", "backgroundjob"): "v"},
    OfficerRole.ASSISTANT: {**_READ_ORG, ("command_center", "backgroundjob"): "v"},
    OfficerRole.CLERK: {**_READ_ORG, ("command_center", "backgroundjob"): "v"},
    OfficerRole.JUDICIAL_POLICE: dict(_READ_ORG),
    OfficerRole.DIRECTOR: {
        **_READ_ORG,
        ("personnel", "officer"): "vc",
        ("command_center", "backgroundjob"): "v",
    },
    OfficerRole.DEPUTY_DIRECTOR: {
        **_READ_ORG,
        ("personnel", "officer"): "vc",
        ("command_center", "backgroundjob"): "v",
    },
    OfficerRole.LEADERSHIP: {**_READ_ORG, ("command_center", "backgroundjob"): "v"},
    OfficerRole.CENTER_STAFF: {**_READ_ORG, ("command_center", "backgroundjob"): "va"},
    OfficerRole.SUPERVISOR: {**_READ_ORG, ("command_center", "backgroundjob"): "v"},
}
_ACTIONS = {"v": "view", "a": "add", "c": "change", "d": "delete"}


def group_name(role: str) -> str:
    return f"role:{role}"


def sync_role_groups(using: str = "default", **_kwargs) -> None:
    # post_migrate reaches this app before later apps have their permissions
    # (and a test flush wipes them): create every app's first.
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using)
        create_permissions(app_config, verbosity=0, using=using)
    for role, grants in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name(role))
        wanted = []
        for (app_label, model), letters in grants.items():
            codenames = [f"{_ACTIONS[ch]}_{model}" for ch in letters]
            wanted += list(
                Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )
        group.permissions.set(wanted)
