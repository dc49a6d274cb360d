"""Writes of the command and affairs centres, one module per concern; each
write is one transaction and checks the transition tables in
``command_center.choices``. The background-job API (the kernel's,
``haikou_exec.jobs``) is named here as before."""

from haikou_exec.jobs import (
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
