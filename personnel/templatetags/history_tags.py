"""The change history's "by" column: the actor's name and role, not an id.

The audit context stores the actor as a user id (haikou_exec.audit); the history
table resolves every actor of the page in one query."""

from __future__ import annotations

from django import template
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

register = template.Library()


def actor_labels(user_ids) -> dict[int, str]:
    """user id → "姓名（角色）" (or the name alone for a user without an officer).

    Always one query, actors or not, so a page's query count does not depend on
    who made the changes (the query-count guards compare pages)."""
    users = (
        get_user_model()
        .objects.filter(pk__in=list(user_ids) or [0])
        .select_related("officer")
        .only("pk", "username", "first_name", "last_name", "is_superuser", "officer__role")
    )
    labels = {}
    for user in users:
        name = f"{user.last_name}{user.first_name}".strip() or user.username
        officer = getattr(user, "officer", None)
        if officer is not None:
            labels[user.pk] = f"{name}（{officer.get_role_display()}）"
        elif user.is_superuser:
            labels[user.pk] = f"{name}（{_('system administrator')}）"
        else:
            labels[user.pk] = name
    return labels


@register.simple_tag
def history_with_actors(history) -> list[tuple]:
    """[(event, actor label or "", task name or "")] for the rows of a history table."""
    events = list(history)
    if not events:
        return []
    contexts = [e.pgh_context if isinstance(e.pgh_context, dict) else {} for e in events]
    labels = actor_labels({c.get("user") for c in contexts if c.get("user")})
    return [
        (event, labels.get(context.get("user"), ""), context.get("task", ""))
        for event, context in zip(events, contexts, strict=True)
    ]
