"""Writes of the command and affairs centres, one module per concern; each
write is one transaction and checks the transition tables in
``command_center.choices``. The background-job API is re-exported here."""

from command_center.services.jobs import (
    JobStateError,
    advance_job,
    create_job,
    fail_job,
    finish_job,
    start_job,
    touch_job,
)

__all__ = [
    "JobStateError",
    "advance_job",
    "create_job",
    "fail_job",
    "finish_job",
    "start_job",
    "touch_job",
]
