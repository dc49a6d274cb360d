"""The supervision action pages: the kernel's action view (haikou_exec.actions)
with the supervision form template and today's date in the step's date field. A
step the user's role may not take is refused by the service; the page says so."""

from __future__ import annotations

from django.utils import timezone

from courts.policy import supervises
from haikou_exec.actions import ActionView, PostActionView
from haikou_exec.views import RestrictedListView

# The dates a step's form starts with today (the day the step is recorded).
DATE_FIELDS = (
    "responded_on",
    "concluded_on",
    "found_on",
    "reviewed_on",
    "rectified_on",
    "held_on",
    "done_on",
)


def int_param(request, name: str) -> int | None:
    """An integer query parameter, or None when absent or malformed."""
    try:
        return int(request.GET.get(name, ""))
    except ValueError:
        return None


class ServiceFormView(ActionView):
    """A form whose valid submission calls ``perform`` (one service call); the page
    goes to the object, or to what the service made. A step the role may not take
    is refused by the service; the form says so."""

    template_name = "supervision/form.html"
    cancel_url = "/supervision/"
    denied_on_form = True
    follow_result = False

    def get_initial(self):
        initial = super().get_initial()
        for name in DATE_FIELDS:
            initial.setdefault(name, timezone.localdate())
        return initial


class ObjectActionView(ServiceFormView):
    """A step on one object the user may change (404 otherwise)."""


class ButtonView(PostActionView):
    """A button on one object the user may change (404 otherwise): one service
    call, then back to the object. A step the role may not take is refused by the
    service; the page says so."""

    denied_as_message = True


class SupervisingFormView(ServiceFormView):
    """A step with no object yet, for the supervising side only (403 otherwise)."""

    allowed = staticmethod(supervises)


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
