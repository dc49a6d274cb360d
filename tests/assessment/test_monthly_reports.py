"""Monthly district reports: prefilled from the data, edits with a reason,
submission by the deadline (lateness recorded), returned for correction by the
intermediate court, accepted reports frozen, scopes, and concurrent submission."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from assessment.models import MonthlyReport, MonthlyReportEdit, MonthlyReportSubmission
from assessment.services import reports as service
from courts.models import Court
from tests.conftest import english
from tests.supervision.helpers import add_receipt, make_case


def _report(month=10, due_in_days=5):
    court = Court.objects.get(code="琼0105")
    report = service.prepare_report(court=court, year=2026, month=month)
    report.due_on = timezone.localdate() + dt.timedelta(days=due_in_days)
    report.summary = "本月执行工作总结"
    report.save(update_fields=["due_on", "summary"])
    return report


@pytest.mark.django_db
def test_prefilled_from_the_data(ref):
    make_case(filed_on=dt.date(2026, 10, 3))
    closed = make_case(
        filed_on=dt.date(2026, 4, 1),
        recovered="5000.00",
        closing_type="fully_executed",
        closed_on=dt.date(2026, 10, 20),
    )
    make_case(
        filed_on=dt.date(2026, 5, 1),
        closing_type="terminated_procedure",
        closed_on=dt.date(2026, 10, 25),
    )
    add_receipt(closed, amount="5000.00", on=dt.date(2026, 10, 12))
    make_case("琼0106", filed_on=dt.date(2026, 10, 5))  # another court
    report = service.prepare_report(court=Court.objects.get(code="琼0105"), year=2026, month=10)
    f = report.prefilled
    assert (
        f["received"],
        f["closed"],
        f["closed_fully_executed"],
        f["closed_terminated_procedure"],
    ) == (1, 2, 1, 1)
    assert f["amount_received"] == "5000.00" and f["open_at_month_end"] == 1
    # In term: the 终本 case (due 11-01); not the other (filed 04-01, due 10-01, closed 10-20).
    assert f["rate_closed_within_term"] == "50.00"
    assert report.figures == report.prefilled and report.due_on == dt.date(2026, 11, 5)
    # Idempotent: preparing again changes nothing.
    assert service.prepare_report(court=report.court, year=2026, month=10).pk == report.pk
    assert service.prepare_month(2026, 10) == 3  # the three other district courts


@pytest.mark.django_db
def test_edit_needs_a_reason_and_is_kept(ref, user):
    report = _report()
    with pytest.raises(ValidationError) as excinfo:
        service.edit_report(
            user=user("xy_director"), report_id=report.pk, figures={"received": "7"}
        )
    assert "reason" in excinfo.value.message_dict
    report.refresh_from_db()
    assert report.figures["received"] == report.prefilled["received"] and not report.edits.exists()
    with pytest.raises(PermissionDenied):
        service.edit_report(
            user=user("xy_judge"), report_id=report.pk, figures={"received": "7"}, reason="补录"
        )
    service.edit_report(
        user=user("xy_director"),
        report_id=report.pk,
        figures={"received": "7"},
        reason="补录系统外收案7件",
    )
    report.refresh_from_db()
    edit = MonthlyReportEdit.objects.get(report=report)
    assert (edit.field, edit.old_value, edit.new_value, edit.reason) == (
        "received",
        "0",
        "7",
        "补录系统外收案7件",
    )
    assert report.figures["received"] == "7" and report.prefilled["received"] == 0
    # The narrative needs no reason; unchanged figures record nothing.
    service.edit_report(
        user=user("xy_director"),
        report_id=report.pk,
        figures={"received": "7"},
        texts={"plans": "下月计划"},
    )
    assert MonthlyReportEdit.objects.filter(report=report).count() == 1
    with pytest.raises(ValidationError):
        service.edit_report(
            user=user("xy_director"), report_id=report.pk, figures={"received": "-1"}, reason="x"
        )


@pytest.mark.django_db
def test_edit_page_refuses_a_change_without_a_reason(ref, login):
    report = _report()
    client = login("xy_director")
    form = {f"fig_{k}": report.figures.get(k) or "" for k, _l, _kind in service.REPORT_FIGURES}
    form.update(
        version=report.version, summary="总结", problems="", plans="", reason="", fig_received="9"
    )
    response = english(client).post(f"/assessment/reports/{report.pk}/edit/", form)
    assert response.status_code == 200 and "Say why the figures differ" in response.content.decode()
    form["reason"] = "系统外案件"
    response = client.post(f"/assessment/reports/{report.pk}/edit/", form)
    assert response.status_code == 302
    assert MonthlyReport.objects.get(pk=report.pk).figures["received"] == "9"


@pytest.mark.django_db
def test_submit_late_return_correct_resubmit_accept(ref, user, login):
    report = _report(due_in_days=-3)
    service.submit_report(user=user("xy_director"), report_id=report.pk)
    report.refresh_from_db()
    assert report.status == "submitted" and report.submitted_late and report.late_days == 3
    with pytest.raises(ValidationError):  # twice
        service.submit_report(user=user("xy_director"), report_id=report.pk)
    with pytest.raises(ValidationError):  # edited while submitted
        service.edit_report(user=user("xy_director"), report_id=report.pk, texts={"summary": "改"})
    with pytest.raises(PermissionDenied):  # the district does not review itself
        service.review_report(user=user("xy_director"), report_id=report.pk, accept=True)
    with pytest.raises(ValidationError):
        service.review_report(
            user=user("supervisor"), report_id=report.pk, accept=False, remarks=""
        )
    service.review_report(
        user=user("supervisor"),
        report_id=report.pk,
        accept=False,
        remarks="结案数与系统不符，请核实",
    )
    report.refresh_from_db()
    assert report.status == "returned"
    service.edit_report(
        user=user("xy_director"), report_id=report.pk, figures={"closed": "1"}, reason="核实后更正"
    )
    service.submit_report(user=user("xy_director"), report_id=report.pk)
    service.review_report(user=user("zy_leader"), report_id=report.pk, accept=True)
    report.refresh_from_db()
    assert report.status == "accepted" and report.submissions.count() == 2
    assert report.submitted_late and report.late_days == 3  # the first submission decides
    with pytest.raises(ValidationError):
        service.edit_report(user=user("xy_director"), report_id=report.pk, texts={"summary": "改"})
    with pytest.raises(ValidationError):
        service.submit_report(user=user("xy_director"), report_id=report.pk)
    # The exports.
    client = login("xy_director")
    assert client.get(f"/assessment/reports/{report.pk}/export/xlsx/").content[:2] == b"PK"
    assert client.get(f"/assessment/reports/{report.pk}/export/pdf/").content.startswith(b"%PDF")


@pytest.mark.django_db
def test_report_timeliness_feeds_the_assessment(ref, user):
    from assessment.services import bureau

    on_time = _report(month=9, due_in_days=3)
    late = _report(month=10, due_in_days=-2)
    for report in (on_time, late):
        service.submit_report(user=user("xy_director"), report_id=report.pk)
    for report in (on_time, late):  # both due by the data date
        MonthlyReport.objects.filter(pk=report.pk).update(
            due_on=dt.date(2026, 11, 5) if report.month == 10 else dt.date(2026, 10, 5)
        )
    scheme = bureau.save_scheme(
        user=user("zy_leader"),
        name="t",
        year=2026,
        components=[{"kind": "report_timeliness", "weight": 100}],
    )
    assessment = bureau.compute_assessment(
        user=user("zy_leader"), scheme_id=scheme.pk, year=2026, as_of=dt.date(2026, 12, 31)
    )
    xy = assessment.results.get(bureau__court__code="琼0105")
    assert xy.inputs["report_timeliness"] == {"available": True, "due": 2, "on_time": 1}
    assert xy.total == 50
    assert (
        assessment.results.get(bureau__court__code="琼0106").inputs["report_timeliness"][
            "available"
        ]
        is False
    )


@pytest.mark.django_db
def test_scopes_a_district_sees_its_own_reports(ref, login):
    for code in ("琼0105", "琼0106"):
        service.prepare_report(court=Court.objects.get(code=code), year=2026, month=10)
    xy = MonthlyReport.objects.get(court__code="琼0105")
    lh = MonthlyReport.objects.get(court__code="琼0106")
    director = login("xy_director")
    assert [r["court"] for r in director.get("/api/v1/reports/").json()["results"]] == ["琼0105"]
    assert director.get(f"/assessment/reports/{lh.pk}/").status_code == 404
    assert director.get(f"/api/v1/reports/{lh.pk}/").status_code == 404
    assert director.post(f"/api/v1/reports/{lh.pk}/submit/").status_code == 404
    page = director.get("/assessment/reports/").content.decode()
    assert 'data-court="琼0105"' in page and 'data-court="琼0106"' not in page
    for role in ("supervisor", "zy_leader"):
        courts = {r["court"] for r in login(role).get("/api/v1/reports/").json()["results"]}
        assert courts == {"琼0105", "琼0106"}
    assert login("lh_judge").get(f"/assessment/reports/{xy.pk}/").status_code == 404


@pytest.mark.django_db
def test_api_edit_submit_review(ref, login):
    report = _report()
    director = login("xy_director")
    refused = director.post(
        f"/api/v1/reports/{report.pk}/edit/",
        {"figures": {"received": "3"}},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "reason" in refused.json()
    ok = director.post(
        f"/api/v1/reports/{report.pk}/edit/",
        {"figures": {"received": "3"}, "reason": "补录"},
        content_type="application/json",
    )
    assert (
        ok.status_code == 200
        and ok.json()["figures"]["received"] == "3"
        and ok.json()["court"] == "琼0105"
    )
    assert director.post(f"/api/v1/reports/{report.pk}/submit/").json()["status"] == "submitted"
    assert director.post(f"/api/v1/reports/{report.pk}/submit/").status_code == 400
    reviewed = login("supervisor").post(
        f"/api/v1/reports/{report.pk}/review/", {"accept": True}, content_type="application/json"
    )
    assert reviewed.status_code == 200 and reviewed.json()["status"] == "accepted"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submissions_record_one(ref, user):
    report = _report()
    director = user("xy_director")
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait(timeout=10)
            service.submit_report(user=director, report_id=report.pk)
            outcomes.append("submitted")
        except ValidationError as exc:
            outcomes.append(exc.code or "refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["already_submitted", "submitted"]
    assert MonthlyReportSubmission.objects.filter(report=report).count() == 1
    report.refresh_from_db()
    assert report.status == "submitted" and report.version == 2


@pytest.mark.django_db
def test_deadline_reminders_reach_the_district_then_the_intermediate_court(ref, user):
    from haikou_exec.models import Notification

    today = timezone.localdate()
    due_soon = _report(month=9, due_in_days=2)  # within the rule's 3 days
    overdue = _report(month=10, due_in_days=-1)
    _report(month=8, due_in_days=20)  # not yet
    submitted = _report(month=7, due_in_days=1)
    service.submit_report(user=user("xy_director"), report_id=submitted.pk)
    Notification.objects.all().delete()  # the submission's own notice

    assert service.remind_reports_due(today) > 0
    director = user("xy_director")
    supervisor = user("supervisor")

    def links(u):
        return set(Notification.objects.filter(recipient=u).values_list("link", flat=True))

    assert links(director) == {due_soon.get_absolute_url(), overdue.get_absolute_url()}
    # Only the overdue one goes up to the intermediate court.
    assert links(supervisor) == {overdue.get_absolute_url()}
    assert Notification.objects.get(recipient=supervisor).level == "danger"
    # Idempotent per day; the next day reminds again.
    assert service.remind_reports_due(today) == 0
    assert service.remind_reports_due(today + dt.timedelta(days=1)) > 0


@pytest.mark.django_db
def test_excel_export_keeps_typed_formulas_as_text(ref):
    """OWASP CSV injection: a summary typed as a formula is exported as text."""
    import io

    from openpyxl import load_workbook

    from assessment.services.exports import report_xlsx

    report = _report()
    report.summary = '=HYPERLINK("http://evil.example/","点此")'
    report.problems = "-2+3"
    report.plans = "@SUM(A1)"
    report.save(update_fields=["summary", "problems", "plans"])
    sheet = load_workbook(io.BytesIO(report_xlsx(report))).active
    cells = {row[0].value: row[1] for row in sheet.iter_rows() if row[0].value}
    for label, typed in (
        ("工作总结", report.summary),
        ("存在问题", "-2+3"),
        ("下月计划", "@SUM(A1)"),
    ):
        assert cells[label].value == typed and cells[label].data_type == "s", label
    formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
