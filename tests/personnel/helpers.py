"""Builders for the people tests: officers with crafted histories of positions."""

from __future__ import annotations

import datetime
import itertools

from django.contrib.auth import get_user_model

from courts.models import Bureau
from personnel.models import Officer, Position
from personnel.services import sync_officer_groups

_seq = itertools.count(1)
D = datetime.date


def bureau(code: str, kind: str = "enforcement") -> Bureau:
    return Bureau.objects.get(court__code=code, kind=kind)


def officer(code: str = "琼0105", role: str = "judge", name: str | None = None, **extra) -> Officer:
    n = next(_seq)
    user = get_user_model().objects.create_user(
        username=f"t_officer_{n}", password="demo-pass-2026"
    )
    o = Officer.objects.create(
        user=user,
        name=name or f"测试人员{n}",
        bureau=bureau(code),
        role=role,
        badge_number=f"TP{n:06d}",
        **extra,
    )
    sync_officer_groups(o)
    return o


def position(o: Officer, post: str, start, end=None, code: str | None = None, acting=False):
    return Position.objects.create(
        officer=o,
        bureau=bureau(code) if code else o.bureau,
        post=post,
        started_on=start,
        ended_on=end,
        is_acting=acting,
    )


def leader(code: str, post: str, since, name=None) -> Officer:
    """An officer holding a leadership post of ``code``'s bureau since ``since``."""
    o = officer(code, role=post, name=name)
    position(o, post, since)
    return o
