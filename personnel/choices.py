from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The roles are what the restriction point reads (courts.access), so they are
# declared with the court organisation; personnel names them as before.
from courts.choices import OfficerRole  # noqa: F401


class TeamRole(models.TextChoices):
    """A case team is judge-led: judge + judge assistant + clerk (DOMAIN.md §5)."""

    JUDGE = "judge", _("Judge")
    ASSISTANT = "assistant", _("Judge assistant")
    CLERK = "clerk", _("Clerk")


class Post(models.TextChoices):
    """A post held in a bureau (the history of positions, DOMAIN.md §6).

    The values of the posts that are also roles equal the ``OfficerRole`` values,
    so that a current position can set the officer's role."""

    DIRECTOR = "director", _("Director")
    DEPUTY_DIRECTOR = "deputy_director", _("Deputy director")
    JUDGE = "judge", _("Judge")
    ASSISTANT = "assistant", _("Judge assistant")
    CLERK = "clerk", _("Clerk")
    JUDICIAL_POLICE = "judicial_police", _("Judicial police")
    CENTER_STAFF = "center_staff", _("Affairs-centre staff")
    SUPERVISOR = "supervisor", _("Supervision officer")
    LEADERSHIP = "leadership", _("Court leadership")
    OTHER = "other", _("Other post")

    @classmethod
    def leadership_posts(cls) -> frozenset[str]:
        """The posts the 5-year rotation rule applies to (DOMAIN.md §6)."""
        return frozenset({cls.DIRECTOR, cls.DEPUTY_DIRECTOR})

    @classmethod
    def for_role(cls, role: str) -> str:
        return role if role in cls.values else cls.OTHER


class Education(models.TextChoices):
    """Highest education (学历), for the knowledge structure (DOMAIN.md §6)."""

    DOCTORATE = "doctorate", _("Doctorate")
    MASTER = "master", _("Master's degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    COLLEGE = "college", _("College diploma")
    SECONDARY = "secondary", _("Secondary school or below")


class LegalQualification(models.TextChoices):
    """Legal professional qualification (法律职业资格), class A/B/C, or none."""

    CLASS_A = "a", _("Legal qualification, class A")
    CLASS_B = "b", _("Legal qualification, class B")
    CLASS_C = "c", _("Legal qualification, class C")
    NONE = "none", _("No legal qualification")


class Rank(models.TextChoices):
    """Judge grades (法官等级) and civil-service ranks (职级)."""

    SENIOR_JUDGE_1 = "senior_judge_1", _("Senior judge, grade 1")
    SENIOR_JUDGE_2 = "senior_judge_2", _("Senior judge, grade 2")
    SENIOR_JUDGE_3 = "senior_judge_3", _("Senior judge, grade 3")
    SENIOR_JUDGE_4 = "senior_judge_4", _("Senior judge, grade 4")
    JUDGE_1 = "judge_1", _("Judge, grade 1")
    JUDGE_2 = "judge_2", _("Judge, grade 2")
    JUDGE_3 = "judge_3", _("Judge, grade 3")
    JUDGE_4 = "judge_4", _("Judge, grade 4")
    JUDGE_5 = "judge_5", _("Judge, grade 5")
    PRINCIPAL_STAFF_1 = "principal_staff_1", _("Principal staff member, grade 1")
    PRINCIPAL_STAFF_2 = "principal_staff_2", _("Principal staff member, grade 2")
    PRINCIPAL_STAFF_3 = "principal_staff_3", _("Principal staff member, grade 3")
    PRINCIPAL_STAFF_4 = "principal_staff_4", _("Principal staff member, grade 4")
    STAFF_1 = "staff_1", _("Staff member, grade 1")
    STAFF_2 = "staff_2", _("Staff member, grade 2")
    POLICE = "police", _("Judicial police rank")


class PositionEndReason(models.TextChoices):
    ROTATION = "rotation", _("Rotation")
    PROMOTION = "promotion", _("Promotion or new post")
    TRANSFER = "transfer", pgettext_lazy("personnel", "Transfer out")
    RETIREMENT = "retirement", _("Retirement")
    OTHER = "other", _("Other")


class RotationStatus(models.TextChoices):
    """Where an officer stands against the 5-year rotation rule (DOMAIN.md §6)."""

    NOT_DUE = "not_due", _("Not due")
    COMING_DUE = "coming_due", _("Coming due")
    DUE = "due", _("Due for rotation")


class ExchangeDirection(models.TextChoices):
    """Exchanges between enforcement and the trial departments (DOMAIN.md §6)."""

    TO_TRIAL = "to_trial", _("From enforcement to a trial department")
    FROM_TRIAL = "from_trial", _("From a trial department to enforcement")


class RotationPlanStatus(models.TextChoices):
    """draft → submitted → approved → carried_out; submitted → rejected;
    draft/submitted → withdrawn."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CARRIED_OUT = "carried_out", _("Carried out")
    WITHDRAWN = "withdrawn", _("Withdrawn")


ROTATION_PLAN_TRANSITIONS: dict[str, frozenset[str]] = {
    RotationPlanStatus.DRAFT: frozenset(
        {RotationPlanStatus.SUBMITTED, RotationPlanStatus.WITHDRAWN}
    ),
    RotationPlanStatus.SUBMITTED: frozenset(
        {RotationPlanStatus.APPROVED, RotationPlanStatus.REJECTED, RotationPlanStatus.WITHDRAWN}
    ),
    RotationPlanStatus.APPROVED: frozenset({RotationPlanStatus.CARRIED_OUT}),
    RotationPlanStatus.REJECTED: frozenset(),
    RotationPlanStatus.CARRIED_OUT: frozenset(),
    RotationPlanStatus.WITHDRAWN: frozenset(),
}


class AppointmentStatus(models.TextChoices):
    """A district director appointment (DOMAIN.md §1)::

        proposed ──consent──▶ consented ──take effect──▶ effective
           │  └──refuse──▶ refused
           └──withdraw──▶ withdrawn

    Only a consented appointment can take effect."""

    PROPOSED = "proposed", _("Proposed by the district court")
    CONSENTED = "consented", _("Consented by the intermediate court")
    REFUSED = "refused", _("Refused by the intermediate court")
    EFFECTIVE = "effective", _("In effect")
    WITHDRAWN = "withdrawn", _("Withdrawn")


APPOINTMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    AppointmentStatus.PROPOSED: frozenset(
        {AppointmentStatus.CONSENTED, AppointmentStatus.REFUSED, AppointmentStatus.WITHDRAWN}
    ),
    AppointmentStatus.CONSENTED: frozenset({AppointmentStatus.EFFECTIVE}),
    AppointmentStatus.REFUSED: frozenset(),
    AppointmentStatus.EFFECTIVE: frozenset(),
    AppointmentStatus.WITHDRAWN: frozenset(),
}


class HandoverStatus(models.TextChoices):
    """open → completed | cancelled."""

    OPEN = "open", _("Open")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


HANDOVER_TRANSITIONS: dict[str, frozenset[str]] = {
    HandoverStatus.OPEN: frozenset({HandoverStatus.COMPLETED, HandoverStatus.CANCELLED}),
    HandoverStatus.COMPLETED: frozenset(),
    HandoverStatus.CANCELLED: frozenset(),
}


class ResearchKind(models.TextChoices):
    PAPER = "paper", _("Paper")
    REPORT = "report", _("Research report")
    CASE_STUDY = "case_study", _("Case study")
    GUIDANCE = "guidance", _("Working guidance")


class DutyReportStatus(models.TextChoices):
    """draft → submitted → scored (述职, DOMAIN.md §1)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SCORED = "scored", _("Scored")


DUTY_REPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    DutyReportStatus.DRAFT: frozenset({DutyReportStatus.SUBMITTED}),
    DutyReportStatus.SUBMITTED: frozenset({DutyReportStatus.SCORED}),
    DutyReportStatus.SCORED: frozenset({DutyReportStatus.SCORED}),  # a score may be corrected
}
