"""Groups carry the model permissions of each role; the restriction point
(courts.access) then narrows them to rows.

Each app declares what each role may do with its models on its AppConfig:

    role_permissions = {
        "*": {"court": "v"},                 # every role: view
        OfficerRole.DIRECTOR: {"officer": "vc"},  # v=view a=add c=change d=delete
    }

The groups are rebuilt from those declarations after every migrate, so a fresh
database (or a test flush) always has them.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Group, Permission

from personnel.choices import OfficerRole

_ACTIONS = {"v": "view", "a": "add", "c": "change", "d": "delete"}


def group_name(role: str) -> str:
    return f"role:{role}"


def role_grants() -> dict[str, dict[tuple[str, str], set[str]]]:
    """(app_label, model) → actions, per role, merged from every app."""
    grants: dict[str, dict[tuple[str, str], set[str]]] = {role: {} for role in OfficerRole.values}
    for app_config in apps.get_app_configs():
        declared = getattr(app_config, "role_permissions", None) or {}
        for role_key, models in declared.items():
            roles = OfficerRole.values if role_key == "*" else [role_key]
            for role in roles:
                for model, letters in models.items():
                    actions = grants[role].setdefault((app_config.label, model), set())
                    actions.update(_ACTIONS[ch] for ch in letters)
    return grants


def sync_role_groups(using: str = "default", **_kwargs) -> None:
    # post_migrate reaches this app before later apps have their permissions
    # (and a test flush wipes them): create every app's first.
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using)
        create_permissions(app_config, verbosity=0, using=using)
    # Every permission read once (89 queries instead of ~1,000 per migrate or flush).
    by_key = {
        (app_label, codename): pk
        for pk, app_label, codename in Permission.objects.using(using).values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for role, grants in role_grants().items():
        group, _ = Group.objects.using(using).get_or_create(name=group_name(role))
        wanted = [
            by_key[key]
            for (app_label, model), actions in grants.items()
            for key in ((app_label, f"{action}_{model}") for action in actions)
            if key in by_key
        ]
        group.permissions.set(wanted)
