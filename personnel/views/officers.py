"""Officers and their profile, positions and tenure, case teams, staffing against
quotas, and the age and knowledge structure (DOMAIN.md §6)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from courts.access import VIEW, scope_for
from courts.models import Bureau
from haikou_exec.views import RestrictedDetailView, RestrictedListView
from personnel import selectors, services
from personnel.filtersets import (
    BureauStaffingFilterSet,
    OfficerFilterSet,
    PositionFilterSet,
    TeamFilterSet,
)
from personnel.forms import EndPositionForm, OfficerProfileForm, PositionForm, StaffingForm
from personnel.models import Officer, Position, PostQuota, RotationPolicy, StaffingQuota, Team
from personnel.tables import OfficerTable, PositionTable, StaffingTable, TeamTable
from personnel.tenure import Stint, rotation_standing
from personnel.views.base import ActionFormView, PersonnelListView


class OfficerListView(RestrictedListView):
    model = Officer
    table_class = OfficerTable
    filterset_class = OfficerFilterSet
    title = _("Officers")
    template_name = "personnel/object_list.html"

    def select_queryset(self, queryset):
        return selectors.officer_list(queryset)


class OfficerDetailView(RestrictedDetailView):
    model = Officer
    template_name = "personnel/officer_detail.html"
    detail_fields = [
        "name",
        "badge_number",
        "role",
        "bureau",
        "phone",
        "birth_date",
        "education",
        "legal_qualification",
        "rank",
        "is_active",
    ]

    def select_queryset(self, queryset):
        return selectors.officer_detail(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        officer = self.object
        today = timezone.localdate()
        positions = list(officer.positions.all())
        ctx["positions"] = [
            (p, selectors.duration_text(t)) for p, t in selectors.position_tenures(positions, today)
        ]
        standing = rotation_standing(
            [Stint.of(p) for p in positions], today, RotationPolicy.current()
        )
        ctx["standing"] = standing
        ctx["standing_served"] = selectors.duration_text(standing.served) if standing else ""
        user = self.request.user
        scope = scope_for(user)
        manages = Officer.objects.restrict(user, "change").filter(pk=officer.pk).exists() and (
            user.is_superuser or scope.leads_bureau
        )
        ctx["can_manage"] = manages
        ctx["masked_id_number"] = officer.masked_id_number
        return ctx


class OfficerProfileView(ActionFormView):
    model = Officer
    form_class = OfficerProfileForm
    success_message = _("Profile saved.")

    def get_title(self):
        return _("Profile of %(name)s") % {"name": self.object.name}

    def get_initial(self):
        o = self.object
        return {
            "birth_date": o.birth_date,
            "education": o.education,
            "legal_qualification": o.legal_qualification,
            "rank": o.rank,
        }

    def perform(self, form):
        return services.update_officer_profile(
            by=self.request.user, officer=self.object, **form.cleaned_data
        )


class PositionCreateView(ActionFormView):
    """Add a position to an officer's history."""

    model = Officer
    action = VIEW  # the service checks the right to add for the bureau's court
    form_class = PositionForm
    required_perm = "personnel.add_position"
    intro = _(
        "One officer holds one position at a time: a period that overlaps another "
        "position is refused."
    )
    success_message = _("Position recorded.")

    def get_title(self):
        return _("New position for %(name)s") % {"name": self.object.name}

    def perform(self, form):
        services.record_position(by=self.request.user, officer=self.object, **form.cleaned_data)
        return self.object


class PositionListView(PersonnelListView):
    model = Position
    table_class = PositionTable
    filterset_class = PositionFilterSet
    title = _("Positions")

    def select_queryset(self, queryset):
        return selectors.position_list(queryset)


class PositionDetailView(RestrictedDetailView):
    model = Position
    template_name = "personnel/position_detail.html"
    detail_fields = [
        "officer",
        "bureau",
        "post",
        "is_acting",
        "started_on",
        "ended_on",
        "end_reason",
        "note",
    ]

    def select_queryset(self, queryset):
        return selectors.position_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["tenure"] = selectors.duration_text(selectors.position_tenures([self.object])[0][1])
        ctx["can_change"] = (
            Position.objects.restrict(self.request.user, "change")
            .filter(pk=self.object.pk)
            .exists()
        )
        return ctx


class EndPositionView(ActionFormView):
    model = Position
    form_class = EndPositionForm
    success_message = _("Position ended.")

    def get_title(self):
        return _("End position: %(position)s") % {"position": self.object}

    def perform(self, form):
        return services.end_position(
            by=self.request.user, position=self.object, **form.cleaned_data
        )


class TeamListView(RestrictedListView):
    model = Team
    table_class = TeamTable
    filterset_class = TeamFilterSet
    title = _("Case teams")

    def select_queryset(self, queryset):
        return selectors.team_list(queryset)


class TeamDetailView(RestrictedDetailView):
    model = Team
    detail_fields = ["name", "bureau", "is_active"]
    template_name = "personnel/team_detail.html"

    def select_queryset(self, queryset):
        return selectors.team_detail(queryset)


class StaffingListView(PersonnelListView):
    """Headcount (编制) and post quotas (职数) per bureau against actual staff."""

    model = Bureau
    table_class = StaffingTable
    filterset_class = BureauStaffingFilterSet
    title = _("Headcount and post quotas")
    template_name = "personnel/staffing_list.html"

    def select_queryset(self, queryset):
        return selectors.staffing_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["can_set_quotas"] = user.is_superuser or scope_for(user).city_leadership
        return ctx


class StaffingEditView(ActionFormView):
    model = Bureau
    action = VIEW  # the service reserves quotas to the city-wide leadership
    form_class = StaffingForm
    success_message = _("Headcount and post quotas saved.")

    def get_title(self):
        return _("Headcount and post quotas of %(bureau)s") % {"bureau": self.object}

    def get_initial(self):
        initial = {}
        quota = StaffingQuota.objects.filter(bureau=self.object).first()
        if quota:
            initial.update(headcount=quota.headcount, basis=quota.basis)
        for q in PostQuota.objects.filter(bureau=self.object):
            initial[f"quota_{q.post}"] = q.quota
        return initial

    def perform(self, form):
        data = form.cleaned_data
        quotas = {p: data[f"quota_{p}"] for p in selectors.STAFFING_POSTS}
        services.set_staffing(
            by=self.request.user,
            bureau=self.object,
            headcount=data["headcount"],
            basis=data["basis"],
            post_quotas=quotas,
        )
        return None

    def get_success_url(self):
        from django.urls import reverse

        return reverse("personnel:staffing")


class StructureView(LoginRequiredMixin, TemplateView):
    """Age and knowledge structure per bureau and city-wide (DOMAIN.md §6); every
    figure links to the officers behind it."""

    template_name = "personnel/structure.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        officers = Officer.objects.restrict(self.request.user, VIEW)
        bureau_id = self.request.GET.get("bureau")
        bureau = None
        if bureau_id and bureau_id.isdigit():
            bureau = get_object_or_404(Bureau.objects.restrict(self.request.user), pk=bureau_id)
            officers = officers.filter(bureau=bureau)
        ctx["bureau"] = bureau
        ctx["bureaus"] = Bureau.objects.restrict(self.request.user).select_related("court")
        data = selectors.structure(officers)
        ctx["data"] = data
        ctx["figures"] = [
            _figure_table("age", _("Age structure"), "age_band", data["age_bands"], data, {}),
            _figure_table(
                "education",
                _("Education"),
                "education",
                data["education_levels"],
                data,
                {"": "none"},
            ),
            _figure_table(
                "qualification",
                _("Legal qualification"),
                "legal_qualification",
                data["qualifications"],
                data,
                {"": "unrecorded"},
            ),
        ]
        return ctx


def _officers_url(**params) -> str:
    from urllib.parse import urlencode

    from django.urls import reverse

    return reverse("personnel:officer_list") + "?" + urlencode({"is_active": "true", **params})


def _figure_table(key, title, param, categories, data, blank_as) -> dict:
    """One dimension of the structure: counts per bureau and city-wide, each with
    the link to the officer list behind it (DESIGN.md: every figure links)."""
    values = [blank_as.get(v, v) for v, _label in categories]
    rows = []
    for b in data["bureaus"]:
        rows.append(
            {
                "name": b["name"],
                "total": (b["total"], _officers_url(bureau=b["id"])),
                "cells": [
                    (n, _officers_url(bureau=b["id"], **{param: v}))
                    for n, v in zip(b[key], values, strict=True)
                ],
            }
        )
    bureau_ids = [b["id"] for b in data["bureaus"]]
    city_params = {} if len(bureau_ids) != 1 else {"bureau": bureau_ids[0]}
    city = {
        "total": (data["city"]["total"], _officers_url(**city_params)),
        "cells": [
            (n, _officers_url(**city_params, **{param: v}))
            for n, v in zip(data["city"][key], values, strict=True)
        ],
    }
    return {
        "key": key,
        "title": title,
        "labels": [str(label) for _v, label in categories],
        "rows": rows,
        "city": city,
        "chart": {
            "labels": [str(label) for _v, label in categories],
            "bureaus": [b["short"] for b in data["bureaus"]],
            "series": [[b[key][i] for b in data["bureaus"]] for i in range(len(categories))],
            "urls": [[r["cells"][i][1] for r in rows] for i in range(len(categories))],
            "city": [n for n, _u in city["cells"]],
            "city_urls": [u for _n, u in city["cells"]],
        },
    }


class PeopleHomeView(LoginRequiredMixin, TemplateView):
    """The people section's overview: what needs attention, and where to go."""

    template_name = "personnel/home.html"

    def get_context_data(self, **kwargs):
        from personnel.choices import AppointmentStatus, DutyReportStatus, RotationStatus
        from personnel.models import DirectorAppointment, DutyReport

        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        standings = list(
            selectors.rotation_standings(queryset=Position.objects.restrict(user, VIEW))
        )
        ctx["due"] = sum(1 for _o, s in standings if s.status == RotationStatus.DUE)
        ctx["coming_due"] = sum(1 for _o, s in standings if s.status == RotationStatus.COMING_DUE)
        ctx["pending_appointments"] = (
            DirectorAppointment.objects.restrict(user)
            .filter(status=AppointmentStatus.PROPOSED)
            .count()
        )
        ctx["unscored_reports"] = (
            DutyReport.objects.restrict(user).filter(status=DutyReportStatus.SUBMITTED).count()
        )
        return ctx
