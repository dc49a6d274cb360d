"""The audit trail is written by triggers: bulk updates and task changes are caught,
with the actor, request id and client address."""

import time

import pghistory
import pytest
from django.contrib.auth import get_user_model

from haikou_exec.audit import current_audit_context, set_audit_actor
from personnel.models import Officer, OfficerEvent


@pytest.mark.django_db
def test_bulk_update_leaves_one_event_per_row_with_actor(org):
    admin = get_user_model().objects.get(username="admin")
    ids = list(Officer.objects.filter(bureau__court__code="琼0105").values_list("pk", flat=True))
    with pghistory.context(user=admin.pk, request_id="req-bulk"):
        updated = Officer.objects.filter(pk__in=ids).update(phone="0898-66668888")
    assert updated == len(ids) >= 4
    events = OfficerEvent.objects.filter(pgh_obj_id__in=ids, pgh_label="update")
    assert events.count() == len(ids)
    for event in events.select_related("pgh_context"):
        assert event.phone == "0898-66668888"
        assert event.pgh_context.metadata["user"] == admin.pk
        assert event.pgh_context.metadata["request_id"] == "req-bulk"


@pytest.mark.django_db
def test_api_change_records_actor_request_id_and_address(login, org):
    client = login("xy_director")
    officer = Officer.objects.get(user__username="xy_clerk")
    response = client.patch(
        f"/api/v1/officers/{officer.pk}/",
        {"phone": "13807560001"},
        content_type="application/json",
        HTTP_X_REQUEST_ID="abc123",
        REMOTE_ADDR="10.46.1.9",
    )
    assert response.status_code == 200, response.content
    event = OfficerEvent.objects.filter(pgh_obj=officer, pgh_label="update").latest("pgh_id")
    meta = event.pgh_context.metadata
    assert meta["user"] == get_user_model().objects.get(username="xy_director").pk
    # The server names the request; a client's X-Request-ID is not taken (no proxy).
    assert meta["request_id"] == response["X-Request-ID"] != "abc123"
    assert len(meta["request_id"]) == 32 and "inbound_request_id" not in meta
    assert meta["remote_addr"] == "10.46.1.9"
    # The history is readable on the object's page, with before and after.
    page = client.get(f"/people/officers/{officer.pk}/").content.decode()
    assert "13807560001" in page
    # …by name and role, as written with the change (not an account number).
    assert meta["actor"] == "符海燕" and meta["role"] == "director"
    import re

    actors = re.findall(r"<td data-actor>(.*?)</td>", page)
    assert actors and actors[0].startswith("符海燕（") and "—" not in actors[0]


@pytest.mark.django_db
def test_audit_rows_cannot_be_deleted_or_edited(org):
    from django.db import InternalError, ProgrammingError, transaction

    officer = Officer.objects.first()
    Officer.objects.filter(pk=officer.pk).update(phone="1")
    event = OfficerEvent.objects.filter(pgh_obj=officer).first()
    with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
        OfficerEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
        OfficerEvent.objects.filter(pk=event.pk).update(phone="tampered")


@pytest.mark.celery_worker
def test_change_made_in_task_carries_the_actor(org, celery_worker_thread):
    from haikou_exec.models import BackgroundJob
    from personnel.services import request_officer_deactivation

    admin = get_user_model().objects.get(username="zy_leader")
    targets = list(
        Officer.objects.filter(user__username__in=["lh_judge", "qs_judge"]).values_list(
            "pk", flat=True
        )
    )
    token = set_audit_actor(admin.pk, request_id="req-task")
    try:
        job = request_officer_deactivation(user=admin, officer_ids=targets)
    finally:
        current_audit_context.reset(token)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            break
        time.sleep(0.2)
    assert job.status == "succeeded", job.message
    assert job.result == {"deactivated": 2}
    assert BackgroundJob.objects.get(pk=job.pk).percent == 100
    events = OfficerEvent.objects.filter(
        pgh_obj_id__in=targets, pgh_label="update", is_active=False
    )
    assert events.count() == 2
    for event in events:
        meta = event.pgh_context.metadata
        assert meta["user"] == admin.pk
        assert meta["request_id"] == "req-task"
        assert meta["task"] == "personnel.tasks.deactivate_officers_task"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("proxies", "forwarded", "address", "inbound"),
    [
        (0, "6.6.6.6", "10.46.1.9", None),  # no proxy: forwarded headers are ignored
        (1, "6.6.6.6, 10.46.7.7", "10.46.7.7", "proxy-42"),  # the proxy's own hop
        (1, "", "10.46.1.9", "proxy-42"),
    ],
)
def test_client_address_and_request_id_trust_only_configured_proxies(
    login, org, settings, proxies, forwarded, address, inbound
):
    settings.TRUSTED_PROXY_COUNT = proxies
    client = login("xy_director")
    officer = Officer.objects.get(user__username="xy_clerk")
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    response = client.patch(
        f"/api/v1/officers/{officer.pk}/",
        {"phone": "13807560002"},
        content_type="application/json",
        HTTP_X_REQUEST_ID="proxy-42",
        REMOTE_ADDR="10.46.1.9",
        **extra,
    )
    assert response.status_code == 200, response.content
    meta = OfficerEvent.objects.filter(pgh_obj=officer).latest("pgh_id").pgh_context.metadata
    assert meta["remote_addr"] == address
    assert meta.get("inbound_request_id") == inbound
    assert meta["request_id"] == response["X-Request-ID"] != "proxy-42"


def test_a_history_row_says_what_changed_or_is_left_out():
    """An update that moved only bookkeeping (a write elsewhere bumped the case's
    version) is no row; one with a visible change or a stated reason is."""
    from types import SimpleNamespace

    from courts.templatetags.history_tags import EVENT_LABELS, history_rows

    def event(label, diff, **context):
        return SimpleNamespace(
            pgh_label=label,
            pgh_diff=diff,
            pgh_context=context,
            pgh_model="cases.EnforcementCase",
            pgh_created_at=None,
            pgh_data={},
        )

    rows = history_rows(
        [
            event("update", {"version": [1, 2], "updated_at": ["a", "b"]}),
            event("update", {"version": [2, 3], "amount_recovered": ["1", "2"]}),
            event("update", {"version": [3, 4]}, reason="更正"),
            event("insert", None),
        ]
    )
    changed, created = EVENT_LABELS["update"](), EVENT_LABELS["insert"]()
    assert [row["what"] for row in rows] == [changed, changed, created]
    assert rows[0]["changes"] and rows[0]["changes"][0][2] == "2.00"
    assert rows[1]["reason"] == "更正" and not rows[1]["changes"]
