"""Command: directives with feedback, operations with assignments and a results
tally, video consultations, field records with SHA-256 attachments, the
dispatch log; public opinion; outsourcing."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from command_center.demo.command import _png
from command_center.models import DirectiveRecipient, FieldRecordAttachment, OperationParticipant
from command_center.services import command, opinion, outsourcing
from courts.models import Bureau
from haikou_exec.models import Notification


def _district_bureaus():
    return list(
        Bureau.objects.filter(kind="enforcement", court__tier="district").order_by(
            "court__sort_order"
        )
    )


@pytest.mark.django_db
def test_directive_is_acknowledged_and_answered_by_each_bureau(
    login, user, django_capture_on_commit_callbacks
):
    bureaus = _district_bureaus()
    with django_capture_on_commit_callbacks(execute=True):
        directive = command.issue_directive(
            user=user("zy_leader"),
            title="关于规范终本案件管理的指令",
            body="逐案核查终本条件。",
            required_feedback="报送核查结果",
            feedback_due_on=timezone.localdate() + dt.timedelta(days=7),
            bureau_ids=[b.pk for b in bureaus],
        )
    assert directive.recipients.count() == 4
    assert Notification.objects.filter(
        recipient=user("xy_director"), link__startswith="/centre/feedback/"
    ).exists()
    with pytest.raises(PermissionDenied):
        command.issue_directive(
            user=user("xy_director"),
            title="x",
            body="x",
            required_feedback="x",
            feedback_due_on=timezone.localdate(),
            bureau_ids=[bureaus[0].pk],
        )
    xy = directive.recipients.get(bureau__court__code="琼0105")
    director = login("xy_director")
    # The district sees its own part, not the directive row of the intermediate court.
    assert director.get(f"/centre/feedback/{xy.pk}/").status_code == 200
    assert director.get(f"/centre/directives/{directive.pk}/").status_code == 404
    lh = directive.recipients.get(bureau__court__code="琼0106")
    assert director.get(f"/centre/feedback/{lh.pk}/").status_code == 404
    director.post(f"/centre/feedback/{xy.pk}/acknowledge/")
    xy.refresh_from_db()
    assert xy.status == "acknowledged" and xy.acknowledged_by == user("xy_director")
    # A judge of the bureau cannot answer for it.
    login("xy_judge").post(f"/centre/feedback/{xy.pk}/report/", {"feedback": "x"})
    xy.refresh_from_db()
    assert xy.status == "acknowledged"
    director.post(f"/centre/feedback/{xy.pk}/report/", {"feedback": "已核查终本案件56件。"})
    xy.refresh_from_db()
    assert xy.status == "reported" and "56" in xy.feedback
    page = login("zy_leader").get(f"/centre/directives/{directive.pk}/").content.decode()
    assert "已核查终本案件56件" in page


@pytest.mark.django_db
def test_operation_draws_officers_and_equipment_and_tallies_results(login, user):
    from equipment.models import EquipmentItem
    from personnel.models import Officer

    bureaus = _district_bureaus()
    operation = command.plan_operation(
        user=user("zy_leader"),
        name="冬季集中执行行动",
        plan="统一部署，集中清理涉民生案件。",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + dt.timedelta(days=7),
        bureau_tasks={b.pk: "清理辖区案件" for b in bureaus[:2]},
    )
    xy, lh = (operation.participants.get(bureau=b) for b in bureaus[:2])
    vehicle = EquipmentItem.objects.create(
        court=bureaus[0].court,
        category="vehicle",
        name="执法车",
        serial_number="XY-CAR-1",
        purchase_date=dt.date(2024, 1, 1),
        service_life_years=8,
    )
    officer = Officer.objects.get(user__username="xy_judge")
    command.assign_to_operation(
        user=user("xy_director"), participant_id=xy.pk, officer_id=officer.pk, duty="现场指挥"
    )
    command.assign_to_operation(
        user=user("xy_director"), participant_id=xy.pk, equipment_id=vehicle.pk, duty="押运"
    )
    with pytest.raises(ValidationError):  # another court's officer
        command.assign_to_operation(
            user=user("xy_director"),
            participant_id=xy.pk,
            officer_id=Officer.objects.get(user__username="lh_judge").pk,
        )
    from django.http import Http404

    with pytest.raises(Http404):  # another bureau's part
        command.assign_to_operation(
            user=user("xy_director"), participant_id=lh.pk, officer_id=officer.pk
        )
    command.report_operation_results(
        user=user("xy_director"),
        participant_id=xy.pk,
        cases_targeted=40,
        cases_concluded=12,
        amount_recovered=Decimal("350000.00"),
        detentions=2,
        properties_controlled=9,
    )
    with pytest.raises(ValidationError):
        command.report_operation_results(
            user=user("xy_director"),
            participant_id=xy.pk,
            cases_targeted=1,
            cases_concluded=5,
            amount_recovered=Decimal("0"),
            detentions=0,
            properties_controlled=0,
        )
    OperationParticipant.objects.filter(pk=lh.pk).update(
        cases_targeted=10, cases_concluded=4, amount_recovered=Decimal("50000")
    )
    tally = command.operation_tally(operation)
    assert tally["cases_targeted"] == 50 and tally["cases_concluded"] == 16
    assert tally["amount_recovered"] == Decimal("400000.00") and tally["reported"] == 1
    page = login("zy_leader").get(f"/centre/operations/{operation.pk}/").content.decode()
    assert "执法车" in page and "现场指挥" in page
    assert "400000" in page.replace(",", "")


@pytest.mark.django_db
def test_field_record_keeps_footage_with_its_sha256(login, xy_case, user, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    client = login("xy_judge")
    from personnel.models import Officer

    officer_ids = list(
        Officer.objects.filter(bureau__court__code="琼0105").values_list("pk", flat=True)[:2]
    )
    response = client.post(
        "/centre/field-records/new/",
        {
            "case_number": xy_case.case_number,
            "activity": "查封车辆",
            "place": "海口市秀英区长滨路1号",
            "started_at": "2026-10-12T09:30",
            "ended_at": "2026-10-12T11:00",
            "officers": officer_ids,
            "account": "全程执法记录仪录像。",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = xy_case.field_records.get()
    png = _png()
    upload = client.post(
        f"/centre/field-records/{record.pk}/attach/",
        {"file": SimpleUploadedFile("cam.png", png), "title": "执法记录仪截图"},
    )
    assert upload.status_code == 302
    attachment = FieldRecordAttachment.objects.get(record=record)
    assert (
        attachment.sha256 == hashlib.sha256(png).hexdigest()
        and attachment.content_type == "image/png"
    )
    client.post(
        f"/centre/field-records/{record.pk}/attach/", {"file": SimpleUploadedFile("again.png", png)}
    )
    assert FieldRecordAttachment.objects.filter(record=record).count() == 1  # the same content once
    zipped = client.post(
        f"/centre/field-records/{record.pk}/attach/",
        {"file": SimpleUploadedFile("x.zip", b"PK\x03\x04" + b"0" * 100)},
    )
    assert zipped.status_code == 200 and FieldRecordAttachment.objects.count() == 1
    download = client.get(f"/centre/attachments/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == png
    assert login("lh_judge").get(f"/centre/attachments/{attachment.pk}/").status_code == 404
    page = client.get(f"/centre/field-records/{record.pk}/").content.decode()
    assert attachment.sha256 in page and "查封车辆" in page


@pytest.mark.django_db
def test_dispatch_log_and_consultation(login, user, xy_case):
    from personnel.models import Officer

    entry = command.log_dispatch(
        user=user("center_staff"),
        occurred_at=timezone.now() - dt.timedelta(minutes=20),
        severity="emergency",
        location="龙华区金盘路",
        situation="被执行人聚集多人阻挠执行",
        reported_by="现场执行组",
        dispatched="法警6人、执法车2台",
    )
    with pytest.raises(ValidationError):
        command.update_dispatch(
            user=user("center_staff"), entry_id=entry.pk, status="open", action_taken=""
        )
    command.update_dispatch(
        user=user("center_staff"), entry_id=entry.pk, status="closed", action_taken="现场秩序恢复"
    )
    entry.refresh_from_db()
    assert entry.status == "closed" and entry.handled_at and entry.closed_at
    consultation = command.record_consultation(
        user=user("xy_director"),
        subject="执行方案会商",
        held_at=timezone.now(),
        minutes="先行询价。",
        participant_ids=list(
            Officer.objects.filter(bureau__court__code="琼0105").values_list("pk", flat=True)[:3]
        ),
        case_id=xy_case.pk,
    )
    assert consultation.court.code == "琼0105" and consultation.participants.count() == 3
    assert login("ml_judge").get(f"/centre/consultations/{consultation.pk}/").status_code == 404


@pytest.mark.django_db
def test_negative_opinion_reaches_the_director_and_is_answered(
    login, user, xy_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = opinion.log_opinion_item(
            user=user("center_staff"),
            court_id=xy_case.court_id,
            source="weibo",
            title="网友反映执行案件久拖不结",
            summary="转发量较大",
            sentiment="negative",
            discovered_at=timezone.now(),
            link="https://example.org/1",
            case_id=xy_case.pk,
        )
    assert Notification.objects.filter(
        recipient=user("xy_director"), dedup_key=f"opinion:{item.pk}:negative"
    ).exists()
    with pytest.raises(ValidationError):
        opinion.handle_opinion_item(
            user=user("center_staff"), item_id=item.pk, status="responded", response=""
        )
    opinion.handle_opinion_item(
        user=user("center_staff"), item_id=item.pk, status="responded", response="已回应"
    )
    item.refresh_from_db()
    assert item.status == "responded" and item.responded_by == user("center_staff")
    assert login("lh_judge").get(f"/centre/opinion/{item.pk}/").status_code == 404


@pytest.mark.django_db
def test_outsourcing_roster_task_result_and_rating(login, user, xy_case):
    from tests.command_center.conftest import uscc

    with pytest.raises(ValidationError):
        outsourcing.admit_institution(
            user=user("zy_leader"),
            name="坏代码所",
            kind="audit",
            admitted_on=dt.date(2026, 1, 1),
            credit_code="91460100MA5T00000X",
        )
    institution = outsourcing.admit_institution(
        user=user("zy_leader"),
        name="海南天衡会计师事务所",
        kind="accounting",
        admitted_on=dt.date(2026, 1, 5),
        credit_code=uscc(3),
        qualifications=[
            {
                "name": "会计师事务所执业证书",
                "certificate_number": "46000001",
                "issued_by": "海南省财政厅",
                "valid_until": dt.date(2028, 1, 1),
            }
        ],
    )
    assert institution.court.code == "琼01" and institution.qualifications.count() == 1
    task = outsourcing.commission_task(
        user=user("xy_judge"),
        institution_id=institution.pk,
        work="audit",
        scope_text="审计被执行人公司账目",
        deadline=timezone.localdate() + dt.timedelta(days=20),
        case_id=xy_case.pk,
        fee=Decimal("3000"),
    )
    assert task.court.code == "琼0105"
    outsourcing.record_delivery(
        user=user("xy_judge"),
        task_id=task.pk,
        result="审计报告一份",
        delivered_on=timezone.localdate(),
    )
    with pytest.raises(ValidationError):
        outsourcing.decide_delivery(user=user("xy_judge"), task_id=task.pk, accept=True, rating=7)
    outsourcing.decide_delivery(
        user=user("xy_judge"), task_id=task.pk, accept=True, rating=4, note="及时"
    )
    task.refresh_from_db()
    assert task.status == "accepted" and task.rating == 4
    page = login("zy_leader").get(f"/centre/institutions/{institution.pk}/").content.decode()
    assert "46000001" in page and "4.0" in page
    assert DirectiveRecipient.objects.count() == 0


@pytest.mark.django_db
def test_equipment_assigned_to_a_field_operation_is_linked_to_its_record(login, xy_case, user):
    """DOMAIN.md §7: an item taken on a field operation is linked to the field
    record, which then lists it among the equipment used; another court's record
    is refused."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from command_center.models import FieldRecord
    from courts.models import Court
    from equipment.services import inventory
    from tests.equipment.factories import make_item

    record = FieldRecord.objects.create(
        court=xy_case.court,
        case=xy_case,
        started_at=timezone.now(),
        place="海口市秀英区长滨路1号",
        activity="查封车辆",
        account="全程录像。",
        recorded_by=user("xy_judge"),
    )
    recorder = make_item(xy_case.court, serial="ZFJLY-2026-0001")
    client = login("xy_director")
    page = client.get(f"/equipment/items/{recorder.pk}/assign/").content.decode()
    assert "查封车辆" in page  # offered as a recent field record of the court
    done = client.post(
        f"/api/v1/equipment/{recorder.pk}/assign/",
        {"field_record": record.pk},
        content_type="application/json",
    )
    assert done.status_code == 201, done.content
    assert done.json()["field_record"] == record.pk
    assert list(record.equipment.all()) == [recorder]
    assert record.equipment_assignments.get().operation_reference == str(record)

    elsewhere = make_item(Court.objects.get(code="琼0106"), serial="ZFJLY-2026-0002")
    with pytest.raises(ValidationError) as refused:
        inventory.assign_item(user=user("admin"), item_id=elsewhere.pk, field_record=record)
    assert "field_record" in refused.value.message_dict
