"""Form pages for supervision steps: load the object through the restriction
point (404 outside the scope), call one service, show a message. A step the
user's role may not take is refused by the service; the page says so."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import FormView

from courts.access import CHANGE
from courts.policy import supervises
from haikou_exec.views import RestrictedListView


def int_param(request, name: str) -> int | None:
    """An integer query parameter, or None when absent or malformed."""
    try:
        return int(request.GET.get(name, ""))
    except ValueError:
        return None


def put_errors_on_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class ServiceFormView(LoginRequiredMixin, FormView):
    """A form whose valid submission calls ``perform`` (one service call)."""

    template_name = "supervision/form.html"
    title = ""
    success_message = ""
    pass_user = False

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.pass_user:
            kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        for name in (
            "responded_on",
            "concluded_on",
            "found_on",
            "reviewed_on",
            "rectified_on",
            "held_on",
            "done_on",
        ):
            initial.setdefault(name, timezone.localdate())
        return initial

    def perform(self, form):  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.result = self.perform(form)
        except ValidationError as error:
            put_errors_on_form(form, error)
            return self.form_invalid(form)
        except PermissionDenied as denied:
            form.add_error(None, str(denied))
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
        return "/supervision/"

    def get_success_url(self):
        return self.result.get_absolute_url()


class ObjectActionView(ServiceFormView):
    """A step on one object the user may change (404 otherwise)."""

    model = None
    action = CHANGE

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = get_object_or_404(
            self.model.objects.restrict(request.user, self.action), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["object"] = self.object
        return ctx

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_cancel_url(self):
        return self.object.get_absolute_url()


class SupervisingFormView(ServiceFormView):
    """A step with no object yet, for the supervising side only (403 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not supervises(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ListView(RestrictedListView):
    """A restricted list with buttons for the steps the user may take."""

    template_name = "supervision/list.html"
    create_url_name = ""
    create_label = ""

    def get_context_data(self, **kwargs):
        from django.urls import reverse

        ctx = super().get_context_data(**kwargs)
        ctx["supervises"] = supervises(self.request.user)
        if self.create_url_name and ctx["supervises"]:
            ctx["create_url"] = reverse(self.create_url_name)
            ctx["create_label"] = self.create_label
        return ctx
