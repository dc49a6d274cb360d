"""Writes of the command and affairs centres, one module per concern; each
write is one transaction and checks the transition tables in
``command_center.choices``. Background jobs are the kernel's (``haikou_exec.jobs``)."""
