import datetime as dt

import pgtrigger
import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, transaction
from django.utils import timezone

from audit.chain import seal_day, verify_chain
from audit.models import AuditSeal
from personnel.models import Officer, OfficerEvent


@pytest.mark.django_db
def test_sealed_days_verify_and_tampering_is_reported(org):
    Officer.objects.filter(user__username="xy_clerk").update(phone="0898-1")
    # The event is stamped by the database's clock; seal the day it carries (the
    # same as the app's day, except when a test run moves the app's clock).
    stamped = OfficerEvent.objects.filter(pgh_label="update").latest("pgh_id").pgh_created_at
    today = timezone.localdate(stamped)
    seal = seal_day(today)
    assert seal.event_count > 0
    assert seal_day(today).pk == seal.pk  # idempotent
    assert verify_chain() == []
    call_command("verify_audit")
    # Someone with database rights edits an event behind the triggers' back.
    event = OfficerEvent.objects.filter(pgh_label="update").latest("pgh_id")
    with pgtrigger.ignore("personnel.OfficerEvent:append_only"):
        OfficerEvent.objects.filter(pk=event.pk).update(phone="0898-2")
    breaks = verify_chain()
    assert [b.day for b in breaks] == [today]
    with pytest.raises(CommandError, match="1 break"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_chain_links_days_and_seals_are_append_only(org):
    day1, day2 = dt.date(2026, 1, 5), dt.date(2026, 1, 6)
    s1, s2 = seal_day(day1), seal_day(day2)
    assert s2.previous_hash == s1.chain_hash
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditSeal.objects.filter(pk=s1.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        OfficerEvent.objects.all().delete()
