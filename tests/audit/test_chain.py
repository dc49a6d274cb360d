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


def _context_of_latest_officer_update():
    from pghistory.models import Context

    event = OfficerEvent.objects.filter(pgh_label="update").latest("pgh_id")
    return event, Context.objects.get(pk=event.pgh_context_id)


@pytest.mark.django_db
def test_the_context_of_a_change_is_append_only(org):
    """Who made a change cannot be deleted or rewritten (issue "Trust" 9)."""
    import pghistory
    from django.db import connection

    with pghistory.context(user=1, actor="黄丽娜", role="clerk"):
        Officer.objects.filter(user__username="xy_clerk").update(phone="0898-3")
    _event, context = _context_of_latest_officer_update()
    assert context.metadata["actor"] == "黄丽娜"
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE pghistory_context SET metadata = jsonb_set(metadata, '{actor}', '\"他人\"')"
            " WHERE id = %s",
            [context.pk],
        )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM pghistory_context WHERE id = %s", [context.pk])
    # A value may still be added while the request runs (the API learns its user late).
    with connection.cursor() as cursor:
        cursor.execute(
            'UPDATE pghistory_context SET metadata = metadata || \'{"url": "/x"}\' WHERE id = %s',
            [context.pk],
        )


@pytest.mark.django_db
def test_rewriting_who_made_a_change_breaks_the_chain(org):
    import pghistory
    from django.db import connection

    with pghistory.context(user=1, actor="黄丽娜", role="clerk"):
        Officer.objects.filter(user__username="xy_clerk").update(phone="0898-4")
    event, context = _context_of_latest_officer_update()
    day = timezone.localdate(event.pgh_created_at)
    seal = seal_day(day)
    assert seal.scheme == 2 and verify_chain() == []
    # Someone with database rights switches the trigger off and names another actor.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE pghistory_context DISABLE TRIGGER audit_context_append_only")
        cursor.execute(
            "UPDATE pghistory_context SET metadata = jsonb_set(metadata, '{actor}', '\"他人\"')"
            " WHERE id = %s",
            [context.pk],
        )
        cursor.execute("ALTER TABLE pghistory_context ENABLE TRIGGER audit_context_append_only")
    assert [b.day for b in verify_chain()] == [day]


@pytest.mark.django_db
def test_seals_made_before_the_context_was_covered_still_verify(org):
    """A scheme-1 seal (event rows only) is verified the way it was made."""
    from audit.chain import GENESIS, chain, day_digest

    Officer.objects.filter(user__username="xy_clerk").update(phone="0898-5")
    stamped = OfficerEvent.objects.filter(pgh_label="update").latest("pgh_id").pgh_created_at
    day = timezone.localdate(stamped)
    digest, count = day_digest(day, scheme=1)
    AuditSeal.objects.create(
        day=day,
        event_count=count,
        previous_hash=GENESIS,
        digest=digest,
        chain_hash=chain(GENESIS, day, digest),
        scheme=1,
    )
    assert verify_chain() == []
