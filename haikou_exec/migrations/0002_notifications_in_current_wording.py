"""Notifications already stored read as new ones do (issue 16): a title or body
is written once, when the notification is made, and keeps the wording of that
day. Two wordings changed since:

- dates are written as people read them (2026年12月3日), not 2026-12-03: every
  ISO date in a title or body is rewritten;
- a finished online query names its batch by when it was started
  (网络查控（2026年12月3日 10:00）), not by its row id (网络查控 #12): the title of
  each ``job:<id>:finished`` notification gets its job's start.

Notifications are made in the site's language (the scans and services run in
LANGUAGE_CODE), so they are rewritten in it. A notification does not keep the
arguments its title was made from, so the rewrite reads the stored text."""

import datetime as dt
import re

from django.conf import settings
from django.db import migrations
from django.db.models import Q
from django.utils import formats, timezone, translation

# Not \b: a Chinese character before or after is a "word" character too.
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
JOB_KEY = re.compile(r"^job:(\d+):finished$")
CHUNK = 2000


def _date(match: re.Match) -> str:
    try:
        day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return match.group(0)
    return formats.date_format(day, "DATE_FORMAT")


def reword(text: str) -> str:
    return ISO_DATE.sub(_date, text)


def reword_job(title: str, job_id: int, created_at) -> str:
    if created_at is None:
        return title
    started = formats.date_format(timezone.localtime(created_at), "DATETIME_FORMAT")
    return re.sub(rf"\s*#{job_id}(?!\d)", f"（{started}）", title)


def forwards(apps, schema_editor):
    Notification = apps.get_model("haikou_exec", "Notification")
    BackgroundJob = apps.get_model("haikou_exec", "BackgroundJob")
    db = schema_editor.connection.alias if schema_editor else "default"
    with translation.override(settings.LANGUAGE_CODE):
        ids = sorted(
            Notification.objects.using(db)
            .filter(Q(title__regex=r"\d{4}-\d{2}-\d{2}|#\d") | Q(body__regex=r"\d{4}-\d{2}-\d{2}"))
            .values_list("pk", flat=True)
        )
        for start in range(0, len(ids), CHUNK):
            batch = list(Notification.objects.using(db).filter(pk__in=ids[start : start + CHUNK]))
            job_ids = {
                int(m.group(1)) for n in batch if (m := JOB_KEY.match(n.dedup_key)) is not None
            }
            started = dict(
                BackgroundJob.objects.using(db)
                .filter(pk__in=job_ids)
                .values_list("pk", "created_at")
            )
            changed = []
            for note in batch:
                title, body = reword(note.title), reword(note.body)
                match = JOB_KEY.match(note.dedup_key)
                if match is not None:
                    job_id = int(match.group(1))
                    title = reword_job(title, job_id, started.get(job_id))
                if (title, body) != (note.title, note.body):
                    note.title, note.body = title[:200], body
                    changed.append(note)
            Notification.objects.using(db).bulk_update(changed, ["title", "body"])


class Migration(migrations.Migration):
    dependencies = [("haikou_exec", "0001_platform_rows")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
