from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from command_center import selectors
from command_center.filtersets import BackgroundJobFilterSet, NotificationFilterSet
from command_center.models import BackgroundJob, Notification
from command_center.notifications import mark_read
from command_center.tables import BackgroundJobTable, NotificationTable
from courts.access import scope_for
from haikou_exec.views import RestrictedDetailView, RestrictedListView


class HomeView(LoginRequiredMixin, TemplateView):
    """The landing page of each role (DESIGN.md "Users and what each does")."""

    def get_template_names(self):
        return [f"command_center/home_{selectors.home_kind(self.request.user)}.html"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["officer"] = selectors.my_officer(user)
        ctx["scope"] = scope_for(user)
        ctx["officers_per_court"] = selectors.officers_per_court(user)
        ctx["recent_jobs"] = selectors.job_list(
            BackgroundJob.objects.restrict(user).filter(created_by=user)
        )[:5]
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


class NotificationListView(RestrictedListView):
    model = Notification
    table_class = NotificationTable
    filterset_class = NotificationFilterSet
    title = _("Notifications")
    template_name = "command_center/notification_list.html"

    def select_queryset(self, queryset):
        return queryset.select_related("recipient__officer__bureau__court")


class MarkNotificationsReadView(LoginRequiredMixin, View):
    def post(self, request):
        count = mark_read(request.user)
        messages.success(request, _("%(n)d notifications marked as read.") % {"n": count})
        return redirect("command_center:notification_list")
