"""The case action pages: the kernel's action view (haikou_exec.actions) on the
case named by the URL, loaded within the user's change scope (404 otherwise)."""

from __future__ import annotations

from cases.models import EnforcementCase
from courts.access import VIEW
from haikou_exec.actions import ActionView


class CaseActionView(ActionView):
    """Subclasses set ``form_class``, ``title`` and implement ``perform``; the form
    is given the case, and the page goes back to the case."""

    model = EnforcementCase
    pk_url_kwarg = "case_id"
    template_name = "cases/action_form.html"
    follow_result = False

    def load_object(self):
        self.case = self.get_case()
        return self.case

    def get_case(self) -> EnforcementCase:
        return super().load_object()

    def select_object(self, queryset):
        return queryset.select_related("court", "team")

    def extra_form_kwargs(self) -> dict:
        return {"case": self.case}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["case"] = self.case
        return ctx


class CaseReadMixin:
    action = VIEW
