"""一案双查 (DOMAIN.md §8): the enforcement office and the inspection office check
both the case and the officers' conduct in one record, and share it with the
discipline office (纪检监察): its members get a per-object read grant
(django-guardian), and the record exports to Excel and PDF."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import EnforcementCase
from courts.access import lock_for
from haikou_exec.states import move
from personnel.models import Officer
from supervision.choices import (
    DISCIPLINE_GROUP,
    JOINT_TRANSITIONS,
    CaseConclusion,
    ConductConclusion,
    JointStatus,
)
from supervision.models import ConductFinding, JointInspection, SupervisionCase
from supervision.services.common import allocate_reference, ensure_supervises, require_text, today


def ensure_discipline_group(using: str = "default", **_kwargs) -> Group:
    """The discipline office's group, with read permission on 一案双查 records
    (rows are still limited to those shared with it).
    Source: DOMAIN.md §8 "Means" (一案双查, shared with the discipline office)."""
    group, _created = Group.objects.using(using).get_or_create(name=DISCIPLINE_GROUP)
    perms = Permission.objects.using(using).filter(
        content_type__app_label="supervision",
        codename__in=["view_jointinspection", "view_conductfinding"],
    )
    group.permissions.add(*perms)
    return group


def discipline_office_users():
    """The discipline office's active accounts (the DISCIPLINE_GROUP group)."""
    return get_user_model().objects.filter(groups__name=DISCIPLINE_GROUP, is_active=True)


def _open(joint_id: int, user) -> JointInspection:
    joint = lock_for(JointInspection, joint_id, user)
    if joint.status == JointStatus.CONCLUDED:
        raise ValidationError(_("The record is concluded and is not changed."))
    return joint


@transaction.atomic
def open_joint_inspection(
    *,
    user,
    case_id: int,
    reason: str,
    enforcement_office: str = "",
    inspection_office: str = "",
    supervision_case_id: int | None = None,
) -> JointInspection:
    """Open a 一案双查 of a case, with the reason: the enforcement and the inspection
    offices check both the case and the officers' conduct (DOMAIN.md §8 "Means")."""
    ensure_supervises(user)
    require_text("reason", reason, _("Say why the case and the conduct are checked."))
    case = EnforcementCase.objects.get(pk=case_id)
    supervision = None
    if supervision_case_id:
        supervision = SupervisionCase.objects.get(pk=supervision_case_id)
    opened_on = today()
    return JointInspection.objects.create(
        reference=allocate_reference("joint", opened_on.year),
        case=case,
        supervision_case=supervision,
        opened_on=opened_on,
        reason=reason.strip(),
        enforcement_office=enforcement_office.strip(),
        inspection_office=inspection_office.strip(),
        opened_by=user,
    )


@transaction.atomic
def record_case_findings(
    *, user, joint_id: int, case_findings: str, case_conclusion: str
) -> JointInspection:
    """Record the 一案双查's findings and conclusion on the case itself (DOMAIN.md §8
    "Means")."""
    ensure_supervises(user)
    joint = _open(joint_id, user)
    require_text("case_findings", case_findings, _("Write the findings on the case."))
    if case_conclusion not in CaseConclusion.values:
        raise ValidationError({"case_conclusion": [_("Choose a conclusion on the case.")]})
    joint.case_findings, joint.case_conclusion = case_findings.strip(), case_conclusion
    joint.save(update_fields=["case_findings", "case_conclusion"])
    return joint


@transaction.atomic
def record_conduct_finding(
    *,
    user,
    joint_id: int,
    officer_id: int,
    finding: str,
    conclusion: str,
    recommended_action: str = "",
) -> ConductFinding:
    """The finding on one officer of the case's court (one per officer).
    Source: DOMAIN.md §8 "Means" (一案双查)."""
    ensure_supervises(user)
    joint = _open(joint_id, user)
    officer = Officer.objects.select_related("bureau").get(pk=officer_id)
    if officer.bureau.court_id != joint.case.court_id:
        raise ValidationError({"officer": [_("The officer works at another court.")]})
    require_text("finding", finding, _("Write the finding on conduct."))
    if conclusion not in ConductConclusion.values:
        raise ValidationError({"conclusion": [_("Choose a conclusion.")]})
    row, _created = ConductFinding.objects.update_or_create(
        joint=joint,
        officer=officer,
        defaults={
            "finding": finding.strip(),
            "conclusion": conclusion,
            "recommended_action": recommended_action.strip(),
            "recorded_by": user,
        },
    )
    return row


@transaction.atomic
def conclude_joint_inspection(*, user, joint_id: int) -> JointInspection:
    """Concluded only with both sides: the case findings and at least one
    finding on conduct.
    Source: DOMAIN.md §8 "Means" (一案双查)."""
    ensure_supervises(user)
    joint = _open(joint_id, user)
    if not joint.case_findings or not joint.case_conclusion:
        raise ValidationError(_("Record the findings on the case first."))
    if not joint.conduct_findings.exists():
        raise ValidationError(_("Record the findings on the officers' conduct first."))
    move(joint, JointStatus.CONCLUDED, JOINT_TRANSITIONS)
    joint.concluded_on = today()
    joint.save(update_fields=["status", "concluded_on"])
    return joint


@transaction.atomic
def share_with_discipline_office(*, user, joint_id: int) -> int:
    """Grant every member of the discipline office read access to the record and
    its conduct findings, and notify them. Safe to repeat (new members are added).
    Source: DOMAIN.md §8 "Means" (一案双查)."""
    from guardian.shortcuts import assign_perm

    from haikou_exec.notifications import notify

    ensure_supervises(user)
    joint = lock_for(JointInspection, joint_id, user)
    members = list(discipline_office_users())
    if not members:
        raise ValidationError(
            _("No one is in the discipline office group yet; add its members in the admin.")
        )
    findings = list(joint.conduct_findings.all())
    for member in members:
        assign_perm("supervision.view_jointinspection", member, joint)
        for finding in findings:
            assign_perm("supervision.view_conductfinding", member, finding)
    if joint.shared_with_discipline_at is None:
        joint.shared_with_discipline_at, joint.shared_by = timezone.now(), user
        joint.save(update_fields=["shared_with_discipline_at", "shared_by"])
    transaction.on_commit(
        lambda: notify(
            members,
            title=_("一案双查 record %(ref)s shared with the discipline office")
            % {"ref": joint.reference},
            dedup_key=f"joint:{joint.pk}:shared",
            link=joint.get_absolute_url(),
        )
    )
    return len(members)
