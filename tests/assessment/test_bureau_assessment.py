"""The annual bureau assessment: weights, not-available components, stored
inputs that reproduce the ranking, praise, and the three-years-at-the-bottom flag."""

import datetime as dt
import re
import subprocess
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessment import scoring
from assessment.models import BureauAssessmentResult
from assessment.services import bureau as service
from courts.models import Court
from tests.conftest import english, require_tool

pytestmark = pytest.mark.django_db


def _scheme(user, year, components, **extra):
    return service.save_scheme(
        user=user, name=f"{year}年度考核", year=year, components=components, **extra
    )


def _findings(user, year, court_codes_and_severity):
    """Inspection findings in a year (the supervision component deducts them)."""
    from supervision.services import inspections

    courts = {c.code: c for c in Court.objects.all()}
    inspection = inspections.create_inspection(
        user=user,
        kind="inspection",
        title=f"{year}年度执行巡查",
        focus="全面巡查",
        starts_on=dt.date(year, 3, 1),
        ends_on=dt.date(year, 11, 30),
        court_ids=[c.pk for c in courts.values()],
    )
    for code, severity in court_codes_and_severity:
        inspections.record_finding(
            user=user,
            inspection_id=inspection.pk,
            court_id=courts[code].pk,
            category="negative",
            severity=severity,
            description=f"{code} {severity}",
            found_on=dt.date(year, 6, 1),
        )


def _run(user, scheme, year, publish=True):
    assessment = service.compute_assessment(
        user=user, scheme_id=scheme.pk, year=year, as_of=dt.date(year, 12, 31)
    )
    if publish:
        service.publish_assessment(user=user, assessment_id=assessment.pk)
    return assessment


def _pdf_text_and_fonts(content: bytes, tmp_path) -> tuple[str, list[dict]]:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        [require_tool("pdftotext"), "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fonts = []
    out = subprocess.run(
        [require_tool("pdffonts"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    for line in out.splitlines()[2:]:
        # name type encoding emb sub uni object ID — the name has no spaces.
        parts = line.split()
        if len(parts) >= 7:
            fonts.append({"name": parts[0], "emb": parts[-5]})
    return text, fonts


def _result(assessment, code):
    return BureauAssessmentResult.objects.get(assessment=assessment, bureau__court__code=code)


SUPERVISION_ONLY = [{"kind": "supervision", "weight": 100}]


def test_weights_must_sum_to_100(ref, user):
    leader = user("zy_leader")
    with pytest.raises(ValidationError) as excinfo:
        _scheme(
            leader,
            2026,
            [{"kind": "supervision", "weight": 60}, {"kind": "equipment", "weight": 30}],
        )
    assert "100" in str(excinfo.value)
    with pytest.raises(PermissionDenied):
        _scheme(user("xy_director"), 2026, SUPERVISION_ONLY)
    # Through the page too: refused with the message, nothing saved.
    from assessment.models import AssessmentScheme

    assert not AssessmentScheme.objects.exists()


def test_scheme_page_refuses_bad_weights(ref, login):
    client = login("zy_leader")
    form = {
        "name": "2026年度考核",
        "year": "2026",
        "praise_count": "1",
        "praise_min_score": "85",
        "bottom_count": "1",
        "bottom_years": "3",
        "notes": "",
        "c-TOTAL_FORMS": "2",
        "c-INITIAL_FORMS": "0",
        "c-MIN_NUM_FORMS": "0",
        "c-MAX_NUM_FORMS": "1000",
        "c-0-kind": "supervision",
        "c-0-weight": "60",
        "c-1-kind": "indicator",
        "c-1-indicator_code": "recovery_rate",
        "c-1-weight": "30",
        "c-1-param_target": "60",
    }
    response = english(client).post("/assessment/schemes/new/", form)
    assert response.status_code == 200 and "not 100" in response.content.decode()
    form["c-1-weight"] = "40"
    response = client.post("/assessment/schemes/new/", form)
    assert response.status_code == 302


def test_not_available_components_share_their_weight(ref, user):
    from equipment.models import ComplianceScore
    from personnel.models import DutyReport, Officer

    leader = user("zy_leader")
    _findings(leader, 2026, [("琼0108", "serious"), ("琼0108", "serious")])  # 美兰: 100 - 10 = 90
    scheme = _scheme(
        leader,
        2026,
        [
            {"kind": "supervision", "weight": 50},
            {"kind": "equipment", "weight": 30},
            {"kind": "duty_report", "weight": 20},
        ],
    )
    assessment = _run(leader, scheme, 2026, publish=False)
    ml = _result(assessment, "琼0108")
    # No equipment score and no scored 述职 yet: the supervision component carries the whole weight.
    assert (
        ml.inputs["equipment"]["available"] is False
        and ml.inputs["duty_report"]["available"] is False
    )
    assert (
        ml.total == Decimal("90.00")
        and ml.component_scores["supervision"]["effective_weight"] == "100.00"
    )
    # With an equipment score (60) for 美兰 and a 述职 score (80) for 秀英's director:
    ComplianceScore.objects.create(
        court=Court.objects.get(code="琼0108"),
        year=2026,
        score=Decimal("60"),
        standards_score=Decimal("60"),
        standards_weight=Decimal("0.7"),
        inspection_weight=Decimal("0.3"),
        formula_version="test",
        as_of=dt.date(2026, 12, 31),
        computed_at="2026-12-31T10:00:00+08:00",
    )
    director = Officer.objects.get(user__username="xy_director")
    DutyReport.objects.create(
        officer=director,
        bureau=director.bureau,
        year=2026,
        text="述职",
        status="scored",
        score=Decimal("80"),
    )
    again = service.compute_assessment(
        user=leader,
        scheme_id=scheme.pk,
        year=2026,
        as_of=dt.date(2026, 12, 31),
        assessment_id=assessment.pk,
    )
    ml = _result(again, "琼0108")
    # 美兰: (90×50 + 60×30) / 80
    assert ml.total == Decimal("78.75")
    xy = _result(again, "琼0105")
    # 秀英: (100×50 + 80×20) / 70
    assert xy.total == Decimal("94.29")
    assert xy.inputs["duty_report"]["sources"][0].startswith("personnel.DutyReport#")


def test_ranking_praise_and_reproducible_from_stored_inputs(ref, user, django_assert_num_queries):
    leader = user("zy_leader")
    _findings(leader, 2026, [("琼0106", "minor"), ("琼0107", "major"), ("琼0108", "serious")])
    scheme = _scheme(
        leader,
        2026,
        [
            {"kind": "supervision", "weight": 70},
            {
                "kind": "indicator",
                "indicator_code": "recovery_rate",
                "weight": 30,
                "parameters": {"target": 60},
            },
        ],
        praise_count=1,
        praise_min_score=Decimal("90"),
    )
    assessment = _run(leader, scheme, 2026, publish=False)
    ranking = [
        (r.bureau.court.code, r.rank)
        for r in assessment.results.select_related("bureau__court").order_by("rank")
    ]
    # No closed case anywhere: the indicator is not available; supervision decides alone.
    assert ranking == [("琼0105", 1), ("琼0106", 2), ("琼0107", 3), ("琼0108", 4)]
    assert _result(assessment, "琼0105").praised and not _result(assessment, "琼0106").praised
    assert _result(assessment, "琼0108").at_bottom
    check = service.verify_assessment(assessment)
    assert check["reproduced"] and [r[2] for r in check["ranking"]] == [1, 2, 3, 4]
    # The scoring is pure (assessment.scoring): the stored scheme and inputs give
    # the stored totals and ranks without a query.
    results = list(assessment.results.select_related("bureau__court").order_by("rank"))
    stored = [(r.bureau_id, r.bureau.court.sort_order, r.inputs) for r in results]
    with django_assert_num_queries(0):
        ranked = scoring.rank_bureaus(assessment.scheme_snapshot, stored)
    assert [(row["bureau_id"], row["total"], row["rank"]) for row in ranked] == [
        (r.bureau_id, r.total, r.rank) for r in results
    ]
    # New findings after the computation do not change the stored result, and
    # the stored inputs still reproduce it.
    _findings(leader, 2026, [("琼0105", "serious"), ("琼0105", "serious"), ("琼0105", "serious")])
    assert service.verify_assessment(assessment)["reproduced"]
    # Tampering with a stored total is detected.
    BureauAssessmentResult.objects.filter(
        assessment=assessment, bureau__court__code="琼0107"
    ).update(total=Decimal("99"))
    assert not service.verify_assessment(assessment)["reproduced"]
    with pytest.raises(ValidationError):
        service.publish_assessment(user=leader, assessment_id=assessment.pk)


def test_bottom_three_years_running_is_flagged(ref, user, login, tmp_path):
    leader = user("zy_leader")
    results = {}
    for year in (2024, 2025, 2026):
        _findings(leader, year, [("琼0108", "serious")])
        scheme = _scheme(leader, year, SUPERVISION_ONLY)
        results[year] = _result(_run(leader, scheme, year), "琼0108")
    assert [results[y].bottom_streak for y in (2024, 2025, 2026)] == [1, 2, 3]
    assert [results[y].director_adjustment_flag for y in (2024, 2025, 2026)] == [False, False, True]
    others = BureauAssessmentResult.objects.filter(assessment__year=2026).exclude(
        bureau__court__code="琼0108"
    )
    assert not others.filter(director_adjustment_flag=True).exists()
    page = login("zy_leader").get(results[2026].assessment.get_absolute_url()).content.decode()
    assert 'data-flag="琼0108"' in page and "按程序调整局长" in page
    # A published assessment is frozen; the flag is in the PDF report too.
    with pytest.raises(ValidationError):
        service.compute_assessment(
            user=leader,
            scheme_id=results[2026].assessment.scheme_id,
            assessment_id=results[2026].assessment_id,
        )
    pdf = login("zy_leader").get(
        f"/assessment/assessments/{results[2026].assessment_id}/report.pdf"
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text, fonts = _pdf_text_and_fonts(pdf.content, tmp_path)
    text = re.sub(r"\s+", "", text)  # cells wrap in the table
    # Real Chinese, from the embedded CJK font: the title, the bureau and the flag.
    assert "年度区法院执行局考核结果" in text and "美兰" in text and "按程序调整局长" in text
    assert fonts and all(f["emb"] == "yes" for f in fonts), fonts
    assert any(re.search(r"(NotoSans|HaikouSC)", f["name"]) for f in fonts), fonts


def test_a_break_in_the_streak_clears_the_flag(ref, user):
    leader = user("zy_leader")
    bottom = {2024: "琼0108", 2025: "琼0107", 2026: "琼0108"}
    for year, code in bottom.items():
        _findings(leader, year, [(code, "serious")])
        assessment = _run(leader, _scheme(leader, year, SUPERVISION_ONLY), year)
    ml = _result(assessment, "琼0108")
    assert ml.at_bottom and ml.bottom_streak == 1 and not ml.director_adjustment_flag


def test_districts_see_their_result_once_published(ref, user, login):
    leader = user("zy_leader")
    _findings(leader, 2026, [("琼0108", "minor")])
    assessment = _run(leader, _scheme(leader, 2026, SUPERVISION_ONLY), 2026, publish=False)
    xy = _result(assessment, "琼0105")
    director = login("xy_director")
    assert director.get(f"/assessment/results/{xy.pk}/").status_code == 404
    assert director.get("/api/v1/assessments/").json()["results"] == []
    service.publish_assessment(user=leader, assessment_id=assessment.pk)
    assert director.get(f"/assessment/results/{xy.pk}/").status_code == 200
    rows = director.get("/api/v1/assessments/").json()["results"]
    assert [r["court"] for r in rows] == ["琼0105"]
    assert len(login("supervisor").get("/api/v1/assessments/").json()["results"]) == 4
    ml = _result(assessment, "琼0108")
    assert director.get(f"/assessment/results/{ml.pk}/").status_code == 404


def test_the_pdf_report_shows_a_district_only_its_own_result(ref, user, login, tmp_path):
    """The PDF reads through the same restriction as the page (issue "Trust" 3)."""
    leader = user("zy_leader")
    _findings(leader, 2026, [("琼0108", "minor")])
    assessment = _run(leader, _scheme(leader, 2026, SUPERVISION_ONLY), 2026)
    url = f"/assessment/assessments/{assessment.pk}/report.pdf"
    texts = {}
    for role in ("xy_judge", "zy_leader"):
        pdf = login(role).get(url)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        texts[role] = re.sub(r"\s+", "", _pdf_text_and_fonts(pdf.content, tmp_path)[0])
    assert "秀英" in texts["xy_judge"]
    assert not any(name in texts["xy_judge"] for name in ("龙华", "琼山", "美兰"))
    assert all(name in texts["zy_leader"] for name in ("秀英", "龙华", "琼山", "美兰"))
