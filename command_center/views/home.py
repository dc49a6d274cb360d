"""Home pages by role, background jobs and the notification centre."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from command_center import selectors
from command_center.choices import AffairsTaskStatus, QueryStatus
from command_center.dashboard import fresh_seconds, recent_figures, recent_team_figures
from command_center.filtersets import BackgroundJobFilterSet, NotificationFilterSet
from command_center.models import AffairsTask, AssetQuery
from command_center.tables import BackgroundJobTable, NotificationTable
from command_center.worklist import worklist_for
from courts.access import scope_for
from courts.choices import OfficerRole
from haikou_exec.choices import JobKind
from haikou_exec.models import BackgroundJob, Notification
from haikou_exec.notifications import mark_read
from haikou_exec.views import RestrictedDetailView, RestrictedListView


class HomeView(LoginRequiredMixin, TemplateView):
    """The landing page of each role (DESIGN.md "Users and what each does")."""

    def get_template_names(self):
        return [f"command_center/home_{selectors.home_kind(self.request.user)}.html"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        kind = selectors.home_kind(user)
        ctx["officer"] = selectors.my_officer(user)
        ctx["scope"] = scope_for(user)
        # The court's president (or the delegated vice-president) works for the
        # court, not in a team: his home says so (issue 16).
        ctx["is_president"] = ctx["scope"].role in OfficerRole.president_roles()
        ctx["recent_jobs"] = selectors.job_list(
            BackgroundJob.objects.restrict(user).filter(created_by=user)
        )[:5]
        # What must I do now? (issue 16): the role's worklist, each item linking
        # to the page where it is done.
        ctx["worklist"] = worklist_for(user, kind)
        if kind in ("leadership", "bureau"):
            # Only their pages chart it (_officers_chart.html).
            ctx["officers_per_court"] = selectors.officers_per_court(user)
            ctx["figures"], ctx["figures_as_of"] = recent_figures(user)
            ctx["figures_fresh_seconds"] = fresh_seconds()
            ctx["team_rows"] = recent_team_figures(user) if kind == "bureau" else []
        if kind == "centre":
            ctx["workload"] = selectors.task_workload(
                None if ctx["scope"].all_courts else [ctx["scope"].court_id]
            )
            ctx["my_tasks"] = selectors.task_list(
                AffairsTask.objects.restrict(user).filter(
                    claimed_by=user, status=AffairsTaskStatus.CLAIMED
                )
            )[:10]
        if kind == "team":
            ctx["sent_tasks"] = selectors.task_list(
                AffairsTask.objects.restrict(user).filter(sent_by=user)
            ).order_by("-sent_at")[:10]
        return ctx


class BackgroundJobListView(RestrictedListView):
    model = BackgroundJob
    table_class = BackgroundJobTable
    filterset_class = BackgroundJobFilterSet
    title = _("Background jobs")

    def select_queryset(self, queryset):
        return selectors.job_list(queryset)


class BackgroundJobDetailView(RestrictedDetailView):
    model = BackgroundJob
    template_name = "command_center/job_detail.html"

    def get_template_names(self):
        # htmx polls the progress fragment until the job finishes.
        if self.request.htmx:
            return ["command_center/_job_progress.html"]
        return [self.template_name]

    def select_queryset(self, queryset):
        return selectors.job_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        job = self.object
        if job.kind in (JobKind.PROPERTY_QUERY, JobKind.TERMINATION_REQUERY):
            counts = dict(
                AssetQuery.objects.filter(job=job)
                .order_by()
                .values_list("status")
                .annotate(n=Count("id"))
            )
            ctx["query_counts"] = [
                (status, label, counts[status])
                for status, label in QueryStatus.choices
                if status in counts
            ]
            ctx["is_query_job"] = True
        return ctx


class NotificationListView(RestrictedListView):
    model = Notification
    table_class = NotificationTable
    filterset_class = NotificationFilterSet
    title = _("Notifications")
    template_name = "command_center/notification_list.html"

    def select_queryset(self, queryset):
        # One's own notifications only, the superuser's too.
        return queryset.filter(recipient_id=self.request.user.pk).select_related(
            "recipient__officer__bureau__court"
        )


class MarkNotificationsReadView(LoginRequiredMixin, View):
    def post(self, request):
        count = mark_read(request.user)
        messages.success(request, _("%(n)d notifications marked as read.") % {"n": count})
        return redirect("command_center:notification_list")
