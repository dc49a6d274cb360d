"""The Celery app. JSON only, late acknowledgement (settings.CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haikou_exec.settings")

# Every task keeps its message in PostgreSQL when the broker is down (outbox.py).
app = Celery("haikou_exec", task_cls="haikou_exec.outbox:DurableTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Carry the audit actor from the request that enqueued a task into the worker.
import haikou_exec.audit  # noqa: E402,F401
