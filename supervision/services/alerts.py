"""Negative-execution alerts: evaluate the rules, and triage (DOMAIN.md §8
"流程节点自动预警和专人监管": automatic warning plus a named supervisor).

Evaluation is idempotent: one alert per rule and case (a unique constraint), the
evidence refreshed while the alert is open, an open alert cleared when its facts
no longer hold and reopened if they return. A dismissed or supervised alert
stays as triaged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courts.access import lock_for
from haikou_exec.notifications import notify
from haikou_exec.parameters import problems
from supervision.alerts import EVALUATORS
from supervision.choices import (
    ALERT_TRANSITIONS,
    AlertRuleCode,
    AlertStatus,
    SupervisionSource,
)
from supervision.models import Alert, AlertRule
from supervision.parameters import rule_parameters
from supervision.services.cases import open_supervision_case
from supervision.services.common import (
    ensure_supervises,
    move,
    require_text,
    supervisor_user_ids,
    today,
)

BATCH = 1000


@dataclass
class RuleRun:
    rule: str
    hits: int = 0
    new: int = 0
    refreshed: int = 0
    reopened: int = 0
    cleared: int = 0


def evaluate_rule(rule: AlertRule, on: dt.date | None = None) -> RuleRun:
    """Run one rule's evaluator and bring its alerts up to date.
    Source: DOMAIN.md §8 "Alerts" (自动预警和专人监管)."""
    on = on or today()
    func = EVALUATORS.get(rule.code)
    if func is None:
        raise ValidationError(_("No evaluator for the rule code %(code)s.") % {"code": rule.code})
    run = RuleRun(rule.code)
    with transaction.atomic():
        existing = {
            a.case_id: a
            for a in Alert.objects.select_for_update()
            .filter(rule=rule)
            .only("id", "case_id", "status", "evidence", "last_detected_on", "times_detected")
        }
        new, changed = [], []
        for hit in func(rule, on, known=set(existing)):
            run.hits += 1
            alert = existing.get(hit.case_id)
            if alert is None:
                new.append(
                    Alert(
                        rule=rule,
                        case_id=hit.case_id,
                        court_id=hit.court_id,
                        severity=rule.severity,
                        evidence=hit.evidence or {},
                        first_detected_on=on,
                        last_detected_on=on,
                    )
                )
                continue
            if alert.last_detected_on < on:
                alert.times_detected += 1
            alert.last_detected_on = on
            if alert.status in (AlertStatus.OPEN, AlertStatus.CLEARED) and hit.evidence is not None:
                alert.evidence = hit.evidence
            changed.append(alert)
        # ignore_conflicts: a concurrent run of the same rule creates nothing twice.
        before = Alert.objects.filter(rule=rule).count()
        Alert.objects.bulk_create(new, batch_size=BATCH, ignore_conflicts=True)
        run.new = Alert.objects.filter(rule=rule).count() - before
        Alert.objects.bulk_update(
            changed, ["evidence", "last_detected_on", "times_detected"], batch_size=BATCH
        )
        run.refreshed = len(changed)
        # Facts back: a cleared alert opens again (its triage was never done).
        reopened = [a.pk for a in changed if a.status == AlertStatus.CLEARED]
        run.reopened = Alert.objects.filter(pk__in=reopened).update(
            status=AlertStatus.OPEN, cleared_on=None
        )
        # Facts gone: open alerts not seen in this run are cleared.
        run.cleared = Alert.objects.filter(
            rule=rule, status=AlertStatus.OPEN, last_detected_on__lt=on
        ).update(status=AlertStatus.CLEARED, cleared_on=on)
        AlertRule.objects.filter(pk=rule.pk).update(
            last_run_at=timezone.now(), last_run_hits=run.hits
        )
    if run.new:
        notify(
            supervisor_user_ids(),
            title=_("%(n)d new alerts: %(rule)s") % {"n": run.new, "rule": rule.name},
            dedup_key=f"alerts:{rule.code}:{on.isoformat()}",
            link=f"/supervision/alerts/?rule={rule.pk}&status=open",
            level="warning",
        )
    return run


def evaluate_all_rules(on: dt.date | None = None) -> list[RuleRun]:
    """Every active rule, each in its own transaction."""
    return [
        evaluate_rule(rule, on)
        for rule in AlertRule.objects.filter(is_active=True).order_by("code")
    ]


@transaction.atomic
def dismiss_alert(*, user, alert_id: int, reason: str) -> Alert:
    """A supervisor dismisses an alert, saying why; it is not raised again for
    the same rule and case.
    Source: DOMAIN.md §8 "Alerts"; ALERT_TRANSITIONS."""
    ensure_supervises(user)
    alert = lock_for(Alert, alert_id, user)
    require_text("reason", reason, _("Say why the alert is dismissed."))
    move(alert, AlertStatus.DISMISSED, ALERT_TRANSITIONS)
    alert.dismissal_reason = reason.strip()
    alert.triaged_by, alert.triaged_at = user, timezone.now()
    alert.save(update_fields=["status", "dismissal_reason", "triaged_by", "triaged_at"])
    return alert


@transaction.atomic
def open_supervision_from_alert(
    *, user, alert_id: int, title: str = "", description: str = "", handler_id: int | None = None
):
    """A supervisor opens supervision on an alert: a supervision case of the
    alert's case, with the evidence as its first facts.
    Source: DOMAIN.md §8 "Alerts"; ALERT_TRANSITIONS."""
    ensure_supervises(user)
    alert = lock_for(Alert, alert_id, user, related=("rule", "case"))
    move(alert, AlertStatus.SUPERVISED, ALERT_TRANSITIONS)
    facts = "\n".join(
        f"{_(f['label'])}：{f['value']}" for f in (alert.evidence or {}).get("facts", [])
    )
    supervision = open_supervision_case(
        user=user,
        title=title.strip() or f"{alert.rule.name}：{alert.case.case_number}",
        trigger=alert.rule.trigger,
        source=SupervisionSource.ALERT,
        description=(description.strip() + "\n\n" if description.strip() else "") + facts,
        supervised_case_id=alert.case_id,
        handler_id=handler_id,
    )
    alert.supervision_case = supervision
    alert.triaged_by, alert.triaged_at = user, timezone.now()
    alert.save(update_fields=["status", "supervision_case", "triaged_by", "triaged_at"])
    return supervision


__all__ = [
    "AlertRuleCode",
    "RuleRun",
    "dismiss_alert",
    "evaluate_all_rules",
    "evaluate_rule",
    "open_supervision_from_alert",
]


@transaction.atomic
def update_rule(
    *, user, rule_id: int, parameters: dict, severity: str, is_active: bool
) -> AlertRule:
    """The rules are data: supervision tunes their parameters and switches them
    on or off (each change is in the audit trail).
    Source: DOMAIN.md §8 "Alerts" (the rules are data)."""
    from supervision.choices import Severity

    ensure_supervises(user)
    rule = lock_for(AlertRule, rule_id, user)
    if not isinstance(parameters, dict):
        raise ValidationError({"parameters": [_("Write the parameters as a JSON object.")]})
    # The same limits as the editor's fields (supervision.parameters).
    found = problems(rule_parameters(rule.code), parameters)
    if found:
        raise ValidationError({"parameters": found})
    if severity not in Severity.values:
        raise ValidationError({"severity": [_("Choose a severity.")]})
    rule.parameters, rule.severity, rule.is_active = parameters, severity, is_active
    rule.save(update_fields=["parameters", "severity", "is_active"])
    return rule
