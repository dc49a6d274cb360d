"""Pages of the affairs-centre task queues."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from command_center import selectors
from command_center.choices import AffairsTaskKind, AffairsTaskStatus
from command_center.filtersets import AffairsTaskFilterSet
from command_center.forms import ResendForm, ResultForm, ReturnForm, TaskSendForm
from command_center.models import AffairsTask
from command_center.services import affairs
from command_center.tables import AffairsTaskTable
from command_center.views.base import Action, CentreDetailView, PostActionView, ServiceFormView
from courts.access import CHANGE, scope_for
from courts.policy import is_centre_staff
from haikou_exec.views import RestrictedListView


class TaskListView(RestrictedListView):
    model = AffairsTask
    table_class = AffairsTaskTable
    filterset_class = AffairsTaskFilterSet
    title = _("Affairs-centre task queue")
    template_name = "command_center/task_list.html"

    def select_queryset(self, queryset):
        return selectors.task_list(queryset)


class TaskDetailView(CentreDetailView):
    model = AffairsTask
    template_name = "command_center/detail.html"
    detail_fields = [
        "kind",
        "case",
        "court",
        "status",
        "instructions",
        "sent_by",
        "sent_team",
        "sent_at",
        "due_at",
        "claimed_by",
        "claimed_at",
        "finished_at",
        "result",
        "return_reason",
        "job",
    ]

    def select_queryset(self, queryset):
        return queryset.select_related("case", "court", "sent_by", "sent_team", "claimed_by", "job")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        task, user = self.object, self.request.user
        centre = user.is_superuser or is_centre_staff(scope_for(user))
        can_change = AffairsTask.objects.restrict(user, CHANGE).filter(pk=task.pk).exists()
        url = lambda name: reverse(f"command_center:task_{name}", kwargs={"pk": task.pk})  # noqa: E731
        actions = []
        if centre and can_change:
            if task.status == AffairsTaskStatus.PENDING:
                actions.append(Action(_("Claim"), url("claim"), post=True, style="primary"))
            if task.status == AffairsTaskStatus.CLAIMED and (
                task.claimed_by_id == user.pk or user.is_superuser
            ):
                if task.kind == AffairsTaskKind.ONLINE_QUERY and task.job_id is None:
                    actions.append(
                        Action(_("Run the online query"), url("query"), post=True, style="primary")
                    )
                actions += [
                    Action(_("Complete"), url("complete"), style="success"),
                    Action(_("Return to the team"), url("return"), style="outline-danger"),
                    Action(
                        _("Put back in the queue"),
                        url("release"),
                        post=True,
                        style="outline-secondary",
                    ),
                ]
        if not centre and can_change:
            if task.status == AffairsTaskStatus.RETURNED:
                actions.append(Action(_("Send again"), url("resend"), style="primary"))
            if task.status in (AffairsTaskStatus.PENDING, AffairsTaskStatus.RETURNED):
                actions.append(
                    Action(_("Cancel the task"), url("cancel"), post=True, style="outline-danger")
                )
        ctx["actions"] = actions
        ctx["overdue"] = task.is_overdue
        return ctx


class TaskSendView(ServiceFormView):
    form_class = TaskSendForm
    title = _("Send a task to the affairs centre")
    success_message = _("Task sent to the affairs centre.")
    case_field = "case_number"

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("kind") in AffairsTaskKind.values:
            initial["kind"] = self.request.GET["kind"]
        return initial

    def get_cancel_url(self):
        return reverse("command_center:task_list")

    def perform(self, form):
        d = form.cleaned_data
        return affairs.send_task(
            user=self.request.user,
            case_id=d["case_number"].pk,
            kind=d["kind"],
            instructions=d["instructions"],
        )


class TaskClaimView(PostActionView):
    model = AffairsTask
    success_message = _("Task claimed.")

    def perform(self):
        return affairs.claim_task(user=self.request.user, task_id=self.object.pk)


class TaskReleaseView(PostActionView):
    model = AffairsTask
    success_message = _("Task put back in the queue.")

    def perform(self):
        return affairs.release_task(user=self.request.user, task_id=self.object.pk)


class TaskCancelView(PostActionView):
    model = AffairsTask
    success_message = _("Task cancelled.")

    def perform(self):
        return affairs.cancel_task(user=self.request.user, task_id=self.object.pk)


class TaskQueryView(PostActionView):
    model = AffairsTask
    success_message = _("Online query started.")

    def perform(self):
        job = affairs.start_task_query(user=self.request.user, task_id=self.object.pk)
        return job


class TaskCompleteView(ServiceFormView):
    model = AffairsTask
    form_class = ResultForm
    title = _("Complete the task")
    success_message = _("Task completed.")

    def perform(self, form):
        return affairs.complete_task(
            user=self.request.user, task_id=self.object.pk, result=form.cleaned_data["result"]
        )


class TaskReturnView(ServiceFormView):
    model = AffairsTask
    form_class = ReturnForm
    title = _("Return the task to the team")
    success_message = _("Task returned to the team.")

    def perform(self, form):
        return affairs.return_task(
            user=self.request.user, task_id=self.object.pk, reason=form.cleaned_data["reason"]
        )


class TaskResendView(ServiceFormView):
    model = AffairsTask
    form_class = ResendForm
    title = _("Send the task again")
    success_message = _("Task sent again.")

    def perform(self, form):
        return affairs.resend_task(
            user=self.request.user,
            task_id=self.object.pk,
            instructions=form.cleaned_data["instructions"],
        )


class WorkloadView(LoginRequiredMixin, TemplateView):
    """The centre's workload per person, and the queue per kind."""

    template_name = "command_center/workload.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        scope = scope_for(self.request.user)
        court_ids = (
            None if (scope.all_courts or self.request.user.is_superuser) else [scope.court_id]
        )
        ctx["workload"] = selectors.task_workload(court_ids)
        return ctx
