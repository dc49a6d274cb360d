"""Form pages for equipment actions: load the object through the restriction
point (404 outside the scope), call one service, show a message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView

from courts.access import CHANGE


def put_errors_on_form(form, error: ValidationError) -> None:
    """A service's ValidationError onto the form: per field where the form has
    that field, otherwise at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class ServiceFormView(LoginRequiredMixin, FormView):
    """A form whose valid submission calls ``perform`` (a service call)."""

    template_name = "equipment/form.html"
    title = ""
    success_message = ""
    cancel_url = None

    def perform(self, form):  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.result = self.perform(form)
        except ValidationError as error:
            put_errors_on_form(form, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = self.title
        ctx["cancel_url"] = self.get_cancel_url()
        return ctx

    def get_cancel_url(self):
        return self.cancel_url


class ObjectActionView(ServiceFormView):
    """An action on one object the user may change; others answer 404."""

    model = None
    action = CHANGE
    # staticmethod(policy function: user → bool) for steps reserved to some roles.
    allowed = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = get_object_or_404(
            self.model.objects.restrict(request.user, self.action), pk=kwargs["pk"]
        )
        if self.allowed is not None and not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["object"] = self.object
        return ctx

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_cancel_url(self):
        return self.object.get_absolute_url()


class PolicyFormView(ServiceFormView):
    """A form for a step that has no object yet (register, import, schedule):
    ``allowed(user)`` decides, 403 otherwise."""

    allowed = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
