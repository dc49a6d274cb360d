"""The one action page (STYLE.md "thin views"): load the object through the
restriction point, check the role, validate a form, call one service, show a
message, redirect. Every app's action pages subclass these two views and keep
only what is their own (a template, a default cancel address, form arguments).

- ``model`` set: the object named by the URL (``pk_url_kwarg``) is loaded with
  ``Model.objects.restrict(user, action)``; outside that scope the page answers
  404 like any read (DESIGN.md "Access"). The service re-checks the row it writes
  with ``courts.access.lock_for`` (403 with a message for a row seen but not the
  user's to change), so the page never has to lock on a GET.
- ``allowed`` (a role predicate from ``courts.policy`` or the app's ``policy``
  module) and ``required_perm`` refuse with 403 a step that is not the user's.
- A service's ``ValidationError`` goes back onto the form (``errors.apply_validation_error``);
  a ``PermissionDenied`` is a 403 page unless ``denied_on_form`` puts its message
  on the form instead.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import FormView

from courts.access import CHANGE
from haikou_exec.errors import apply_validation_error


class ObjectFromURL:
    """Loads ``self.object`` through the restriction point and checks the role."""

    model = None
    action = CHANGE
    pk_url_kwarg = "pk"
    # staticmethod(user -> bool): the role that may take this step (403 otherwise).
    allowed = None
    # A model permission needed to open the page at all (403 otherwise).
    required_perm: str | None = None

    def select_object(self, queryset):
        """The selector hook for the object (select_related)."""
        return queryset

    def load_object(self):
        if self.model is None:
            return None
        queryset = self.select_object(self.model.objects.restrict(self.request.user, self.action))
        return get_object_or_404(queryset, pk=self.kwargs[self.pk_url_kwarg])

    def check_allowed(self) -> None:
        user = self.request.user
        if self.allowed is not None and not self.allowed(user):
            raise PermissionDenied
        if self.required_perm and not user.has_perm(self.required_perm):
            raise PermissionDenied

    @staticmethod
    def url_of(target) -> str | None:
        """A redirect target: a URL as it is, an object's page, else None."""
        if isinstance(target, str):
            return target
        getter = getattr(target, "get_absolute_url", None)
        return getter() if getter is not None else None


class ActionView(ObjectFromURL, LoginRequiredMixin, FormView):
    """A form whose valid submission calls ``perform(form)`` (one service call).

    Subclasses set ``form_class``, ``title``, ``success_message`` and implement
    ``perform``; its result is kept as ``self.result``. After a valid submission
    the page goes to the result (a URL or an object with a page) when
    ``follow_result``, else to the object, else to the result."""

    title = ""
    success_message = ""
    # The button's label; the template's default when empty.
    submit_label = ""
    # The cancel link when there is no object.
    cancel_url: str | None = ""
    # Pass ``user=request.user`` to the form.
    pass_user = False
    # A service's PermissionDenied shown on the form instead of a 403 page.
    denied_on_form = False
    follow_result = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.load_object()
        self.check_allowed()
        self.result = None
        return super().dispatch(request, *args, **kwargs)

    def wants_user(self) -> bool:
        return self.pass_user

    def extra_form_kwargs(self) -> dict:
        return {}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.wants_user():
            kwargs["user"] = self.request.user
        kwargs.update(self.extra_form_kwargs())
        return kwargs

    def get_title(self):
        return self.title

    def get_cancel_url(self):
        if self.object is not None:
            return self.object.get_absolute_url()
        return self.cancel_url

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            title=self.get_title(),
            object=self.object,
            cancel_url=self.get_cancel_url(),
            submit_label=self.submit_label,
        )
        return ctx

    def perform(self, form):  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.result = self.perform(form)
        except ValidationError as exc:
            apply_validation_error(form, exc)
            return self.form_invalid(form)
        except PermissionDenied as denied:
            if not self.denied_on_form:
                raise
            form.add_error(None, str(denied))
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def get_success_url(self):
        if self.follow_result and (url := self.url_of(self.result)):
            return url
        if self.object is not None:
            return self.object.get_absolute_url()
        return self.url_of(self.result) or super().get_success_url()


class PostActionView(ObjectFromURL, LoginRequiredMixin, View):
    """A button on an object's page: POST only, ``perform()`` (one service call,
    its result kept as ``self.result``), then back to the result's page or the
    object's. A refusal is shown as a message on the object's page; a
    ``PermissionDenied`` is a 403 page unless ``denied_as_message`` shows it so
    too."""

    success_message = ""
    # A service's PermissionDenied shown as a message instead of a 403 page.
    denied_as_message = False

    def post(self, request, *args, **kwargs):
        self.object = self.load_object()
        self.check_allowed()
        try:
            self.result = self.perform()
        except ValidationError as exc:
            return self.refused(exc.messages)
        except PermissionDenied as denied:
            if not self.denied_as_message:
                raise
            return self.refused([str(denied)])
        if self.success_message:
            messages.success(request, self.success_message)
        return redirect(self.url_of(self.result) or self.object.get_absolute_url())

    def refused(self, texts):
        for text in texts:
            messages.error(self.request, text)
        return redirect(self.object.get_absolute_url())

    def perform(self):  # pragma: no cover - every subclass overrides
        raise NotImplementedError
