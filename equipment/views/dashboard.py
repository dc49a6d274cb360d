"""The equipment dashboards: city-wide for those who see every court, per court
for everyone. Every figure links to the list behind it (DESIGN.md)."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView

from courts.access import VIEW
from courts.models import Court
from equipment import selectors
from equipment.choices import ItemStatus
from equipment.policy import can_schedule_inspections, can_set_standards, inventory_courts
from equipment.services.common import today
from equipment.services.reminders import SERVICE_LIFE_NOTICE_DAYS
from haikou_exec.replica import ReplicaReadsMixin


def _url(name: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return reverse(name) + (f"?{query}" if query else "")


def _links(figure: dict, on: datetime.date, horizon: datetime.date) -> dict:
    code = figure["court"].code
    return {
        "court": reverse("equipment:court_dashboard", kwargs={"pk": figure["court"].pk}),
        "all": _url("equipment:item_list", court=code),
        "in_service": _url("equipment:item_list", court=code, in_service="true"),
        "counted": _url("equipment:item_list", court=code, counted_on=on.isoformat()),
        "ending_soon": _url(
            "equipment:item_list", court=code, held="true", service_end_before=horizon.isoformat()
        ),
        "open_rectifications": _url(
            "equipment:inspection_list", court=code, open_rectification="true"
        ),
        "inspections": _url("equipment:inspection_list", court=code),
        "score": figure["score"].get_absolute_url() if figure["score"] else None,
        "scores": _url("equipment:score_list", court=code),
    }


class _DashboardBase(ReplicaReadsMixin, LoginRequiredMixin, TemplateView):
    def base_context(self, courts: list[Court]) -> dict:
        user = self.request.user
        on = today()
        horizon = on + datetime.timedelta(days=SERVICE_LIFE_NOTICE_DAYS)
        figures = selectors.court_figures(user, courts, on)
        for figure in figures:
            figure["links"] = _links(figure, on, horizon)
            code = figure["court"].code
            for line in figure["lines"]:
                line["url"] = _url(
                    "equipment:item_list",
                    court=code,
                    category=line["category"],
                    counted_on=on.isoformat(),
                )
            for row in figure["by_status"]:
                row["url"] = _url("equipment:item_list", court=code, status=row["status"])
        return {
            "today": on,
            "horizon": horizon,
            "figures": figures,
            "can_set_standards": can_set_standards(user),
            "can_schedule": can_schedule_inspections(user),
            "sees_standards": selectors.sees_standards_list(user),
            "manages_inventory": inventory_courts(user).exists(),
        }


class DashboardView(_DashboardBase):
    """City-wide when the user sees more than one court, else their court's."""

    template_name = "equipment/dashboard_city.html"

    def get(self, request, *args, **kwargs):
        courts = selectors.visible_courts(request.user)
        if len(courts) == 1:
            return redirect("equipment:court_dashboard", pk=courts[0].pk)
        self.courts = courts
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = {**super().get_context_data(**kwargs), **self.base_context(self.courts)}
        totals = selectors.category_totals(ctx["figures"])
        for row in totals:
            row["url"] = _url(
                "equipment:item_list", category=row["category"], counted_on=ctx["today"].isoformat()
            )
        ctx["category_totals"] = totals
        ctx["score_chart"] = [
            {
                "court": f["court"].short_name,
                "score": float(f["score"].score) if f["score"] else None,
                "url": f["links"]["score"] or f["links"]["court"],
            }
            for f in ctx["figures"]
        ]
        ctx["category_chart"] = [
            {
                "label": str(r["label"]),
                "required": r["required"],
                "in_service": r["in_service"],
                "url": r["url"],
            }
            for r in totals
        ]
        return ctx


class CourtDashboardView(_DashboardBase):
    template_name = "equipment/dashboard_court.html"

    def get_context_data(self, **kwargs):
        court = get_object_or_404(Court.objects.restrict(self.request.user, VIEW), pk=kwargs["pk"])
        ctx = {**super().get_context_data(**kwargs), **self.base_context([court])}
        figure = ctx["figures"][0]
        ctx["court"] = court
        ctx["figure"] = figure
        ctx["may_recompute"] = inventory_courts(self.request.user).filter(pk=court.pk).exists()
        ctx["category_chart"] = [
            {
                "label": str(line["label"]),
                "required": line["required"],
                "in_service": line["in_service"],
                "url": line["url"],
            }
            for line in figure["lines"]
        ]
        ctx["status_chart"] = [
            {"name": str(row["label"]), "value": row["n"], "url": row["url"]}
            for row in figure["by_status"]
            if row["n"]
        ]
        ctx["in_service_states"] = [ItemStatus(s).label for s in ItemStatus.in_service()]
        return ctx
