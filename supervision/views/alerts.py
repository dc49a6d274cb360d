"""Alert pages: the list, one alert with its evidence and the triage forms, and
the rules (data) with their parameters."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from courts.access import VIEW
from courts.policy import supervises
from haikou_exec.parameters import readable
from haikou_exec.replica import ReplicaReadsMixin
from haikou_exec.views import RestrictedDetailView
from supervision import forms, selectors
from supervision.choices import AlertStatus
from supervision.filtersets import AlertFilterSet
from supervision.models import Alert, AlertRule
from supervision.parameters import rule_parameters
from supervision.services import alerts as service
from supervision.tables import AlertTable
from supervision.views.base import ListView, ObjectActionView, ServiceFormView


class DashboardView(ReplicaReadsMixin, LoginRequiredMixin, TemplateView):
    template_name = "supervision/dashboard.html"

    def get_context_data(self, **kwargs):
        from django.urls import reverse

        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        data = selectors.overview(self.request.user, today)
        ctx.update(data)
        alerts_url = reverse("supervision:alert_list")
        ctx["court_chart"] = [
            {
                "court": r["court__short_name"],
                "n": r["n"],
                "url": f"{alerts_url}?court={r['court__code']}&status=open",
            }
            for r in data["alerts_by_court"]
        ]
        ctx["rule_chart"] = [
            {
                "rule": r["rule__name"],
                "n": r["n"],
                "url": f"{alerts_url}?rule={r['rule_id']}&status=open",
            }
            for r in data["alerts_by_rule"]
        ]
        ctx["supervises"] = supervises(self.request.user)
        ctx["today"] = today
        return ctx


class AlertListView(ListView):
    model = Alert
    table_class = AlertTable
    filterset_class = AlertFilterSet
    title = gettext_lazy("Negative-execution alerts")

    def select_queryset(self, queryset):
        return selectors.alert_list(queryset)


class AlertDetailView(RestrictedDetailView):
    model = Alert
    template_name = "supervision/alert_detail.html"

    def select_queryset(self, queryset):
        return selectors.alert_detail(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_triage"] = self.object.status == AlertStatus.OPEN and supervises(self.request.user)
        ctx["dismiss_form"] = forms.ReasonForm()
        ctx["supervise_form"] = forms.AlertSuperviseForm()
        return ctx


class AlertDismissView(ObjectActionView):
    model = Alert
    form_class = forms.ReasonForm
    title = gettext_lazy("Dismiss the alert")

    def perform(self, form):
        return service.dismiss_alert(
            user=self.request.user, alert_id=self.object.pk, reason=form.cleaned_data["reason"]
        )

    @property
    def success_message(self):
        return _("The alert was dismissed.")


class AlertSuperviseView(ObjectActionView):
    model = Alert
    form_class = forms.AlertSuperviseForm
    title = gettext_lazy("Open supervision on the alert")

    def perform(self, form):
        d = form.cleaned_data
        return service.open_supervision_from_alert(
            user=self.request.user,
            alert_id=self.object.pk,
            title=d["title"],
            description=d["description"],
            handler_id=d["handler"].pk if d["handler"] else None,
        )

    def get_success_url(self):
        return self.result.get_absolute_url()

    @property
    def success_message(self):
        return _("Supervision case %(ref)s opened.") % {"ref": self.result.reference}


class RuleListView(LoginRequiredMixin, TemplateView):
    """The alert rules are reference data: every rule with its parameters."""

    template_name = "supervision/rule_list.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            "supervision.view_alertrule"
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from django.db.models import Count, Q

        ctx = super().get_context_data(**kwargs)
        rules = list(
            AlertRule.objects.restrict(self.request.user, VIEW).annotate(
                open_alerts=Count("alerts", filter=Q(alerts__status=AlertStatus.OPEN))
            )
        )
        # The parameters in the editor's words (supervision.parameters).
        for rule in rules:
            rule.parameters_text = readable(rule_parameters(rule.code), rule.parameters)
        ctx["rules"] = rules
        ctx["supervises"] = supervises(self.request.user)
        return ctx


class RuleEditView(ServiceFormView):
    form_class = forms.RuleForm
    title = gettext_lazy("Alert rule")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not supervises(request.user):
            raise PermissionDenied
        self.rule = get_object_or_404(AlertRule, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"severity": self.rule.severity, "is_active": self.rule.is_active}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "rule": self.rule}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = f"{_('Alert rule')}：{self.rule.name}"
        ctx["intro"] = self.rule.description
        return ctx

    def perform(self, form):
        return service.update_rule(
            user=self.request.user, rule_id=self.rule.pk, **form.cleaned_data
        )

    def get_success_url(self):
        from django.urls import reverse

        return reverse("supervision:rule_list")

    def get_cancel_url(self):
        return self.get_success_url()

    @property
    def success_message(self):
        return _("The rule was saved.")


class RuleRunView(LoginRequiredMixin, View):
    """Evaluate one rule now, in the background."""

    def post(self, request, pk):
        from supervision.tasks import evaluate_alert_rule

        if not supervises(request.user):
            raise PermissionDenied
        rule = get_object_or_404(AlertRule, pk=pk)
        evaluate_alert_rule.delay_on_commit(rule.pk)
        messages.success(
            request, _("The rule “%(rule)s” is being evaluated.") % {"rule": rule.name}
        )
        return redirect("supervision:rule_list")
