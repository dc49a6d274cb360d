"""The personnel action pages: the kernel's action views (haikou_exec.actions)
with the personnel form template, and the people section's list."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from haikou_exec.actions import ActionView, PostActionView
from haikou_exec.views import RestrictedListView


class ActionFormView(ActionView):
    """A form whose valid submission calls one service; the form is given the user
    and the object (``obj``). ``required_perm``: the model permission needed to
    open the form at all."""

    template_name = "personnel/form.html"
    intro = ""
    submit_label = _("Save")
    success_message = _("Saved.")

    def extra_form_kwargs(self) -> dict:
        return {"user": self.request.user, "obj": self.object}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["intro"] = self.intro
        return ctx


class ObjectActionView(PostActionView):
    """A POST-only button on an object's page: one service call, then back."""

    success_message = _("Done.")


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
