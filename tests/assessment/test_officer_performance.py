"""A district court assesses its own officers with its own scheme."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessment.services import officers as service
from courts.models import Court
from personnel.models import Officer

pytestmark = pytest.mark.django_db

ITEMS = [
    {
        "kind": "indicator",
        "indicator_code": "closed_within_term",
        "label": "法定期限内结案率",
        "weight": 60,
        "parameters": {"target": 90},
    },
    {"kind": "manual", "label": "作风纪律", "weight": 40},
]


def test_own_scheme_manual_scores_and_ranking(crafted, user, login):
    xy = Court.objects.get(code="琼0105")
    with pytest.raises(ValidationError):
        service.save_officer_scheme(
            user=user("xy_director"), court_id=xy.pk, year=2026, name="x", items=ITEMS[:1]
        )
    with pytest.raises(PermissionDenied):  # not even the intermediate court
        service.save_officer_scheme(
            user=user("zy_leader"), court_id=xy.pk, year=2026, name="x", items=ITEMS
        )
    scheme = service.save_officer_scheme(
        user=user("xy_director"), court_id=xy.pk, year=2026, name="干警考核", items=ITEMS
    )
    manual = scheme.items.get(kind="manual")
    judge, assistant, clerk = (
        Officer.objects.get(user__username=u) for u in ("xy_judge", "xy_assistant", "xy_clerk")
    )
    service.record_manual_score(
        user=user("xy_director"), item_id=manual.pk, officer_id=judge.pk, score=90
    )
    service.record_manual_score(
        user=user("xy_director"), item_id=manual.pk, officer_id=assistant.pk, score=80
    )
    with pytest.raises(ValidationError):
        service.record_manual_score(
            user=user("xy_director"), item_id=manual.pk, officer_id=judge.pk, score=101
        )
    run = service.run_officer_assessment(user=user("xy_director"), scheme_id=scheme.pk)
    results = {r.officer_id: r for r in run.results.all()}
    # The team's closed-within-term rate is 1/2 = 50 %, scored 50/90 × 100 = 55.56.
    # judge: 55.56 × 60 % + 90 × 40 % = 69.34; assistant: 55.56 × 60 % + 80 × 40 % = 65.34;
    # the clerk has no manual score: the indicator carries the whole weight.
    assert results[judge.pk].total == Decimal("69.34") and results[judge.pk].rank == 1
    assert results[assistant.pk].total == Decimal("65.34") and results[assistant.pk].rank == 2
    assert results[clerk.pk].total == Decimal("55.56") and results[clerk.pk].rank == 3
    item_key = f"item:{scheme.items.get(kind='indicator').pk}"
    assert results[judge.pk].inputs[item_key]["numerator"] == "1.00"
    # Scopes: another court sees nothing; the intermediate court reads but cannot act.
    assert login("lh_judge").get(scheme.get_absolute_url()).status_code == 404
    assert login("zy_leader").get(scheme.get_absolute_url()).status_code == 200
    assert login("zy_leader").post(f"/assessment/officers/{scheme.pk}/run/").status_code == 404
    with pytest.raises(PermissionDenied):
        service.run_officer_assessment(user=user("zy_leader"), scheme_id=scheme.pk)
    page = login("xy_director").get(run.get_absolute_url()).content.decode()
    assert "69.34" in page and 'data-court="琼0105"' in page


def test_periodic_tasks_are_declared_and_run(ref):
    from django_celery_beat.models import PeriodicTask

    from assessment import tasks as assessment_tasks
    from command_center.schedules import sync_periodic_tasks
    from supervision import tasks as supervision_tasks

    sync_periodic_tasks()
    names = set(PeriodicTask.objects.values_list("task", flat=True))
    assert {
        "supervision.tasks.evaluate_alert_rules",
        "supervision.tasks.remind_orders_due",
        "assessment.tasks.take_indicator_snapshots",
        "assessment.tasks.prepare_monthly_reports",
        "assessment.tasks.remind_reports_due",
    } <= names
    assert set(supervision_tasks.evaluate_alert_rules.apply().get()) == {
        "funds_unpaid",
        "no_node_progress",
        "property_without_measure",
        "selective_execution",
        "termination_incomplete",
    }
    assert assessment_tasks.prepare_monthly_reports.apply().get() == 4
    assert assessment_tasks.prepare_monthly_reports.apply().get() == 0  # idempotent
    assert assessment_tasks.take_indicator_snapshots.apply().get() > 0
