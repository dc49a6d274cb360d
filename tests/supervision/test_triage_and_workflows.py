"""Triage of alerts (dismiss with a reason, or open supervision), supervision
orders with deadlines, inspections with findings per court, case reviews on a
scoring sheet, 一案双查 shared with the discipline office, 约谈."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from supervision.models import Alert, SupervisionCase
from supervision.services import alerts as alert_service
from supervision.services import cases as case_service
from tests.supervision.conftest import TODAY
from tests.supervision.helpers import add_finding, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def alert(rule):
    r = rule("property_without_measure", days=7)
    case = make_case("琼0106")
    add_finding(case, found_on=dt.date(2026, 6, 1))
    alert_service.evaluate_rule(r, TODAY)
    return Alert.objects.get(rule=r, case=case)


def test_dismiss_needs_a_reason_and_a_supervisor(alert, user):
    with pytest.raises(ValidationError):
        alert_service.dismiss_alert(user=user("supervisor"), alert_id=alert.pk, reason="  ")
    with pytest.raises(PermissionDenied):
        alert_service.dismiss_alert(user=user("lh_judge"), alert_id=alert.pk, reason="无需处理")
    alert_service.dismiss_alert(
        user=user("supervisor"), alert_id=alert.pk, reason="财产已设定抵押，顺位在后"
    )
    alert.refresh_from_db()
    assert alert.status == "dismissed" and alert.triaged_by.username == "supervisor"
    # Triaged once: a rerun keeps it dismissed and raises nothing new.
    run = alert_service.evaluate_rule(alert.rule, TODAY + dt.timedelta(days=1))
    alert.refresh_from_db()
    assert alert.status == "dismissed" and run.new == 0 and Alert.objects.count() == 1
    with pytest.raises(ValidationError):
        alert_service.dismiss_alert(user=user("supervisor"), alert_id=alert.pk, reason="again")


def test_open_supervision_from_an_alert(alert, user):
    supervision = alert_service.open_supervision_from_alert(
        user=user("supervisor"), alert_id=alert.pk
    )
    alert.refresh_from_db()
    assert alert.status == "supervised" and alert.supervision_case == supervision
    assert supervision.supervised_case_id == alert.case_id and supervision.court.code == "琼0106"
    assert supervision.source == "alert" and supervision.trigger == "negative"
    assert (
        "Days since, without a control measure" in supervision.description
        or "财产" in supervision.description
    )
    assert (
        supervision.reference.startswith("（") and supervision.handler.user.username == "supervisor"
    )
    alert_service.evaluate_rule(alert.rule, TODAY + dt.timedelta(days=1))
    alert.refresh_from_db()
    assert alert.status == "supervised"


def test_triage_through_the_pages(alert, login):
    supervisor = login("supervisor")
    page = supervisor.get(f"/supervision/alerts/{alert.pk}/").content.decode()
    assert "dismiss-form" in page and alert.case.case_number in page
    response = supervisor.post(f"/supervision/alerts/{alert.pk}/dismiss/", {"reason": ""})
    assert response.status_code == 200 and Alert.objects.get(pk=alert.pk).status == "open"
    response = supervisor.post(
        f"/supervision/alerts/{alert.pk}/supervise/", {"title": "", "description": "请龙华法院说明"}
    )
    supervision = SupervisionCase.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/supervision/cases/{supervision.pk}/"
    )
    # A district judge sees its court's alert, but has no triage form and cannot post one.
    judge = login("lh_judge")
    assert judge.get(f"/supervision/alerts/{alert.pk}/").status_code in (200, 404)
    assert login("ml_judge").get(f"/supervision/alerts/{alert.pk}/").status_code == 404


def test_supervision_order_deadline_response_and_review(user):
    case = make_case("琼0107")
    order = case_service.issue_order(
        user=user("supervisor"),
        case_id=case.pk,
        subject="督促依法处置查封房产",
        instructions="请于期限内报告处置进展",
        respond_by=dt.date(2026, 6, 10),
        issued_on=dt.date(2026, 6, 1),
    )
    assert order.court.code == "琼0107" and order.status == "issued"
    assert order.is_overdue(dt.date(2026, 6, 11))
    with pytest.raises(PermissionDenied):
        case_service.respond_to_order(user=user("qs_judge"), order_id=order.pk, text="已处置")
    with pytest.raises(ValidationError):
        case_service.issue_order(
            user=user("supervisor"),
            court_id=case.court_id,
            subject="x",
            instructions="y",
            respond_by=dt.date(2026, 5, 1),
            issued_on=dt.date(2026, 6, 1),
        )
    from personnel.models import Officer
    from tests.factories import OfficerFactory

    qs_bureau = Officer.objects.get(user__username="qs_judge").bureau
    director = OfficerFactory(bureau=qs_bureau, role="director", user__username="qs_director")
    response = case_service.respond_to_order(
        user=director.user,
        order_id=order.pk,
        text="已启动评估拍卖",
        responded_on=dt.date(2026, 6, 12),
    )
    order.refresh_from_db()
    assert response.late and order.responded_late and order.status == "responded"
    with pytest.raises(ValidationError):
        case_service.review_order_response(
            user=user("supervisor"), order_id=order.pk, accept=False, remarks=""
        )
    case_service.review_order_response(
        user=user("supervisor"), order_id=order.pk, accept=False, remarks="请附拍卖公告"
    )
    case_service.respond_to_order(user=director.user, order_id=order.pk, text="附拍卖公告")
    case_service.review_order_response(user=user("supervisor"), order_id=order.pk, accept=True)
    order.refresh_from_db()
    assert order.status == "accepted" and order.responses.count() == 2


def test_inspection_findings_per_court_and_rectification(user):
    from supervision.services import inspections

    inspection = inspections.create_inspection(
        user=user("supervisor"),
        kind="campaign",
        title="终本案件专项检查",
        focus="抽查终本案件",
        starts_on=dt.date(2026, 3, 1),
        ends_on=dt.date(2026, 4, 30),
        court_ids=list(
            __import__("courts.models", fromlist=["Court"])
            .Court.objects.filter(code__in=["琼0105", "琼0106"])
            .values_list("pk", flat=True)
        ),
    )
    xy = inspection.courts.get(code="琼0105")
    finding = inspections.record_finding(
        user=user("supervisor"),
        inspection_id=inspection.pk,
        court_id=xy.pk,
        category="termination",
        severity="major",
        description="终本前未约谈申请人",
        found_on=dt.date(2026, 3, 15),
        rectify_by=dt.date(2026, 4, 15),
    )
    ml = __import__("courts.models", fromlist=["Court"]).Court.objects.get(code="琼0108")
    with pytest.raises(ValidationError):
        inspections.record_finding(
            user=user("supervisor"),
            inspection_id=inspection.pk,
            court_id=ml.pk,
            category="other",
            severity="minor",
            description="x",
        )
    # Another court's record is outside 龙华's scope: 404, as on reads (lock_for).
    with pytest.raises(Http404):
        inspections.report_rectification(
            user=user("lh_judge"), finding_id=finding.pk, rectification="已整改"
        )
    inspections.report_rectification(
        user=user("xy_director"), finding_id=finding.pk, rectification="已补充约谈并复查"
    )
    inspections.review_rectification(user=user("supervisor"), finding_id=finding.pk, accept=True)
    finding.refresh_from_db()
    assert finding.status == "accepted"


def test_case_review_on_the_scoring_sheet(sup_ref, user):
    from supervision.models import ScoringSheet
    from supervision.services import reviews

    sheet = ScoringSheet.objects.get()
    items = list(sheet.items.all())
    assert sum(i.max_points for i in items) == 100
    case = make_case()
    review = reviews.start_review(user=user("supervisor"), case_id=case.pk, sheet_id=sheet.pk)
    with pytest.raises(ValidationError):
        reviews.score_review(
            user=user("supervisor"), review_id=review.pk, points={items[0].pk: "99"}
        )
    points = {i.pk: i.max_points for i in items}
    points[items[2].pk] = Decimal("5")  # 财产调查 15 → 5
    with pytest.raises(ValidationError):  # every item before finalising
        reviews.score_review(
            user=user("supervisor"), review_id=review.pk, points={items[0].pk: 8}, finalise=True
        )
    review = reviews.score_review(
        user=user("supervisor"), review_id=review.pk, points=points, finalise=True
    )
    assert (review.total_points, review.max_points, review.grade) == (
        Decimal("90.0"),
        Decimal("100.0"),
        "excellent",
    )
    with pytest.raises(ValidationError):
        reviews.score_review(user=user("supervisor"), review_id=review.pk, points=points)


def test_joint_inspection_shared_with_the_discipline_office(sup_ref, user, login, org):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from personnel.models import Officer
    from supervision.choices import DISCIPLINE_GROUP
    from supervision.services import joint

    case = make_case()
    record = joint.open_joint_inspection(
        user=user("supervisor"),
        case_id=case.pk,
        reason="当事人举报消极执行",
        inspection_office="督察室 张某",
    )
    with pytest.raises(ValidationError):
        joint.conclude_joint_inspection(user=user("supervisor"), joint_id=record.pk)
    joint.record_case_findings(
        user=user("supervisor"),
        joint_id=record.pk,
        case_findings="查封后九个月未处置",
        case_conclusion="flawed",
    )
    officer = Officer.objects.get(user__username="xy_judge")
    joint.record_conduct_finding(
        user=user("supervisor"),
        joint_id=record.pk,
        officer_id=officer.pk,
        finding="未及时启动评估程序",
        conclusion="irregularity",
        recommended_action="诫勉谈话",
    )
    lh = Officer.objects.get(user__username="lh_judge")
    with pytest.raises(ValidationError):
        joint.record_conduct_finding(
            user=user("supervisor"),
            joint_id=record.pk,
            officer_id=lh.pk,
            finding="x",
            conclusion="no_fault",
        )
    joint.conclude_joint_inspection(user=user("supervisor"), joint_id=record.pk)

    # The discipline office: no officer, no court scope — it reads what is shared with it.
    clerk = get_user_model().objects.create_user("jijian", password="demo-pass-2026")
    clerk.groups.add(Group.objects.get(name=DISCIPLINE_GROUP))
    client = login("supervisor")
    client.force_login(clerk)
    assert client.get(f"/supervision/joint/{record.pk}/").status_code == 404
    assert joint.share_with_discipline_office(user=user("supervisor"), joint_id=record.pk) == 1
    page = client.get(f"/supervision/joint/{record.pk}/")
    assert page.status_code == 200 and "未及时启动评估程序" in page.content.decode()
    xlsx = client.get(f"/supervision/joint/{record.pk}/export/xlsx/")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    pdf = client.get(f"/supervision/joint/{record.pk}/export/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # Another court's judge still cannot see it.
    assert login("lh_judge").get(f"/supervision/joint/{record.pk}/").status_code == 404


def test_talk_with_a_district_director(user):
    from personnel.models import Officer
    from supervision.services import talks

    director = Officer.objects.get(user__username="xy_director")
    with pytest.raises(ValidationError):
        talks.schedule_talk(
            user=user("supervisor"),
            director_id=Officer.objects.get(user__username="xy_judge").pk,
            reason="x",
            scheduled_on=TODAY,
        )
    talk = talks.schedule_talk(
        user=user("supervisor"),
        director_id=director.pk,
        reason="终本合格率连续两季度低于80%",
        scheduled_on=TODAY,
    )
    assert talk.court.code == "琼0105"
    talks.record_talk(
        user=user("zy_leader"),
        talk_id=talk.pk,
        held_on=TODAY,
        held_by="王建国",
        record="指出问题，提出整改要求",
        follow_up="一个月内报送整改报告",
        follow_up_due=TODAY + dt.timedelta(days=30),
    )
    with pytest.raises(Http404):
        talks.record_follow_up(user=user("lh_judge"), talk_id=talk.pk, result="x")
    talks.record_follow_up(user=user("xy_director"), talk_id=talk.pk, result="已报送整改报告")
    talk.refresh_from_db()
    assert talk.status == "closed" and talk.follow_up_done_on is not None


def test_order_deadline_reminders(user):
    from haikou_exec.models import Notification
    from personnel.models import Officer
    from supervision.services.reminders import remind_orders_due
    from tests.factories import OfficerFactory

    lh_bureau = Officer.objects.get(user__username="lh_judge").bureau
    director = OfficerFactory(bureau=lh_bureau, role="director", user__username="lh_director")
    issue = dict(user=user("supervisor"), instructions="请报告进展", issued_on=dt.date(2026, 6, 1))
    due_soon = case_service.issue_order(
        case_id=make_case("琼0106").pk,
        subject="督促发放案款",
        respond_by=dt.date(2026, 7, 2),
        **issue,
    )
    overdue = case_service.issue_order(
        case_id=make_case("琼0106").pk,
        subject="督促采取措施",
        respond_by=dt.date(2026, 6, 20),
        **issue,
    )
    case_service.issue_order(  # not yet near
        case_id=make_case("琼0106").pk,
        subject="督促终本复查",
        respond_by=dt.date(2026, 8, 1),
        **issue,
    )
    answered = case_service.issue_order(
        case_id=make_case("琼0106").pk, subject="督促结案", respond_by=dt.date(2026, 6, 25), **issue
    )
    case_service.respond_to_order(user=director.user, order_id=answered.pk, text="已结案")
    Notification.objects.all().delete()

    assert remind_orders_due(TODAY) > 0

    def links(u):
        return set(Notification.objects.filter(recipient=u).values_list("link", flat=True))

    # The court's director hears of both; the issuer only of the overdue one.
    assert links(director.user) == {due_soon.get_absolute_url(), overdue.get_absolute_url()}
    assert links(user("supervisor")) == {overdue.get_absolute_url()}
    assert remind_orders_due(TODAY) == 0  # once a day
