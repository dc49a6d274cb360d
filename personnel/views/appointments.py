"""District director appointments (DOMAIN.md §1): proposal, the intermediate
court's consent or refusal with an opinion, and taking effect."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from courts.access import VIEW, scope_for
from haikou_exec.views import RestrictedDetailView
from personnel import selectors, services
from personnel.choices import AppointmentStatus
from personnel.filtersets import AppointmentFilterSet
from personnel.forms import AppointmentForm, DecisionForm
from personnel.models import DirectorAppointment
from personnel.services.rotation import can_decide
from personnel.tables import AppointmentTable
from personnel.views.base import ActionFormView, ObjectActionView, PersonnelListView


class AppointmentListView(PersonnelListView):
    model = DirectorAppointment
    table_class = AppointmentTable
    filterset_class = AppointmentFilterSet
    title = _("District director appointments")
    create_url_name = "personnel:appointment_create"
    create_perm = "personnel.add_directorappointment"
    create_label = _("Propose a director")

    def select_queryset(self, queryset):
        return selectors.appointment_list(queryset)


class AppointmentDetailView(RestrictedDetailView):
    model = DirectorAppointment
    template_name = "personnel/appointment_detail.html"
    detail_fields = [
        "bureau",
        "candidate",
        "effective_on",
        "reason",
        "status",
        "proposed_by",
        "proposed_at",
        "opinion",
        "decided_by",
        "decided_at",
        "took_effect_at",
        "position",
    ]

    def select_queryset(self, queryset):
        return selectors.appointment_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        status = self.object.status
        can_change = (
            DirectorAppointment.objects.restrict(user, "change").filter(pk=self.object.pk).exists()
        )
        ctx["can_decide"] = status == AppointmentStatus.PROPOSED and can_decide(user)
        ctx["can_take_effect"] = status == AppointmentStatus.CONSENTED and can_change
        ctx["can_withdraw"] = (
            status == AppointmentStatus.PROPOSED
            and can_change
            and (user.is_superuser or scope_for(user).court_id == self.object.bureau.court_id)
        )
        ctx["decision_form"] = DecisionForm(user=user, obj=self.object)
        return ctx


class AppointmentCreateView(ActionFormView):
    form_class = AppointmentForm
    required_perm = "personnel.add_directorappointment"
    title = _("Propose a district bureau director")
    intro = _(
        "The intermediate court must consent before a district court appoints its "
        "enforcement bureau director; the appointment takes effect only after consent."
    )
    success_message = _("Proposal sent to the intermediate court.")

    def perform(self, form):
        return services.propose_appointment(by=self.request.user, **form.cleaned_data)


class AppointmentDecideView(ActionFormView):
    model = DirectorAppointment
    action = VIEW  # the service reserves the decision to the intermediate court
    form_class = DecisionForm
    title = _("Consent or refuse")
    success_message = _("Decision recorded.")

    def perform(self, form):
        return services.decide_appointment(
            by=self.request.user,
            appointment=self.object,
            consent=form.cleaned_data["decision"] == "yes",
            opinion=form.cleaned_data["opinion"],
        )


class AppointmentTakeEffectView(ObjectActionView):
    model = DirectorAppointment
    success_message = _("The appointment is in effect.")

    def perform(self):
        return services.make_appointment_effective(by=self.request.user, appointment=self.object)


class AppointmentWithdrawView(ObjectActionView):
    model = DirectorAppointment
    success_message = _("Proposal withdrawn.")

    def perform(self):
        return services.withdraw_appointment(by=self.request.user, appointment=self.object)
