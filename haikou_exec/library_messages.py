"""Words of third-party apps that their own catalogs leave in English, listed so
that ``make messages`` keeps their Chinese in ours (locale/, looked up before any
app's catalog): the admin's screen-reader headings (new in Django 5.1, not yet in
its Chinese catalog), django-axes's login records (no Chinese catalog at all)
and django-celery-beat's schedules (its catalog is incomplete).
Found by the admin walk, tests/platform/test_admin_language.py."""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_ADMIN = [
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
]

AXES = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("Access Attempt"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
]

# django-celery-beat (haikou_exec/admin_schedules.py): words missing from its
# Chinese catalog, marked fuzzy there (so left in English, or with a wrong
# example), or translated with code words ("将"*"用作"all"", "设置为False"); its
# three action messages are plural forms, kept by ngettext_lazy.
DJANGO_CELERY_BEAT = [
    gettext_noop('Cron Minutes to Run. Use "*" for "all". (Example: "0,30")'),
    gettext_noop('Cron Hours to Run. Use "*" for "all". (Example: "8,20")'),
    gettext_noop('Cron Days Of The Month to Run. Use "*" for "all". (Example: "1,15")'),
    gettext_noop("Timezone to Run the Cron Schedule on. Default is UTC."),
    gettext_noop("If True, the schedule will only run the task a single time"),
    gettext_noop("Set to False to disable the schedule"),
    gettext_noop(
        "Datetime that the schedule last triggered the task to run. "
        "Reset to None if enabled is set to False."
    ),
    gettext_noop("Schedule"),
    gettext_noop("Arguments"),
    gettext_noop("Execution Options"),
    gettext_noop("Periodic Tasks Using This Schedule"),
    gettext_noop('Cron Months (1-12) Of The Year to Run. Use "*" for "all". (Example: "1,12")'),
    gettext_noop(
        'Cron Days Of The Week to Run. Use "*" for "all", Sunday is 0 or 7, Monday is 1. '
        '(Example: "0,5")'
    ),
    ngettext_lazy(
        "{0} task was successfully enabled", "{0} tasks were successfully enabled", "count"
    ),
    ngettext_lazy(
        "{0} task was successfully disabled", "{0} tasks were successfully disabled", "count"
    ),
    ngettext_lazy(
        "{0} task was successfully toggled", "{0} tasks were successfully toggled", "count"
    ),
]
