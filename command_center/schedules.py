"""Celery beat schedules, stored by django-celery-beat so that administrators see
and edit them in the admin.

Each app declares its periodic tasks on its AppConfig:

    periodic_tasks = [
        {"name": "到期提醒", "task": "command_center.tasks.scan_deadlines",
         "crontab": "30 1 * * *", "kwargs": {"due_within_days": 3},
         "description": "每晚：……"},
    ]

They are created after migrate when their task has no schedule yet; an edited
schedule (renamed, retimed, disabled) is never overwritten (the admin's word
wins), so a schedule is found by its task, not by its name. ``kwargs``
(optional) are the task's parameters, editable in the admin too. A schedule
names no queue: the task's queue is CELERY_TASK_ROUTES' (haikou_exec/settings.py),
as for every sending.
"""

from __future__ import annotations

import json

from django.apps import apps


def declared_periodic_tasks() -> list[dict]:
    declared = []
    for config in apps.get_app_configs():
        declared += getattr(config, "periodic_tasks", [])
    return declared


def sync_periodic_tasks(using: str = "default", **_kwargs) -> int:
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    created = 0
    for spec in declared_periodic_tasks():
        if PeriodicTask.objects.using(using).filter(task=spec["task"]).exists():
            continue
        minute, hour, day_of_month, month_of_year, day_of_week = spec["crontab"].split()
        schedule, _ = CrontabSchedule.objects.using(using).get_or_create(
            minute=minute,
            hour=hour,
            day_of_month=day_of_month,
            month_of_year=month_of_year,
            day_of_week=day_of_week,
            timezone="Asia/Shanghai",
        )
        PeriodicTask.objects.using(using).create(
            name=spec["name"],
            task=spec["task"],
            crontab=schedule,
            description=spec.get("description", ""),
            kwargs=json.dumps(spec.get("kwargs", {})),
        )
        created += 1
    return created
