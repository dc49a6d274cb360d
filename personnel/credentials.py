"""API tokens follow the account they belong to.

A token is a password that does not expire with the session: when the password
changes (the holder suspects it is known) or the account is deactivated (the officer
left), every API token of that user is revoked, so a copy held elsewhere stops
working at once instead of at its expiry (API_TOKEN_TTL_HOURS)."""

from __future__ import annotations


def revoke_tokens_on_credential_change(sender, instance, update_fields=None, **_kwargs) -> None:
    """pre_save of the user model: compare with the stored row, revoke if needed."""
    from rest_framework.authtoken.models import Token

    if instance.pk is None:
        return
    if update_fields is not None and not {"password", "is_active"} & set(update_fields):
        return  # e.g. last_login on every login: nothing to compare
    stored = sender.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if stored is None:
        return
    if stored["password"] != instance.password or (stored["is_active"] and not instance.is_active):
        Token.objects.filter(user_id=instance.pk).delete()
