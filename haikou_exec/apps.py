from django import forms
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from haikou_exec.widgets import DateInput, Select

# One date input for every form (haikou_exec.widgets.DateInput says why): set as the
# date field's default here, where the app configs are imported, before any form
# class is built.
forms.DateField.widget = DateInput
# Likewise every choice field's select: its empty choice reads 请选择, not "---------".
forms.ChoiceField.widget = Select

# Everyone sees their own notifications (and marks them read) and the jobs they
# started; a bureau's leadership and the affairs centre also start jobs.
_JOBS = {"backgroundjob": "va"}


class KernelConfig(AppConfig):
    """The kernel (docs/ARCHITECTURE.md) as an app: it keeps the platform's rows
    every app uses (background jobs, notifications, the task outbox)."""

    name = "haikou_exec"
    verbose_name = _("Platform")

    role_permissions = {
        "*": {"backgroundjob": "v", "notification": "vc"},
        "director": _JOBS,
        "deputy_director": _JOBS,
        "leadership": _JOBS,
        "center_staff": _JOBS,
    }

    def ready(self):
        from django.contrib.auth import get_user_model

        # Registered before any list's table is built: its short columns on one line.
        import haikou_exec.tables  # noqa: F401

        # A user reads as the person (the officer's name is the account's first
        # name), never as the login: in every table, history and admin page.
        get_user_model().__str__ = _person_name


def _person_name(user) -> str:
    return user.get_full_name() or user.get_username()
