"""FilterSets shared by the pages and the API. Every figure of the staffing and
structure pages links to the officer list through these filters."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courts.filtersets import CourtCodeFilter
from personnel.choices import (
    AppointmentStatus,
    DutyReportStatus,
    Education,
    HandoverStatus,
    LegalQualification,
    Post,
    RotationPlanStatus,
    RotationStatus,
)
from personnel.models import (
    DirectorAppointment,
    DutyReport,
    Handover,
    Officer,
    Position,
    ResearchOutput,
    RotationPlan,
    Secondment,
    Seminar,
    StaffingQuota,
    TalentPoolMember,
    Team,
    Training,
    TrialExchange,
)
from personnel.selectors import AGE_BAND_CHOICES, birth_date_q, current_q

# A year filter outside these bounds is a 400, not a date the database cannot hold.
YEAR_BOUNDS = {"min_value": 1900, "max_value": 2100}


def officer_id_filter(field_name: str = "officer"):
    # An id, not a drop-down: a select of every officer would be huge and would
    # list officers outside the user's scope. Links from an officer's page carry it;
    # on a page it is a hidden field (no one types an internal number).
    return django_filters.NumberFilter(
        field_name=field_name, label=_("Officer"), widget=forms.HiddenInput
    )


class OfficerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", label=pgettext_lazy("person", "Name contains")
    )
    court = CourtCodeFilter(field_name="bureau__court")
    age_band = django_filters.ChoiceFilter(
        choices=AGE_BAND_CHOICES, method="filter_age_band", label=_("Age band")
    )
    # "none" selects the officers whose education / qualification is not recorded.
    education = django_filters.ChoiceFilter(
        choices=[*Education.choices, ("none", _("Not recorded"))],
        method="filter_blank_or_value",
        label=_("Education"),
    )
    legal_qualification = django_filters.ChoiceFilter(
        choices=[*LegalQualification.choices, ("unrecorded", _("Not recorded"))],
        method="filter_blank_or_value",
        label=_("Legal qualification"),
    )
    post = django_filters.ChoiceFilter(
        choices=Post.choices, method="filter_current_post", label=_("Current post")
    )

    class Meta:
        model = Officer
        fields = ["bureau", "role", "is_active", "rank"]

    def filter_age_band(self, queryset, name, value):
        return queryset.filter(birth_date_q(value, timezone.localdate()))

    def filter_blank_or_value(self, queryset, name, value):
        blank = {"education": "none", "legal_qualification": "unrecorded"}[name]
        return queryset.filter(**{name: "" if value == blank else value})

    def filter_current_post(self, queryset, name, value):
        from personnel.models import Position

        holders = Position.objects.filter(current_q(), post=value).values("officer_id")
        return queryset.filter(pk__in=holders)


class TeamFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="bureau__court")

    class Meta:
        model = Team
        fields = ["bureau", "is_active"]


class PositionFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="bureau__court")
    q = django_filters.CharFilter(
        field_name="officer__name",
        lookup_expr="icontains",
        label=pgettext_lazy("person", "Name contains"),
    )
    current = django_filters.BooleanFilter(method="filter_current", label=_("Held today"))
    officer = officer_id_filter()

    class Meta:
        model = Position
        fields = ["bureau", "post", "is_acting"]

    def filter_current(self, queryset, name, value):
        return queryset.filter(current_q()) if value else queryset.exclude(current_q())


class RotationWatchFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="bureau__court")
    status = django_filters.ChoiceFilter(
        choices=RotationStatus.choices, method="filter_status", label=_("Rotation")
    )

    class Meta:
        model = Position
        fields = ["bureau", "post"]

    def filter_status(self, queryset, name, value):
        # The standing is computed from each officer's history, in Python; the
        # current leaders are a few dozen rows, prefetched by the selector.
        from personnel.models import RotationPolicy
        from personnel.selectors import standing_of

        policy = RotationPolicy.current()
        keep = []
        for position in queryset:
            standing = standing_of(position, policy=policy)
            if standing is not None and standing.status == value:
                keep.append(position.pk)
        return queryset.filter(pk__in=keep)


class StaffingQuotaFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="bureau__court")

    class Meta:
        model = StaffingQuota
        fields = ["bureau"]


class BureauStaffingFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter()

    class Meta:
        from courts.models import Bureau

        model = Bureau
        fields = ["kind"]


class RotationPlanFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter()
    status = django_filters.ChoiceFilter(choices=RotationPlanStatus.choices, label=_("Status"))

    class Meta:
        model = RotationPlan
        fields = ["status"]


class TrialExchangeFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="bureau__court")

    officer = officer_id_filter("officer")

    class Meta:
        model = TrialExchange
        fields = ["bureau", "direction"]


class HandoverFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="bureau__court")
    status = django_filters.ChoiceFilter(choices=HandoverStatus.choices, label=_("Status"))

    officer = officer_id_filter("officer")

    class Meta:
        model = Handover
        fields = ["bureau", "status"]


class AppointmentFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="bureau__court")
    status = django_filters.ChoiceFilter(choices=AppointmentStatus.choices, label=_("Status"))

    class Meta:
        model = DirectorAppointment
        fields = ["bureau", "status"]


class TalentPoolFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="officer__bureau__court")
    current = django_filters.BooleanFilter(
        field_name="left_on", lookup_expr="isnull", label=_("Current members")
    )

    officer = officer_id_filter("officer")

    class Meta:
        model = TalentPoolMember
        fields = ["specialties"]


class SeminarFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter()
    q = django_filters.CharFilter(field_name="topic", lookup_expr="icontains", label=_("Topic"))
    year = django_filters.NumberFilter(
        field_name="held_on", lookup_expr="year", label=_("Year"), **YEAR_BOUNDS
    )

    participants = officer_id_filter("participants")

    class Meta:
        model = Seminar
        fields = []


class ResearchOutputFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter()
    year = django_filters.NumberFilter(
        field_name="completed_on", lookup_expr="year", label=_("Year"), **YEAR_BOUNDS
    )

    authors = officer_id_filter("authors")

    class Meta:
        model = ResearchOutput
        fields = ["kind"]


class SecondmentFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="home_bureau__court")

    officer = officer_id_filter("officer")

    class Meta:
        model = Secondment
        fields = ["home_bureau", "host_bureau"]


class TrainingFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter()
    year = django_filters.NumberFilter(
        field_name="starts_on", lookup_expr="year", label=_("Year"), **YEAR_BOUNDS
    )

    participants = officer_id_filter("participants")

    class Meta:
        model = Training
        fields = []


class DutyReportFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="bureau__court")
    status = django_filters.ChoiceFilter(choices=DutyReportStatus.choices, label=_("Status"))

    class Meta:
        model = DutyReport
        fields = ["year", "bureau", "status"]
