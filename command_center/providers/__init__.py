"""Providers of the external systems the command centre talks to, each behind a
small interface with a built-in sandbox (DESIGN.md "External integrations").

``PROPERTY_QUERY_PROVIDER`` and ``SMS_PROVIDER`` name a registered provider (or
give a dotted path to a class with ``from_settings()``)."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from command_center.providers.base import PropertyNetwork
from command_center.providers.sms import SmsGateway

PROPERTY_NETWORKS = {"sandbox": "command_center.providers.sandbox.SandboxPropertyNetwork"}
SMS_GATEWAYS = {"sandbox": "command_center.providers.sms.SandboxSms"}


def _load(registry: dict[str, str], name: str):
    cls = import_string(registry.get(name, name))
    return cls.from_settings()


def property_network() -> PropertyNetwork:
    """The provider chosen by ``PROPERTY_QUERY_PROVIDER`` (read on every call, so a
    changed setting takes effect without a restart of the caller)."""
    return _load(PROPERTY_NETWORKS, getattr(settings, "PROPERTY_QUERY_PROVIDER", "sandbox"))


def sms_gateway() -> SmsGateway:
    return _load(SMS_GATEWAYS, getattr(settings, "SMS_PROVIDER", "sandbox"))
