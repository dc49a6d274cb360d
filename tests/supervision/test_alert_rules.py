"""Each alert rule fires on crafted cases, carries its evidence, stays silent on
clean ones, and is idempotent when run again."""

import datetime as dt

import pytest

from cases.choices import ClockPauseKind, InvestigationKind
from cases.models import ApplicantInterview, ClockPause
from cases.selectors.termination import TERMINATION_KEYS, annotate_termination
from cases.services.closing import termination_checklist
from supervision.models import Alert
from supervision.services.alerts import evaluate_rule
from tests.supervision.conftest import TODAY
from tests.supervision.helpers import (
    add_document,
    add_finding,
    add_measure,
    add_node,
    add_receipt,
    add_step,
    complete_termination,
    make_case,
)

pytestmark = pytest.mark.django_db


def fired(rule):
    return {a.case_id: a for a in Alert.objects.filter(rule=rule)}


def facts(alert):
    return {f["label"]: f["value"] for f in alert.evidence["facts"]}


def test_property_found_without_measure(rule):
    r = rule("property_without_measure", days=7)
    late = make_case()
    add_finding(late, found_on=dt.date(2026, 6, 1), description="龙华区商铺一处")
    measured = make_case()
    add_finding(measured, found_on=dt.date(2026, 6, 1))
    add_measure(measured, "seizure", started_on=dt.date(2026, 6, 3))
    recent = make_case()
    add_finding(recent, found_on=dt.date(2026, 6, 27))
    measure_before = make_case()
    add_measure(measure_before, "freeze", started_on=dt.date(2026, 4, 1), asset_type="bank_deposit")
    add_finding(measure_before, found_on=dt.date(2026, 5, 1))
    closed = make_case(closing_type="fully_executed", closed_on=dt.date(2026, 6, 10))
    add_finding(closed, found_on=dt.date(2026, 5, 1))

    run = evaluate_rule(r, TODAY)

    alerts = fired(r)
    assert set(alerts) == {late.pk, measure_before.pk}
    assert run.new == 2 and run.hits == 2
    alert = alerts[late.pk]
    assert alert.court.code == "琼0105" and alert.status == "open"
    assert facts(alert)["Days since, without a control measure"] == 29
    assert facts(alert)["Property found on"] == "2026-06-01"
    assert alert.evidence["case"] == {
        "id": late.pk,
        "number": late.case_number,
        "url": f"/cases/{late.pk}/",
    }
    assert [i["label"] for i in alert.evidence["items"]] == ["龙华区商铺一处"]

    # Idempotent: the same run again creates nothing and counts the day once.
    again = evaluate_rule(r, TODAY)
    assert again.new == 0 and Alert.objects.filter(rule=r).count() == 2
    assert Alert.objects.get(pk=alert.pk).times_detected == 1
    # The next day it is still firing; then a measure clears it.
    evaluate_rule(r, TODAY + dt.timedelta(days=1))
    assert Alert.objects.get(pk=alert.pk).times_detected == 2
    add_measure(late, "seizure", started_on=TODAY)
    run = evaluate_rule(r, TODAY + dt.timedelta(days=2))
    alert.refresh_from_db()
    assert alert.status == "cleared" and run.cleared == 1
    assert Alert.objects.get(case=measure_before).status == "open"


def test_no_node_progress(rule):
    r = rule("no_node_progress", days=30)
    idle = make_case(filed_on=dt.date(2026, 3, 1))
    add_node(
        idle,
        "assignment",
        triggered_on=dt.date(2026, 3, 1),
        due_on=dt.date(2026, 3, 8),
        completed_on=dt.date(2026, 3, 5),
    )
    add_node(idle, "closing", triggered_on=dt.date(2026, 3, 1), due_on=dt.date(2026, 9, 1))
    moving = make_case(filed_on=dt.date(2026, 3, 1))
    add_node(
        moving,
        "assignment",
        triggered_on=dt.date(2026, 3, 1),
        due_on=dt.date(2026, 3, 8),
        completed_on=dt.date(2026, 6, 15),
    )
    stayed = make_case(filed_on=dt.date(2026, 3, 1), status="stayed")
    paused = make_case(filed_on=dt.date(2026, 3, 1))
    ClockPause.objects.create(
        case=paused,
        kind=ClockPauseKind.SUSPENSION,
        started_on=dt.date(2026, 4, 1),
        reason="暂缓执行",
    )
    fresh = make_case(filed_on=dt.date(2026, 6, 20))
    never = make_case(filed_on=dt.date(2026, 4, 1))  # no node at all: idle since filing

    evaluate_rule(r, TODAY)

    alerts = fired(r)
    assert set(alerts) == {idle.pk, never.pk}
    f = facts(alerts[idle.pk])
    assert f["Last node progress on"] == "2026-03-05" and f["Days without progress"] == 117
    assert f["Open nodes"] == 1 and f["Earliest open node due on"] == "2026-09-01"
    assert facts(alerts[never.pk])["Last node progress on"] == "2026-04-01"
    assert {stayed.pk, paused.pk, fresh.pk, moving.pk}.isdisjoint(alerts)


def test_termination_without_every_condition(rule):
    r = rule("termination_incomplete", lookback_days=365)
    closed_on = dt.date(2026, 5, 10)
    good = make_case(
        filed_on=dt.date(2026, 1, 5), closing_type="terminated_procedure", closed_on=closed_on
    )
    complete_termination(good, on=closed_on)
    missing = make_case(
        filed_on=dt.date(2026, 1, 5), closing_type="terminated_procedure", closed_on=closed_on
    )
    complete_termination(missing, on=closed_on)
    missing.investigations.filter(kind=InvestigationKind.DEBTOR_SEARCH).delete()
    ApplicantInterview.objects.filter(case=missing).delete()
    early = make_case(
        filed_on=dt.date(2026, 4, 1), closing_type="terminated_procedure", closed_on=closed_on
    )
    complete_termination(early, on=closed_on)
    other = make_case(
        filed_on=dt.date(2026, 1, 5), closing_type="fully_executed", closed_on=closed_on
    )

    evaluate_rule(r, TODAY)

    alerts = fired(r)
    assert set(alerts) == {missing.pk, early.pk}
    labels = [i["label"] for i in alerts[missing.pk].evidence["items"]]
    assert len(labels) == 2
    assert labels[0].startswith("5.") and "interview" in labels[1].lower() or "约谈" in labels[1]
    assert alerts[missing.pk].evidence["conditions"]["tc_debtor_search"] is False
    assert [i["label"][:2] for i in alerts[early.pk].evidence["items"]] == ["4."]
    assert other.pk not in alerts and good.pk not in alerts

    # The set-based check agrees with the closing service's checklist, condition by condition.
    rows = annotate_termination(type(good).objects.filter(pk__in=[good.pk, missing.pk, early.pk]))
    order = [
        "documents",
        "restrictions",
        "investigation",
        "three_months",
        "debtor_search",
        "interview",
    ]
    for case in rows:
        checklist = termination_checklist(
            case,
            on=case.closed_on,
            listing_exempt_reason=case.closing_note,
            undisposable_reason=case.closing_note,
        )
        assert [c.code for c in checklist] == order
        assert [getattr(case, k) for k in TERMINATION_KEYS] == [c.satisfied for c in checklist]


def test_sql_check_follows_each_condition_of_the_checklist(rule):
    """Remove one fact at a time: the SQL condition and the checklist fail together."""
    closed_on = dt.date(2026, 5, 10)
    removals = {
        "documents": lambda c: c.documents.filter(kind="property_report_order").delete(),
        "restrictions": lambda c: c.measures.filter(kind="dishonest_listing").delete(),
        "investigation": lambda c: c.investigations.filter(kind="online_securities").delete(),
        "interview": lambda c: ApplicantInterview.objects.filter(case=c).update(
            applicant_confirmed=False
        ),
    }
    for code, remove in removals.items():
        case = make_case(
            filed_on=dt.date(2026, 1, 5), closing_type="terminated_procedure", closed_on=closed_on
        )
        complete_termination(case, on=closed_on)
        remove(case)
        row = annotate_termination(type(case).objects.filter(pk=case.pk)).get()
        checklist = {c.code: c.satisfied for c in termination_checklist(case, on=closed_on)}
        assert checklist[code] is False and getattr(row, f"tc_{code}") is False, code
        assert row.tc_all is False
    # A property clue that was never checked, and property found without a reason.
    clue = make_case(
        filed_on=dt.date(2026, 1, 5), closing_type="terminated_procedure", closed_on=closed_on
    )
    complete_termination(clue, on=closed_on)
    add_finding(clue, found_on=dt.date(2026, 2, 1), source="applicant_clue")
    row = annotate_termination(type(clue).objects.filter(pk=clue.pk)).get()
    assert row.tc_investigation is False
    add_step(clue, "clue_check", done_on=dt.date(2026, 2, 5))
    clue.closing_note = "该房产已设定抵押且价值不足清偿，无法处置"
    clue.save(update_fields=["closing_note"])
    row = annotate_termination(type(clue).objects.filter(pk=clue.pk)).get()
    assert row.tc_investigation is True and row.tc_all is True


def test_funds_unpaid(rule):
    r = rule("funds_unpaid", days=30)
    unpaid = make_case()
    entry = add_receipt(unpaid, amount="5000.00", on=dt.date(2026, 5, 1))
    add_node(
        unpaid,
        "funds_disbursement",
        triggered_on=dt.date(2026, 5, 1),
        due_on=dt.date(2026, 5, 31),
        ref=f"entry:{entry.pk}",
    )
    paid = make_case()
    add_node(
        paid,
        "funds_disbursement",
        triggered_on=dt.date(2026, 5, 1),
        due_on=dt.date(2026, 5, 31),
        completed_on=dt.date(2026, 5, 20),
        ref="entry:0",
    )
    recent = make_case()
    add_node(
        recent,
        "funds_disbursement",
        triggered_on=dt.date(2026, 6, 15),
        due_on=dt.date(2026, 7, 15),
        ref="entry:1",
    )

    evaluate_rule(r, TODAY)

    alerts = fired(r)
    assert set(alerts) == {unpaid.pk}
    f = facts(alerts[unpaid.pk])
    assert f["Days unpaid"] == 60 and f["Amount of those receipts (yuan)"] == "5000.00"
    assert f["Receipts unpaid"] == 1


def test_similar_cases_treated_differently(rule):
    r = rule("selective_execution", amount_ratio=2.0, min_open_days=60)
    with_measures = make_case("琼0106", filed_on=dt.date(2026, 1, 10), amount="100000.00")
    add_measure(with_measures, "freeze", started_on=dt.date(2026, 1, 20), asset_type="bank_deposit")
    neglected = make_case("琼0106", filed_on=dt.date(2026, 2, 10), amount="120000.00")
    much_larger = make_case("琼0106", filed_on=dt.date(2026, 2, 11), amount="1000000.00")
    other_court = make_case("琼0107", filed_on=dt.date(2026, 2, 10), amount="110000.00")
    other_quarter = make_case("琼0106", filed_on=dt.date(2026, 4, 2), amount="110000.00")

    evaluate_rule(r, TODAY)

    alerts = fired(r)
    assert set(alerts) == {neglected.pk}
    evidence = alerts[neglected.pk].evidence
    assert evidence["comparable_case_ids"] == [with_measures.pk]
    assert evidence["items"][0]["url"] == f"/cases/{with_measures.pk}/"
    assert facts(alerts[neglected.pk])["Comparable cases with measures"] == 1
    assert {much_larger.pk, other_court.pk, other_quarter.pk}.isdisjoint(alerts)


def test_inactive_rule_and_clean_data_stay_silent(rule):
    from supervision.services.alerts import evaluate_all_rules

    clean = make_case(filed_on=dt.date(2026, 6, 1))
    add_node(
        clean,
        "assignment",
        triggered_on=dt.date(2026, 6, 1),
        due_on=dt.date(2026, 6, 8),
        completed_on=dt.date(2026, 6, 2),
    )
    add_document(clean, "enforcement_notice")
    runs = evaluate_all_rules(TODAY)
    assert len(runs) == 5 and all(run.hits == 0 for run in runs)
    assert not Alert.objects.exists()
