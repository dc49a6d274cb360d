"""The base of the command-centre action pages: load the object within the
user's scope (404 otherwise), validate a form, call one service, report."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView

from command_center.forms import UserForm
from courts.access import CHANGE, VIEW
from haikou_exec.views import RestrictedDetailView


def apply_validation_error(form, exc: ValidationError) -> None:
    """Put a service's ValidationError onto the form, field by field."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@dataclass(frozen=True)
class Action:
    """A button on a detail page: a link (GET form page) or a POST."""

    label: str
    url: str
    post: bool = False
    style: str = "outline-primary"


class ObjectMixin:
    """Subclasses with ``model`` load ``self.object`` from the URL's ``pk``."""

    model = None
    object_action = CHANGE

    def load_object(self):
        if self.model is None:
            return None
        queryset = self.model.objects.restrict(self.request.user, self.object_action)
        return get_object_or_404(queryset, pk=self.kwargs["pk"])


class ServiceFormView(LoginRequiredMixin, ObjectMixin, FormView):
    """Subclasses set ``form_class``, ``title`` and implement ``perform(form)``
    (returning the object to go to, or a URL)."""

    template_name = "command_center/form.html"
    title = ""
    success_message = ""
    pass_user = None  # None: when the form is a UserForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.load_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        wants_user = self.pass_user
        if wants_user is None:
            wants_user = issubclass(self.form_class, UserForm)
        if wants_user:
            kwargs["user"] = self.request.user
        kwargs.update(self.extra_form_kwargs())
        return kwargs

    def extra_form_kwargs(self) -> dict:
        return {}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(title=self.title, object=self.object, cancel_url=self.cancel_url())
        return ctx

    def cancel_url(self) -> str:
        return self.object.get_absolute_url() if self.object is not None else "../"

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
        return redirect(result if isinstance(result, str) else result.get_absolute_url())

    def perform(self, form):  # pragma: no cover - abstract
        raise NotImplementedError


class PostActionView(LoginRequiredMixin, ObjectMixin, View):
    """A button: POST only; calls ``perform()`` and goes back to the object."""

    object_action = VIEW  # the service re-checks the change scope
    success_message = ""

    def post(self, request, *args, **kwargs):
        self.object = self.load_object()
        try:
            result = self.perform()
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(self.object.get_absolute_url())
        if self.success_message:
            messages.success(request, self.success_message)
        target = result if isinstance(result, str) else (result or self.object).get_absolute_url()
        return redirect(target)

    def perform(self):  # pragma: no cover - abstract
        raise NotImplementedError


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
