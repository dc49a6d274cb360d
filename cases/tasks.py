"""Thin Celery tasks of the cases app: they take ids (or nothing), call services,
and are idempotent, so a retry or a second beat run changes nothing. Retries: the
one policy of haikou_exec.celery.HaikouTask."""

from celery import shared_task

from haikou_exec.celery import time_limits


@shared_task(**time_limits(600))
def refresh_transfer_suggestions() -> dict:
    """Nightly: propose candidates for elevated or cross execution (DOMAIN.md §3)."""
    from cases.services.suggestions import refresh_suggestions

    return refresh_suggestions()


@shared_task(**time_limits(600))
def sweep_dossier_orphans() -> int:
    """Nightly: remove dossier files left on disk by rolled-back transactions."""
    from cases.services.dossier import sweep_orphan_files

    return sweep_orphan_files()


@shared_task(**time_limits(600))
def refresh_stopped_clocks() -> int:
    """Nightly: stopped clocks (stays, suspensions, notices, appraisals) move their
    stored due dates on to today, so no stayed case shows as overdue (DOMAIN.md §2)."""
    from cases.services.nodes import refresh_stopped_clocks as refresh

    return refresh()
