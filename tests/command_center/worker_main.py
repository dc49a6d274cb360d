"""Start a Celery worker for the kill-and-restart test, with a short broker
visibility timeout so that the message of a killed worker is redelivered in
seconds rather than an hour (production keeps the default)."""

import os
import sys

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haikou_exec.settings")

import django  # noqa: E402

django.setup()

from haikou_exec.celery import app  # noqa: E402

app.conf.broker_transport_options = {
    "visibility_timeout": int(os.environ.get("TEST_VISIBILITY_TIMEOUT", "5"))
}
app.worker_main(sys.argv[1:])
