"""The annual report of duties (述职, DOMAIN.md §1): each director reports every
year to the intermediate court and to their own court's party group (一岗双责);
the intermediate court scores the report and the score is kept for the
assessment and for cadre selection."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courts.access import lock_for
from haikou_exec.notifications import notify
from haikou_exec.states import move
from haikou_exec.uploads import DOCX, JPEG, OFD, PDF, PNG, XLSX, UploadRule, check_upload
from personnel.choices import DUTY_REPORT_TRANSITIONS, DutyReportStatus, OfficerRole
from personnel.models import DutyReport, DutyReportAttachment, Officer
from personnel.services._common import require_city_leadership

MAX_ATTACHMENTS = 10
# A report's attachments (haikou_exec.uploads checks them): the type read from the
# content, the name's ending agreeing with it, at most PERSONNEL_ATTACHMENT_MAX_BYTES
# (20 MB by default).
ATTACHMENTS = UploadRule(
    types={
        PDF: "PDF",
        PNG: "PNG",
        JPEG: "JPEG",
        DOCX: "Word",
        XLSX: "Excel",
        OFD: "OFD",
    },
    extensions={
        PDF: (".pdf",),
        PNG: (".png",),
        JPEG: (".jpg", ".jpeg"),
        DOCX: (".docx",),
        XLSX: (".xlsx",),
        OFD: (".ofd",),
    },
    max_bytes=lambda: int(getattr(settings, "PERSONNEL_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)),
    refuse_empty=True,
    field=None,
    messages={
        "size": gettext_lazy("%(name)s is %(size)s; the limit is %(limit)s."),
        "empty": gettext_lazy("%(name)s is empty."),
        "type": gettext_lazy(
            "%(name)s is not an accepted file: send PDF, OFD, Word (.docx), Excel (.xlsx), PNG or JPEG."
        ),
        "extension": gettext_lazy(
            "%(name)s contains a %(kind)s file; its name should end in %(ext)s."
        ),
    },
)


def _attach(report: DutyReport, files, by) -> list[DutyReportAttachment]:
    files = list(files or [])
    if report.attachments.count() + len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("At most %(n)d attachments per report.") % {"n": MAX_ATTACHMENTS}}
        )
    kinds = []
    errors = []
    for f in files:
        try:
            kinds.append(check_upload(f, ATTACHMENTS))
        except ValidationError as exc:
            errors += exc.messages
    if errors:  # nothing is stored unless every file is acceptable
        raise ValidationError({"attachments": errors})
    saved = []
    for f, kind in zip(files, kinds, strict=True):
        attachment = DutyReportAttachment(
            report=report,
            original_name=f.name[:200],
            content_type=kind.content_type,
            size=f.size,
            uploaded_by=by,
        )
        # Stored through the default storage (outside the web root); served only
        # by the permission-checked download view.
        attachment.file.save(f.name, f, save=False)
        attachment.save()
        saved.append(attachment)
    return saved


def _party_group_and_intermediate(officer: Officer) -> set[int]:
    """The intermediate enforcement leadership and the leadership of the director's
    own court (its party group is represented by the court leadership accounts)."""
    from courts.choices import BureauKind, CourtTier

    city = Officer.objects.filter(
        is_active=True,
        role__in=OfficerRole.leadership_roles(),
        bureau__kind=BureauKind.ENFORCEMENT,
        bureau__court__tier=CourtTier.INTERMEDIATE,
    )
    own = Officer.objects.filter(
        is_active=True, role=OfficerRole.LEADERSHIP, bureau__court_id=officer.bureau.court_id
    )
    return set(city.values_list("user_id", flat=True)) | set(own.values_list("user_id", flat=True))


@transaction.atomic
def save_duty_report(
    *, by, year: int, text: str, attachments=(), submit: bool = False
) -> DutyReport:
    """Write (and optionally submit) the signed-in director's report for ``year``.

    Only a bureau director reports (DOMAIN.md §1); a submitted report is final
    except for its score."""
    officer = getattr(by, "officer", None)
    if officer is None or officer.role != OfficerRole.DIRECTOR or not officer.is_active:
        raise PermissionDenied(_("Only a bureau director submits an annual report of duties."))
    if not by.has_perm("personnel.add_dutyreport"):
        raise PermissionDenied(_("You may not submit reports of duties."))
    this_year = timezone.localdate().year
    if not (2000 <= year <= this_year):
        raise ValidationError({"year": _("Report on a past or the current year.")})
    if not text.strip():
        raise ValidationError({"text": _("The report has no text.")})
    report = DutyReport.objects.select_for_update().filter(officer=officer, year=year).first()
    if report is None:
        report = DutyReport(officer=officer, bureau=officer.bureau, year=year)
    elif report.status != DutyReportStatus.DRAFT:
        raise ValidationError(
            _("The report for %(year)s was already submitted on %(date)s.")
            % {"year": year, "date": timezone.localtime(report.submitted_at).date()}
        )
    report.text = text
    report.save()
    _attach(report, attachments, by)
    if submit:
        move(report, DutyReportStatus.SUBMITTED, DUTY_REPORT_TRANSITIONS)
        report.submitted_at = timezone.now()
        report.to_intermediate_court = True
        report.to_party_group = True
        report.save(
            update_fields=["status", "submitted_at", "to_intermediate_court", "to_party_group"]
        )
        notify(
            _party_group_and_intermediate(officer) - {by.pk},
            title=_("%(name)s (%(bureau)s) submitted the report of duties for %(year)s")
            % {"name": officer.name, "bureau": report.bureau, "year": year},
            dedup_key=f"duty_report:{report.pk}:submitted",
            link=report.get_absolute_url(),
        )
    return report


@transaction.atomic
def add_duty_report_attachments(*, by, report: DutyReport, attachments) -> list:
    """Attach files to a director's 述职 report while it is a draft (DOMAIN.md §1
    "Directors' duties")."""
    report = lock_for(DutyReport, report.pk, by)
    if report.status != DutyReportStatus.DRAFT:
        raise ValidationError(_("A submitted report cannot be changed."))
    return _attach(report, attachments, by)


@transaction.atomic
def score_duty_report(*, by, report: DutyReport, score, comment: str = "") -> DutyReport:
    """The intermediate court scores a submitted report (0–100); the score is kept
    for the assessment. A director never scores their own report.
    Source: DOMAIN.md §1 (述职, scored by the intermediate court); DUTY_REPORT_TRANSITIONS."""
    require_city_leadership(by, _("Reports of duties are scored by the intermediate court."))
    report = lock_for(DutyReport, report.pk, by, related=("officer",))
    if report.officer.user_id == by.pk:
        raise PermissionDenied(_("Nobody scores their own report."))
    try:
        value = Decimal(str(score)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"score": _("The score is a number from 0 to 100.")}) from exc
    if not (Decimal("0") <= value <= Decimal("100")):
        raise ValidationError({"score": _("The score is a number from 0 to 100.")})
    move(report, DutyReportStatus.SCORED, DUTY_REPORT_TRANSITIONS)
    report.score = value
    report.score_comment = comment
    report.scored_by = by
    report.scored_at = timezone.now()
    report.save(update_fields=["score", "score_comment", "scored_by", "scored_at", "status"])
    notify(
        [report.officer.user_id],
        title=_("Your report of duties for %(year)s was scored: %(score)s")
        % {"year": report.year, "score": value},
        body=comment,
        dedup_key=f"duty_report:{report.pk}:scored:{value}",
        link=report.get_absolute_url(),
    )
    return report
