"""Codes and states of assessment (DOMAIN.md §9)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IndicatorUnit(models.TextChoices):
    PERCENT = "percent", _("Percent")
    DAYS = "days", _("Days")


class FigureLevel(models.TextChoices):
    """Who a figure is about."""

    COURT = "court", _("Court")
    BUREAU = "bureau", _("Bureau")
    TEAM = "team", _("Team")
    OFFICER = "officer", _("Officer")


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Year")
    QUARTER = "quarter", _("Quarter")
    MONTH = "month", _("Month")
    CUSTOM = "custom", _("Custom period")


class ComponentKind(models.TextChoices):
    """The parts of the annual bureau assessment (DOMAIN.md §9, §7, §1)."""

    INDICATOR = "indicator", _("Quality indicator")
    EQUIPMENT = "equipment", _("Equipment compliance")
    SUPERVISION = "supervision", _("Supervision findings")
    REPORT_TIMELINESS = "report_timeliness", _("Monthly report timeliness")
    DUTY_REPORT = "duty_report", _("Director's report of duties (述职)")


class AssessmentStatus(models.TextChoices):
    """draft (recomputable) → published (frozen; flags and notices go out)."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


ASSESSMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    AssessmentStatus.DRAFT: frozenset({AssessmentStatus.PUBLISHED}),
    AssessmentStatus.PUBLISHED: frozenset(),
}


class OfficerItemKind(models.TextChoices):
    INDICATOR = "indicator", _("Quality indicator")
    MANUAL = "manual", _("Scored by the bureau")


class ReportStatus(models.TextChoices):
    """Monthly district report: draft → submitted → accepted, or returned →
    submitted again. Accepted is final."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    ACCEPTED = "accepted", pgettext_lazy("assessment", "Accepted")


REPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    ReportStatus.DRAFT: frozenset({ReportStatus.SUBMITTED}),
    ReportStatus.SUBMITTED: frozenset({ReportStatus.ACCEPTED, ReportStatus.RETURNED}),
    ReportStatus.RETURNED: frozenset({ReportStatus.SUBMITTED}),
    ReportStatus.ACCEPTED: frozenset(),
}

# States in which the district may still edit its report.
REPORT_EDITABLE = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})
