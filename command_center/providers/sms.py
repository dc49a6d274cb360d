"""Text messages to parties (DESIGN.md "External integrations": SMS).

``SandboxSms`` is a sandbox: it sends nothing, logs the message and returns a
deterministic reference. A real gateway implements ``send`` the same way."""

from __future__ import annotations

import hashlib
import logging

logger = logging.getLogger("command_center.sms")


class SmsGateway:
    name = "abstract"
    is_sandbox = False

    def send(self, *, phone: str, text: str) -> str:
        """Send one message; returns the gateway's reference."""
        raise NotImplementedError


class SandboxSms(SmsGateway):
    name = "sandbox"
    is_sandbox = True

    @classmethod
    def from_settings(cls) -> SandboxSms:
        return cls()

    def send(self, *, phone: str, text: str) -> str:
        reference = "SMS" + hashlib.sha256(f"{phone}|{text}".encode()).hexdigest()[:12].upper()
        logger.info("sandbox SMS %s to %s: %s", reference, phone[:3] + "****" + phone[-4:], text)
        return reference
