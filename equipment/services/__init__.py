"""Every write on equipment, one transaction each (STYLE.md §2). Split by concern:
``inventory`` (items, status, assignments, standards), ``imports`` (Excel),
``inspections``, ``compliance`` and ``reminders``."""
