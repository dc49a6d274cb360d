"""Computing and verifying the daily hash chain over every pghistory event table."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from audit.models import AuditSeal

GENESIS = "0" * 64


def event_models() -> list:
    import pghistory.models

    models = [
        m
        for m in pghistory.models.Event.__subclasses__()
        if not m._meta.abstract and not m._meta.proxy
    ]
    # Include concrete subclasses of subclasses too, in a stable order.
    seen, stack = [], list(models)
    while stack:
        model = stack.pop()
        if model not in seen:
            seen.append(model)
            stack.extend(
                m for m in model.__subclasses__() if not m._meta.abstract and not m._meta.proxy
            )
    return sorted(seen, key=lambda m: m._meta.label)


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = ZoneInfo(settings.TIME_ZONE)
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    return start, start + dt.timedelta(days=1)


# Seals record how they were hashed: 1 = the event rows alone (seals made before the
# context was covered); 2 = each event row with its context (who, from where), so
# changing the actor of a change breaks the chain as changing the change does.
CURRENT_SCHEME = 2


def day_digest(day: dt.date, scheme: int = CURRENT_SCHEME) -> tuple[str, int]:
    """sha256 over every event of the day (streamed, in table then id order)."""
    start, end = _day_bounds(day)
    digest = hashlib.sha256()
    count = 0
    for model in event_models():
        rows = model.objects.filter(pgh_created_at__gte=start, pgh_created_at__lt=end).order_by(
            "pgh_id"
        )
        if scheme >= 2 and any(f.name == "pgh_context" for f in model._meta.fields):
            columns = [f.attname for f in model._meta.concrete_fields]
            rows = rows.values(*columns, "pgh_context__metadata")
        else:
            rows = rows.values()
        for row in rows.iterator(chunk_size=2000):
            digest.update(model._meta.label.encode())
            digest.update(json.dumps(row, sort_keys=True, cls=DjangoJSONEncoder).encode())
            count += 1
    return digest.hexdigest(), count


def chain(previous: str, day: dt.date, digest: str) -> str:
    return hashlib.sha256(f"{previous}|{day.isoformat()}|{digest}".encode()).hexdigest()


@transaction.atomic
def seal_day(day: dt.date) -> AuditSeal:
    """Seal a finished day; idempotent (an existing seal is returned unchanged)."""
    existing = AuditSeal.objects.filter(day=day).first()
    if existing:
        return existing
    last = AuditSeal.objects.select_for_update().filter(day__lt=day).order_by("-day").first()
    previous = last.chain_hash if last else GENESIS
    digest, count = day_digest(day, CURRENT_SCHEME)
    return AuditSeal.objects.create(
        day=day,
        scheme=CURRENT_SCHEME,
        event_count=count,
        previous_hash=previous,
        digest=digest,
        chain_hash=chain(previous, day, digest),
    )


@dataclass
class Break:
    day: dt.date
    problem: str


def verify_chain() -> list[Break]:
    """Recompute every sealed day; report a changed day or a broken link."""
    breaks: list[Break] = []
    previous = GENESIS
    for seal in AuditSeal.objects.order_by("day"):
        if seal.previous_hash != previous:
            breaks.append(
                Break(
                    seal.day,
                    "link to the previous day does not match (a seal was removed or altered)",
                )
            )
        digest, count = day_digest(seal.day, seal.scheme)
        if digest != seal.digest:
            breaks.append(
                Break(
                    seal.day,
                    f"events changed since sealing ({seal.event_count} sealed, {count} now)",
                )
            )
        if chain(seal.previous_hash, seal.day, seal.digest) != seal.chain_hash:
            breaks.append(Break(seal.day, "the seal itself was altered"))
        previous = seal.chain_hash
    return breaks
