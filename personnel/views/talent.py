"""The talent pool (海口法院执行人才库, DOMAIN.md §6)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from haikou_exec.views import RestrictedDetailView
from personnel import selectors, services
from personnel.filtersets import (
    ResearchOutputFilterSet,
    SecondmentFilterSet,
    SeminarFilterSet,
    TalentPoolFilterSet,
    TrainingFilterSet,
)
from personnel.forms import (
    LeaveForm,
    ResearchOutputForm,
    SecondmentForm,
    SeminarForm,
    TalentMemberForm,
    TrainingForm,
)
from personnel.models import ResearchOutput, Secondment, Seminar, TalentPoolMember, Training
from personnel.tables import (
    ResearchOutputTable,
    SecondmentTable,
    SeminarTable,
    TalentPoolTable,
    TrainingTable,
)
from personnel.views.base import ActionFormView, PersonnelListView


class TalentPoolListView(PersonnelListView):
    model = TalentPoolMember
    table_class = TalentPoolTable
    filterset_class = TalentPoolFilterSet
    title = _("Talent pool")
    create_url_name = "personnel:talent_create"
    create_perm = "personnel.add_talentpoolmember"
    create_label = _("Add a member")

    def select_queryset(self, queryset):
        return selectors.talent_list(queryset)


class TalentPoolDetailView(RestrictedDetailView):
    model = TalentPoolMember
    template_name = "personnel/talent_detail.html"
    detail_fields = ["officer", "joined_on", "left_on", "note"]

    def select_queryset(self, queryset):
        return selectors.talent_list(queryset)


class TalentPoolCreateView(ActionFormView):
    form_class = TalentMemberForm
    required_perm = "personnel.add_talentpoolmember"
    title = _("Add a member to the talent pool")
    success_message = _("Member added.")

    def perform(self, form):
        return services.add_talent_member(by=self.request.user, **form.cleaned_data)


class TalentPoolLeaveView(ActionFormView):
    model = TalentPoolMember
    form_class = LeaveForm
    title = _("Leave the talent pool")
    success_message = _("Membership ended.")

    def perform(self, form):
        return services.end_talent_membership(
            by=self.request.user, member=self.object, **form.cleaned_data
        )


class SeminarListView(PersonnelListView):
    model = Seminar
    table_class = SeminarTable
    filterset_class = SeminarFilterSet
    title = _("Seminars on hard questions")
    create_url_name = "personnel:seminar_create"
    create_perm = "personnel.add_seminar"
    create_label = _("Record a seminar")

    def select_queryset(self, queryset):
        return selectors.seminar_list(queryset)


class SeminarDetailView(RestrictedDetailView):
    model = Seminar
    template_name = "personnel/seminar_detail.html"
    detail_fields = ["topic", "court", "held_on", "question", "outcome"]

    def select_queryset(self, queryset):
        return selectors.seminar_detail(queryset)


class SeminarCreateView(ActionFormView):
    form_class = SeminarForm
    required_perm = "personnel.add_seminar"
    title = _("Record a seminar on a hard question")
    success_message = _("Seminar recorded.")

    def perform(self, form):
        return services.record_seminar(by=self.request.user, **form.cleaned_data)


class ResearchOutputListView(PersonnelListView):
    model = ResearchOutput
    table_class = ResearchOutputTable
    filterset_class = ResearchOutputFilterSet
    title = _("Research outputs")
    create_url_name = "personnel:research_create"
    create_perm = "personnel.add_researchoutput"
    create_label = _("Record a research output")

    def select_queryset(self, queryset):
        return selectors.research_list(queryset)


class ResearchOutputDetailView(RestrictedDetailView):
    model = ResearchOutput
    template_name = "personnel/research_detail.html"
    detail_fields = ["title", "kind", "court", "completed_on", "venue", "summary", "seminar"]

    def select_queryset(self, queryset):
        return selectors.research_list(queryset)


class ResearchOutputCreateView(ActionFormView):
    form_class = ResearchOutputForm
    required_perm = "personnel.add_researchoutput"
    title = _("Record a research output")
    success_message = _("Research output recorded.")

    def perform(self, form):
        return services.record_research_output(by=self.request.user, **form.cleaned_data)


class SecondmentListView(PersonnelListView):
    model = Secondment
    table_class = SecondmentTable
    filterset_class = SecondmentFilterSet
    title = _("Secondments")
    create_url_name = "personnel:secondment_create"
    create_perm = "personnel.add_secondment"
    create_label = _("Record a secondment")

    def select_queryset(self, queryset):
        return selectors.secondment_list(queryset)


class SecondmentDetailView(RestrictedDetailView):
    template_name = "personnel/object_detail.html"
    model = Secondment
    detail_fields = [
        "officer",
        "home_bureau",
        "host_bureau",
        "post",
        "started_on",
        "ended_on",
        "note",
    ]

    def select_queryset(self, queryset):
        return selectors.secondment_list(queryset)


class SecondmentCreateView(ActionFormView):
    form_class = SecondmentForm
    required_perm = "personnel.add_secondment"
    title = _("Record a secondment")
    intro = _("Two-way secondments (挂职) run between the intermediate court and a district court.")
    success_message = _("Secondment recorded.")

    def perform(self, form):
        return services.record_secondment(by=self.request.user, **form.cleaned_data)


class TrainingListView(PersonnelListView):
    model = Training
    table_class = TrainingTable
    filterset_class = TrainingFilterSet
    title = _("Short-term training")
    create_url_name = "personnel:training_create"
    create_perm = "personnel.add_training"
    create_label = _("Record a training")

    def select_queryset(self, queryset):
        return selectors.training_list(queryset)


class TrainingDetailView(RestrictedDetailView):
    model = Training
    template_name = "personnel/training_detail.html"
    detail_fields = ["title", "court", "organiser", "starts_on", "ends_on", "hours", "location"]

    def select_queryset(self, queryset):
        return selectors.training_detail(queryset)


class TrainingCreateView(ActionFormView):
    form_class = TrainingForm
    required_perm = "personnel.add_training"
    title = _("Record a short-term training")
    success_message = _("Training recorded.")

    def perform(self, form):
        return services.record_training(by=self.request.user, **form.cleaned_data)
