"""The command-centre action pages: the kernel's action views
(haikou_exec.actions) with the centre's form template, and its detail page."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cases.models import EnforcementCase
from command_center.forms import UserForm
from courts.access import VIEW
from haikou_exec import actions
from haikou_exec.views import RestrictedDetailView


@dataclass(frozen=True)
class Action:
    """A button on a detail page: a link (GET form page) or a POST."""

    label: str
    url: str
    post: bool = False
    style: str = "outline-primary"


class ServiceFormView(actions.ActionView):
    """Subclasses set ``form_class``, ``title`` and implement ``perform(form)``
    (returning the object to go to, or a URL). A ``UserForm`` is given the user
    unless ``pass_user`` says otherwise."""

    template_name = "command_center/form.html"
    cancel_url = "../"
    pass_user = None
    # The form field that ``?case=<id>`` (a link from the case page) fills with the
    # case's number, when the user sees that case.
    case_field: str | None = None

    def get_initial(self):
        initial = super().get_initial()
        case_id = self.request.GET.get("case", "")
        if self.case_field and case_id.isdigit():
            case = EnforcementCase.objects.restrict(self.request.user).filter(pk=case_id).first()
            if case:
                initial[self.case_field] = case.case_number
        return initial

    def wants_user(self) -> bool:
        if self.pass_user is None:
            return issubclass(self.form_class, UserForm)
        return self.pass_user


class PostActionView(actions.PostActionView):
    """A button: the object is read in the view scope; the service re-checks the
    change scope (lock_for)."""

    action = VIEW


def _shown(value):
    """Yes/no for booleans; a person by name, never the login (issue 16)."""
    from django.contrib.auth.models import AbstractBaseUser

    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, AbstractBaseUser):
        return value.get_full_name() or value.get_username()
    return value


class CentreDetailView(RestrictedDetailView):
    """The base detail page: yes/no for booleans, dashes for blanks, people by name."""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["detail_rows"] = [(label, _shown(value)) for label, value in ctx.get("detail_rows", [])]
        return ctx
