"""Pages of command: directives and their feedback, coordinated operations
(the records of command are in ``views.records``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from command_center import selectors
from command_center.choices import (
    OPERATION_TRANSITIONS,
    DirectiveStatus,
    FeedbackStatus,
    OperationStatus,
)
from command_center.filtersets import (
    DirectiveFilterSet,
    DirectiveRecipientFilterSet,
    OperationFilterSet,
    OperationParticipantFilterSet,
)
from command_center.forms import (
    AssignmentForm,
    DirectiveForm,
    FeedbackForm,
    OperationForm,
    OperationStatusForm,
    ParticipantForm,
    ResultsForm,
)
from command_center.models import (
    Directive,
    DirectiveRecipient,
    Operation,
    OperationParticipant,
)
from command_center.services import command
from command_center.tables import (
    DirectiveRecipientTable,
    DirectiveTable,
    OperationParticipantTable,
    OperationTable,
)
from command_center.views.base import Action, CentreDetailView, PostActionView, ServiceFormView
from courts.access import CHANGE, scope_for
from haikou_exec.views import RestrictedListView


def _can_change(user, obj) -> bool:
    return type(obj).objects.restrict(user, CHANGE).filter(pk=obj.pk).exists()


def _new_button(user, perm: str, label, url_name: str) -> list[Action]:
    return [Action(label, reverse(url_name), style="primary")] if user.has_perm(perm) else []


# --- directives --------------------------------------------------------------------


class DirectiveListView(RestrictedListView):
    model = Directive
    table_class = DirectiveTable
    filterset_class = DirectiveFilterSet
    title = _("Directives")
    template_name = "command_center/list.html"

    def select_queryset(self, queryset):
        return selectors.directive_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if scope_for(self.request.user).city_leadership or self.request.user.is_superuser:
            ctx["actions"] = [
                Action(
                    _("Issue a directive"), reverse("command_center:directive_new"), style="primary"
                )
            ]
        return ctx


class DirectiveDetailView(CentreDetailView):
    model = Directive
    template_name = "command_center/directive_detail.html"
    detail_fields = [
        "title",
        "body",
        "required_feedback",
        "feedback_due_on",
        "case",
        "status",
        "issued_by",
        "issued_at",
        "closed_at",
    ]

    def select_queryset(self, queryset):
        return queryset.select_related("court", "case", "issued_by")

    def get_context_data(self, **kwargs):
        from django.utils import timezone

        ctx = super().get_context_data(**kwargs)
        directive = self.object
        ctx["recipients"] = list(directive.recipients.select_related("bureau__court"))
        ctx["today"] = timezone.localdate()
        if directive.status == DirectiveStatus.ISSUED and _can_change(self.request.user, directive):
            ctx["actions"] = [
                Action(
                    _("Close the directive"),
                    reverse("command_center:directive_close", kwargs={"pk": directive.pk}),
                    post=True,
                    style="outline-secondary",
                )
            ]
        return ctx


class DirectiveNewView(ServiceFormView):
    form_class = DirectiveForm
    title = _("Issue a directive")
    success_message = _("Directive issued.")

    def get_cancel_url(self):
        return reverse("command_center:directive_list")

    def perform(self, form):
        d = form.cleaned_data
        return command.issue_directive(
            user=self.request.user,
            title=d["title"],
            body=d["body"],
            required_feedback=d["required_feedback"],
            feedback_due_on=d["feedback_due_on"],
            bureau_ids=[b.pk for b in d["bureaus"]],
            case_id=d["case_number"].pk if d.get("case_number") else None,
        )


class DirectiveCloseView(PostActionView):
    model = Directive
    success_message = _("Directive closed.")

    def perform(self):
        return command.close_directive(user=self.request.user, directive_id=self.object.pk)


class RecipientListView(RestrictedListView):
    model = DirectiveRecipient
    table_class = DirectiveRecipientTable
    filterset_class = DirectiveRecipientFilterSet
    title = _("Directive feedback")

    def select_queryset(self, queryset):
        return selectors.recipient_list(queryset)


class RecipientDetailView(CentreDetailView):
    model = DirectiveRecipient
    template_name = "command_center/recipient_detail.html"
    detail_fields = [
        "bureau",
        "status",
        "acknowledged_at",
        "acknowledged_by",
        "feedback",
        "reported_at",
        "reported_by",
        "escalated_at",
    ]

    def select_queryset(self, queryset):
        return queryset.select_related(
            "directive__issued_by", "bureau__court", "acknowledged_by", "reported_by"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        recipient = self.object
        actions = []
        if (
            _can_change(self.request.user, recipient)
            and recipient.status != FeedbackStatus.REPORTED
        ):
            if recipient.status == FeedbackStatus.ISSUED:
                actions.append(
                    Action(
                        _("Acknowledge"),
                        reverse(
                            "command_center:recipient_acknowledge", kwargs={"pk": recipient.pk}
                        ),
                        post=True,
                    )
                )
            actions.append(
                Action(
                    _("Report feedback"),
                    reverse("command_center:recipient_report", kwargs={"pk": recipient.pk}),
                    style="primary",
                )
            )
        ctx["actions"] = actions
        return ctx


class RecipientAcknowledgeView(PostActionView):
    model = DirectiveRecipient
    success_message = _("Directive acknowledged.")

    def perform(self):
        return command.acknowledge_directive(user=self.request.user, recipient_id=self.object.pk)


class RecipientReportView(ServiceFormView):
    model = DirectiveRecipient
    form_class = FeedbackForm
    title = _("Report feedback")
    success_message = _("Feedback reported.")

    def perform(self, form):
        return command.report_feedback(
            user=self.request.user,
            recipient_id=self.object.pk,
            feedback=form.cleaned_data["feedback"],
        )


# --- operations ------------------------------------------------------------------


class OperationListView(RestrictedListView):
    model = Operation
    table_class = OperationTable
    filterset_class = OperationFilterSet
    title = _("Coordinated operations")
    template_name = "command_center/list.html"

    def select_queryset(self, queryset):
        return selectors.operation_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if scope_for(self.request.user).city_leadership or self.request.user.is_superuser:
            ctx["actions"] = [
                Action(
                    _("Plan an operation"), reverse("command_center:operation_new"), style="primary"
                )
            ]
        return ctx


class OperationDetailView(CentreDetailView):
    model = Operation
    template_name = "command_center/operation_detail.html"
    detail_fields = ["name", "plan", "starts_on", "ends_on", "status", "created_by"]

    def select_queryset(self, queryset):
        return queryset.select_related("court", "created_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        operation = self.object
        ctx["participants"] = list(
            operation.participants.select_related("bureau__court").prefetch_related(
                "assignments__officer", "assignments__equipment"
            )
        )
        ctx["tally"] = command.operation_tally(operation)
        if _can_change(self.request.user, operation) and OPERATION_TRANSITIONS[operation.status]:
            ctx["actions"] = [
                Action(
                    _("Change status"),
                    reverse("command_center:operation_status", kwargs={"pk": operation.pk}),
                ),
                Action(
                    _("Add a bureau"),
                    reverse(
                        "command_center:operation_participant_add", kwargs={"pk": operation.pk}
                    ),
                ),
            ]
        return ctx


class OperationNewView(ServiceFormView):
    form_class = OperationForm
    title = _("Plan a coordinated operation")
    success_message = _("Operation planned; the bureaus were told.")
    pass_user = True

    def get_cancel_url(self):
        return reverse("command_center:operation_list")

    def perform(self, form):
        d = form.cleaned_data
        return command.plan_operation(
            user=self.request.user,
            name=d["name"],
            plan=d["plan"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            bureau_tasks={b.pk: d["task"] for b in d["bureaus"]},
        )


class OperationStatusView(ServiceFormView):
    model = Operation
    form_class = OperationStatusForm
    title = _("Change the operation's status")

    def extra_form_kwargs(self):
        labels = dict(OperationStatus.choices)
        return {"choices": [(s, labels[s]) for s in OPERATION_TRANSITIONS[self.object.status]]}

    def perform(self, form):
        return command.set_operation_status(
            user=self.request.user, operation_id=self.object.pk, status=form.cleaned_data["status"]
        )


class OperationParticipantAddView(ServiceFormView):
    model = Operation
    form_class = ParticipantForm
    title = _("Add a bureau to the operation")
    pass_user = True

    def perform(self, form):
        command.add_participant(
            user=self.request.user,
            operation_id=self.object.pk,
            bureau_id=form.cleaned_data["bureau"].pk,
            task=form.cleaned_data["task"],
        )
        return self.object


class ParticipantListView(RestrictedListView):
    model = OperationParticipant
    table_class = OperationParticipantTable
    filterset_class = OperationParticipantFilterSet
    title = _("Our part in operations")

    def select_queryset(self, queryset):
        return selectors.participant_list(queryset)


class ParticipantDetailView(CentreDetailView):
    model = OperationParticipant
    template_name = "command_center/participant_detail.html"
    detail_fields = [
        "operation",
        "bureau",
        "task",
        "cases_targeted",
        "cases_concluded",
        "amount_recovered",
        "detentions",
        "properties_controlled",
        "results_note",
        "results_reported_at",
        "results_reported_by",
    ]

    def select_queryset(self, queryset):
        return queryset.select_related("operation", "bureau__court", "results_reported_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        part = self.object
        ctx["assignments"] = list(part.assignments.select_related("officer", "equipment"))
        if _can_change(self.request.user, part) and part.operation.status not in (
            OperationStatus.CONCLUDED,
            OperationStatus.CANCELLED,
        ):
            ctx["actions"] = [
                Action(
                    _("Assign officers or equipment"),
                    reverse("command_center:participant_assign", kwargs={"pk": part.pk}),
                    style="primary",
                ),
                Action(
                    _("Report results"),
                    reverse("command_center:participant_results", kwargs={"pk": part.pk}),
                ),
            ]
        return ctx


class ParticipantAssignView(ServiceFormView):
    model = OperationParticipant
    form_class = AssignmentForm
    title = _("Assign officers, vehicles and equipment")
    success_message = _("Assigned.")

    def extra_form_kwargs(self):
        return {"participant": self.object}

    def perform(self, form):
        d = form.cleaned_data
        command.assign_to_operation(
            user=self.request.user,
            participant_id=self.object.pk,
            officer_id=d["officer"].pk if d.get("officer") else None,
            equipment_id=d["equipment"].pk if d.get("equipment") else None,
            duty=d.get("duty") or "",
        )
        return self.object


class ParticipantResultsView(ServiceFormView):
    model = OperationParticipant
    form_class = ResultsForm
    title = _("Report the results")
    success_message = _("Results reported.")

    def get_initial(self):
        p = self.object
        return {
            "cases_targeted": p.cases_targeted,
            "cases_concluded": p.cases_concluded,
            "amount_recovered": p.amount_recovered,
            "detentions": p.detentions,
            "properties_controlled": p.properties_controlled,
            "note": p.results_note,
        }

    def perform(self, form):
        return command.report_operation_results(
            user=self.request.user, participant_id=self.object.pk, **form.cleaned_data
        )
