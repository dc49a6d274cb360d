"""Fixtures for the equipment tests; uploads go to a temporary media folder."""

from __future__ import annotations

import pytest
from django.utils import timezone

from courts.models import Court


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def courts(org):
    """Courts by code (琼01, 琼0105 …)."""
    return {c.code: c for c in Court.objects.all()}
