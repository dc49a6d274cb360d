"""Leadership dashboards: city-wide, district (scoped to the own court by the
restriction point), and a full-screen mode for the command room."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from command_center.dashboard import fresh_seconds, recent_figures, recent_team_figures
from courts.access import scope_for
from haikou_exec.replica import ReplicaReadsMixin


class DashboardView(ReplicaReadsMixin, LoginRequiredMixin, TemplateView):
    template_name = "command_center/dashboard.html"

    def get_template_names(self):
        if self.request.htmx:
            return ["command_center/_dashboard_figures.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        try:
            year = int(self.request.GET.get("year", today.year))
        except ValueError:
            year = today.year
        year = min(max(year, 2000), today.year)
        user = self.request.user
        refresh = self.request.GET.get("refresh") == "1"
        # The scope's figures as known at most DASHBOARD_FRESH_SECONDS ago, the
        # time shown on the page (command_center/dashboard.py says why).
        ctx["figures"], ctx["figures_as_of"] = recent_figures(user, year, refresh=refresh)
        ctx["figures_fresh_seconds"] = fresh_seconds()
        ctx["team_rows"] = recent_team_figures(user, refresh=refresh)
        ctx["city_wide"] = scope_for(user).all_courts or user.is_superuser
        ctx["years"] = list(range(today.year, today.year - 6, -1))
        ctx["year"] = year
        return ctx


class ScreenView(DashboardView):
    """Full screen for the command room: dark, large, refreshed every five minutes."""

    template_name = "command_center/screen.html"
