"""The equipment action pages: the kernel's action view (haikou_exec.actions)
with the equipment form template. ``allowed`` is a role predicate from
``equipment.policy`` (403 otherwise)."""

from __future__ import annotations

from haikou_exec.actions import ActionView


class ServiceFormView(ActionView):
    """A form whose valid submission calls ``perform`` (a service call); the page
    goes back to the object, or where ``get_success_url`` says."""

    template_name = "equipment/form.html"
    cancel_url = None
    follow_result = False


class ObjectActionView(ServiceFormView):
    """An action on one object the user may change; others answer 404."""


class PolicyFormView(ServiceFormView):
    """A form for a step that has no object yet (register, import, schedule):
    ``allowed(user)`` decides, 403 otherwise."""
