"""Small page bases for actions: load the object through the restriction point
(404 outside the scope), call one service, show a message. Views stay thin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView

from courts.access import CHANGE
from haikou_exec.views import RestrictedListView


def apply_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError shown on the form, per field where it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class ActionFormView(LoginRequiredMixin, FormView):
    """A form whose valid submission calls one service.

    ``model`` set: the object named by the URL's ``pk`` is loaded with
    ``Model.objects.restrict(user, object_action)``; outside the scope → 404.
    ``required_perm``: the model permission needed to open the form at all."""

    template_name = "personnel/form.html"
    model = None
    object_action = CHANGE
    required_perm: str | None = None
    title = ""
    intro = ""
    submit_label = _("Save")
    success_message = _("Saved.")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = None
        if self.model is not None:
            queryset = self.model.objects.restrict(request.user, self.object_action)
            self.object = get_object_or_404(self.select_object(queryset), pk=kwargs["pk"])
        if self.required_perm and not request.user.has_perm(self.required_perm):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def select_object(self, queryset):
        return queryset

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(user=self.request.user, obj=self.object)
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            title=self.get_title(),
            intro=self.intro,
            object=self.object,
            submit_label=self.submit_label,
            cancel_url=self.object.get_absolute_url() if self.object is not None else "",
        )
        return ctx

    def get_title(self):
        return self.title

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except ValidationError as exc:
            apply_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.success_url_for(result))

    def success_url_for(self, result) -> str:
        return (result if result is not None else self.object).get_absolute_url()


class ObjectActionView(LoginRequiredMixin, View):
    """A POST-only button on an object's page: one service call, then back."""

    model = None
    object_action = CHANGE
    success_message = _("Done.")

    def post(self, request, pk, **kwargs):
        obj = get_object_or_404(
            self.model.objects.restrict(request.user, self.object_action), pk=pk
        )
        try:
            result = self.perform(obj, **kwargs)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(obj.get_absolute_url())
        messages.success(request, self.success_message)
        return redirect((result if hasattr(result, "get_absolute_url") else obj).get_absolute_url())

    def perform(self, obj, **kwargs):
        raise NotImplementedError


class PersonnelListView(RestrictedListView):
    """A list with the people section's tabs and, when allowed, a "new" button."""

    template_name = "personnel/object_list.html"
    create_url_name: str | None = None
    create_perm: str | None = None
    create_label = _("New")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if self.create_url_name and (
            self.create_perm is None or self.request.user.has_perm(self.create_perm)
        ):
            from django.urls import reverse

            ctx["create_url"] = reverse(self.create_url_name)
            ctx["create_label"] = self.create_label
        return ctx
