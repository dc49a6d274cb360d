"""Admin for every assessment model. What the pages write is only shown here: an
indicator's new version comes from the indicator page (its formula is never
changed in place, the database refuses that too), schemes, assessments and their
results, officers' schemes and scores, monthly reports with their edits,
submissions and reviews. The reporting rule is kept here."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from assessment import models as m
from haikou_exec.admin_json import in_words_rows
from haikou_exec.admin_site import (
    EditedInAdmin,
    RestrictedTabularInline,
    WrittenByServicesAdmin,
)


@admin.register(m.IndicatorDefinition)
class IndicatorDefinitionAdmin(WrittenByServicesAdmin):
    list_display = ["code", "version", "name", "unit", "target", "effective_from", "sort_order"]
    list_filter = ["code", "unit"]
    search_fields = ["code", "name", "formula"]


@admin.register(m.IndicatorSnapshot)
class IndicatorSnapshotAdmin(WrittenByServicesAdmin):
    list_display = [
        "definition",
        "level",
        "subject_label",
        "period_start",
        "period_end",
        "as_of",
        "numerator",
        "denominator",
        "value",
        "is_final",
    ]
    list_filter = ["level", "period_kind", "is_final", "court", "definition__code"]
    readonly_fields = [f.name for f in m.IndicatorSnapshot._meta.fields]
    show_full_result_count = False


class SchemeComponentInline(RestrictedTabularInline):
    model = m.SchemeComponent
    extra = 0


@admin.register(m.AssessmentScheme)
class AssessmentSchemeAdmin(WrittenByServicesAdmin):
    list_display = ["name", "year", "praise_count", "bottom_count", "bottom_years", "locked"]
    list_filter = ["year", "locked"]
    inlines = [SchemeComponentInline]
    readonly_fields = ["locked", "created_by"]


@admin.register(m.SchemeComponent)
class SchemeComponentAdmin(WrittenByServicesAdmin):
    list_display = ["scheme", "kind", "indicator_code", "weight"]
    list_filter = ["kind", "scheme"]


class ResultInline(RestrictedTabularInline):
    model = m.BureauAssessmentResult
    extra = 0
    fields = [
        "bureau",
        "total",
        "rank",
        "praised",
        "at_bottom",
        "bottom_streak",
        "director_adjustment_flag",
    ]
    readonly_fields = fields
    can_delete = False


@admin.register(m.BureauAssessment)
class BureauAssessmentAdmin(WrittenByServicesAdmin):
    list_display = ["year", "scheme", "status", "as_of", "computed_at", "published_at"]
    list_filter = ["status", "year"]
    readonly_fields = [
        "status",
        "scheme_snapshot",
        "computed_at",
        "computed_by",
        "published_at",
        "published_by",
    ]
    inlines = [ResultInline]


@admin.register(m.BureauAssessmentResult)
class BureauAssessmentResultAdmin(WrittenByServicesAdmin):
    list_display = [
        "assessment",
        "bureau",
        "total",
        "rank",
        "praised",
        "at_bottom",
        "director_adjustment_flag",
    ]
    list_filter = ["assessment__year", "praised", "director_adjustment_flag"]
    readonly_fields = [
        "inputs",
        "component_scores",
        "total",
        "rank",
        "praised",
        "at_bottom",
        "bottom_streak",
        "director_adjustment_flag",
    ]


class OfficerItemInline(RestrictedTabularInline):
    model = m.OfficerSchemeItem
    extra = 0


@admin.register(m.OfficerScheme)
class OfficerSchemeAdmin(WrittenByServicesAdmin):
    list_display = ["name", "court", "year"]
    list_filter = ["court", "year"]
    inlines = [OfficerItemInline]


@admin.register(m.OfficerSchemeItem)
class OfficerSchemeItemAdmin(WrittenByServicesAdmin):
    list_display = ["scheme", "kind", "label", "indicator_code", "weight"]


@admin.register(m.OfficerManualScore)
class OfficerManualScoreAdmin(WrittenByServicesAdmin):
    list_display = ["item", "officer", "score"]
    raw_id_fields = ["officer"]


@admin.register(m.OfficerPerformanceRun)
class OfficerPerformanceRunAdmin(WrittenByServicesAdmin):
    list_display = ["scheme", "as_of", "computed_at", "computed_by"]
    readonly_fields = ["scheme_snapshot"]


@admin.register(m.OfficerPerformanceResult)
class OfficerPerformanceResultAdmin(WrittenByServicesAdmin):
    list_display = ["run", "officer", "total", "rank"]
    raw_id_fields = ["officer"]
    readonly_fields = ["inputs", "component_scores"]


class EditInline(RestrictedTabularInline):
    model = m.MonthlyReportEdit
    extra = 0
    fields = readonly_fields = [
        "figure",
        "old_value",
        "new_value",
        "reason",
        "edited_by",
        "edited_at",
    ]
    can_delete = False

    @admin.display(description=_("field"))
    def figure(self, edit):
        return _figure_label(edit.field)


class SubmissionInline(RestrictedTabularInline):
    model = m.MonthlyReportSubmission
    extra = 0
    readonly_fields = ["number", "submitted_at", "submitted_by", "late", "late_days"]
    can_delete = False


@admin.register(m.MonthlyReport)
class MonthlyReportAdmin(WrittenByServicesAdmin):
    versioned = True
    list_display = [
        "court",
        "year",
        "month",
        "status",
        "due_on",
        "first_submitted_at",
        "submitted_late",
    ]
    list_filter = ["status", "court", "year", "submitted_late"]
    readonly_fields = [
        "status",
        "prefilled",
        "first_submitted_at",
        "submitted_late",
        "late_days",
        "submitted_at",
        "submitted_by",
        "reviewed_at",
        "reviewed_by",
        "version",
    ]
    inlines = [EditInline, SubmissionInline]

    @admin.display(description=_("figures reported"))
    def figures_in_words(self, report):
        return _figure_rows(report.figures)

    @admin.display(description=_("figures from the data"))
    def prefilled_in_words(self, report):
        return _figure_rows(report.prefilled)


def _figure_rows(figures: dict):
    # As the report's page lists them (assessment/views/reports.py).
    from assessment.services.reports import REPORT_FIGURES

    return in_words_rows((label, figures.get(key)) for key, label, _kind in REPORT_FIGURES)


def _figure_label(field: str):
    from assessment.services.reports import REPORT_FIGURES

    return {key: label for key, label, _kind in REPORT_FIGURES}.get(field, field)


@admin.register(m.MonthlyReportEdit)
class MonthlyReportEditAdmin(WrittenByServicesAdmin):
    list_display = ["report", "figure", "old_value", "new_value", "edited_by", "edited_at"]

    @admin.display(description=_("field"))
    def figure(self, edit):
        return _figure_label(edit.field)


@admin.register(m.MonthlyReportSubmission)
class MonthlyReportSubmissionAdmin(WrittenByServicesAdmin):
    list_display = ["report", "number", "submitted_at", "late", "late_days"]


@admin.register(m.MonthlyReportReview)
class MonthlyReportReviewAdmin(WrittenByServicesAdmin):
    list_display = ["report", "accepted", "reviewed_by", "reviewed_at"]


@admin.register(m.ReportingRule)
class ReportingRuleAdmin(EditedInAdmin):
    list_display = ["name", "due_day", "remind_days_before", "is_active"]
