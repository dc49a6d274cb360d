"""The base of every case action page: load the case within the user's change
scope (404 otherwise), validate a form, call one service, report the result."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView

from cases.models import EnforcementCase
from courts.access import CHANGE, VIEW


def apply_validation_error(form, exc: ValidationError) -> None:
    """Put a service's ValidationError onto the form, field by field."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class CaseActionView(LoginRequiredMixin, FormView):
    """Subclasses set ``form_class``, ``title`` and implement ``perform``."""

    template_name = "cases/action_form.html"
    title = ""
    action = CHANGE
    success_message = ""
    # The button: 保存 for a record (the default), 提交 for a request (issue 16).
    submit_label = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.case = self.get_case()
        return super().dispatch(request, *args, **kwargs)

    def get_case(self) -> EnforcementCase:
        queryset = EnforcementCase.objects.restrict(self.request.user, self.action).select_related(
            "court", "team"
        )
        return get_object_or_404(queryset, pk=self.kwargs["case_id"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["case"] = self.case
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(case=self.case, title=self.title, submit_label=self.submit_label)
        return ctx

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except ValidationError as exc:
            apply_validation_error(form, exc)
            return self.form_invalid(form)
        except Http404:
            raise
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.get_success_url(result))

    def perform(self, form):  # pragma: no cover - abstract
        raise NotImplementedError

    def get_success_url(self, result=None):
        return self.case.get_absolute_url()


class CaseReadMixin:
    action = VIEW
