"""django-celery-beat's schedules in the admin, read in Chinese (superusers only, as
every third-party admin: haikou_exec.admin_site).

Its own admins compute words its catalog cannot translate: a schedule's time in
words comes from cron-descriptor in the process's locale ("At 03:15"), a crontab
is named by its expression ("15 3 * * * (m/h/dM/MY/d)") and the task field only
in English ("Task Name"). These subclasses say the same in Chinese; the words its
catalog lacks are in ours (haikou_exec/library_messages.py). The periodic-task
page's own script (which would write "Translation:" under the crontab) is not
used: our Content-Security-Policy refuses inline scripts without a nonce, and the
crontab's choices and the read-only "runs" field already say when it runs."""

from __future__ import annotations

import json

from cron_descriptor import FormatException, MissingFieldException, Options, get_description
from cron_descriptor.Exception import WrongArgumentException
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)
from django_celery_beat.validators import (
    day_of_month_validator,
    day_of_week_validator,
    hour_validator,
    minute_validator,
    month_of_year_validator,
)

# cron-descriptor takes the names of days and months from the C locale.
_NAMES = {
    "Monday": "星期一",
    "Tuesday": "星期二",
    "Wednesday": "星期三",
    "Thursday": "星期四",
    "Friday": "星期五",
    "Saturday": "星期六",
    "Sunday": "星期日",
    "January": "一月",
    "February": "二月",
    "March": "三月",
    "April": "四月",
    "May": "五月",
    "June": "六月",
    "July": "七月",
    "August": "八月",
    "September": "九月",
    "October": "十月",
    "November": "十一月",
    "December": "十二月",
}
_ZONES = {"Asia/Shanghai": "北京时间", "UTC": "协调世界时"}


def crontab_expression(crontab: CrontabSchedule) -> str:
    fields = ("minute", "hour", "day_of_month", "month_of_year", "day_of_week")
    return " ".join(getattr(crontab, field) for field in fields)


def crontab_in_words(crontab: CrontabSchedule) -> str:
    """When a crontab runs, in Chinese: 每天 03:15（北京时间）. An expression
    Celery or cron-descriptor cannot read is shown as it is."""
    expression = crontab_expression(crontab)
    options = Options()
    options.locale_code = "zh_CN"
    options.use_24hour_time_format = True
    try:
        _parsed = crontab.schedule  # Celery's parse first: cron-descriptor reads "61" too
        words = get_description(expression, options)
    except (ValueError, FormatException, MissingFieldException, WrongArgumentException):
        return f"{expression}（{_zone(crontab)}）"
    every_day = (crontab.day_of_month, crontab.month_of_year, crontab.day_of_week) == ("*",) * 3
    if every_day and words.startswith("在 ") and "每" not in words:
        words = "每天 " + words.removeprefix("在 ")  # "在 03:15" alone reads as one moment
    for english, chinese in _NAMES.items():
        words = words.replace(english, chinese)
    words = words.replace(", ", "，")
    return f"{words}（{_zone(crontab)}）"


def _zone(crontab: CrontabSchedule) -> str:
    zone = str(crontab.timezone)
    return _ZONES.get(zone, zone)


class PeriodicTaskForm(beat_admin.PeriodicTaskForm):
    def _clean_json(self, field):
        # The library's message ends with the decoder's English ("Expecting value:
        # line 1 column 2 (char 1)"); where it is wrong, in words.
        value = self.cleaned_data[field]
        try:
            json.loads(value)
        except json.JSONDecodeError as error:
            raise ValidationError(
                _("Not valid JSON (line %(line)d, column %(column)d).")
                % {"line": error.lineno, "column": error.colno}
            ) from error
        return value

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # the library leaves the registered task unselected
            self.fields["regtask"].initial = self.instance.task
        crontab = self.fields.get("crontab")
        if crontab is not None:
            crontab.label_from_instance = crontab_in_words


class CrontabForm(forms.ModelForm):
    """The library's validators answer in python-crontab's English ("Invalid range
    '61'"); a field that fails them is refused here first, in words, so the
    model's check (which skips a field already in error) adds nothing."""

    RANGES = {
        "minute": (minute_validator, _("minute"), "0–59"),
        "hour": (hour_validator, _("hour"), "0–23"),
        "day_of_month": (day_of_month_validator, _("day of the month"), "1–31"),
        "month_of_year": (month_of_year_validator, _("month"), "1–12"),
        "day_of_week": (day_of_week_validator, _("day of the week (0 and 7 are Sunday)"), "0–7"),
    }

    class Meta:
        model = CrontabSchedule
        fields = ("minute", "hour", "day_of_month", "month_of_year", "day_of_week", "timezone")

    def clean(self):
        cleaned = super().clean()
        for field, (validator, label, allowed) in self.RANGES.items():
            value = cleaned.get(field)
            if value is None or field in self.errors:
                continue
            try:
                validator(value)
            except ValidationError:
                self.add_error(
                    field,
                    _(
                        "“%(value)s” is not a %(label)s this schedule can run at: use "
                        "numbers %(allowed)s, * for every one, commas, ranges (1-5) and "
                        "steps (*/10)."
                    )
                    % {"value": value, "label": label, "allowed": allowed},
                )
        return cleaned


class NamedInWords:
    """A schedule's page titled in words (``in_words``), not by the library's
    ``__str__`` (templates/admin/django_celery_beat/change_form.html)."""

    def in_words(self, obj) -> str:
        return str(obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["subtitle"] = self.in_words(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)


class TaskFilter(admin.SimpleListFilter):
    """By task, each named as its periodic tasks are (月度报表报送提醒), not by its
    dotted path (assessment.tasks.remind_reports_due); the library names the field
    in English only."""

    title = _("task")
    parameter_name = "task"

    def lookups(self, request, model_admin):
        names: dict[str, list[str]] = {}
        for task, name in PeriodicTask.objects.order_by("name").values_list("task", "name"):
            names.setdefault(task, []).append(name)
        return sorted(((task, "、".join(n)) for task, n in names.items()), key=lambda t: t[1])

    def queryset(self, request, queryset):
        return queryset.filter(task=self.value()) if self.value() else queryset


admin.site.unregister(PeriodicTask)
admin.site.unregister(CrontabSchedule)


@admin.register(PeriodicTask)
class PeriodicTaskAdmin(NamedInWords, beat_admin.PeriodicTaskAdmin):
    form = PeriodicTaskForm
    # Not the library's template: it adds only the script (see above).
    change_form_template = None
    list_display = ("name", "enabled", "runs", "start_time", "last_run_at", "one_off")
    list_filter = ["enabled", "one_off", TaskFilter, "start_time", "last_run_at"]

    @admin.display(description=_("runs"))
    def runs(self, obj):
        if obj.crontab_id:
            return crontab_in_words(obj.crontab)
        return str(obj.scheduler or "")

    @admin.display(description=_("runs"))
    def crontab_translation(self, obj):
        return crontab_in_words(obj.crontab) if obj.crontab_id else ""

    def in_words(self, obj):
        return obj.name


class ListsItsTasks:
    """A schedule's page lists the periodic tasks that use it, each by its name
    and linked, in place of the library's inline table (whose rows are titled by
    the cron expression and whose headings carry English help texts)."""

    inlines = []

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        return (*fields, "tasks_using") if obj else fields

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if obj and "tasks_using" not in fields:
            fields.append("tasks_using")
        return fields

    @admin.display(description=_("Periodic Tasks Using This Schedule"))
    def tasks_using(self, obj):
        links = format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a>',
            (
                (reverse("admin:django_celery_beat_periodictask_change", args=[t.pk]), t.name)
                for t in obj.periodictask_set.order_by("name")
            ),
        )
        return links or _("no periodic task uses this schedule")


for model, library_admin in (
    (ClockedSchedule, beat_admin.ClockedScheduleAdmin),
    (SolarSchedule, beat_admin.SolarScheduleAdmin),
    (IntervalSchedule, beat_admin.IntervalScheduleAdmin),
):
    admin.site.unregister(model)
    admin.site.register(model, type(library_admin.__name__, (ListsItsTasks, library_admin), {}))


@admin.register(CrontabSchedule)
class CrontabScheduleAdmin(NamedInWords, ListsItsTasks, beat_admin.CrontabScheduleAdmin):
    form = CrontabForm
    list_display = ("expression", "runs")
    fields = ("runs", "minute", "hour", "day_of_month", "month_of_year", "day_of_week", "timezone")
    readonly_fields = ("runs",)

    def in_words(self, obj):
        return crontab_in_words(obj)

    @admin.display(description=_("expression (minute hour day month weekday)"))
    def expression(self, obj):
        return crontab_expression(obj)

    @admin.display(description=_("runs"))
    def runs(self, obj):
        return crontab_in_words(obj) if obj.pk else ""
