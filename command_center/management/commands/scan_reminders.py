"""Run every reminder scan now (``make run`` calls it at start-up, so a fresh
demo shows its reminders without waiting for the hourly beat)."""

import datetime as dt

from django.core.management.base import BaseCommand

from command_center.services.reminders import run_reminder_scan


class Command(BaseCommand):
    help = "Run the reminder scans (deadlines, funds, measures, re-queries, orders) for a day."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)"
        )

    def handle(self, *args, today, **options):
        results = run_reminder_scan(today)
        created = sum(
            r.get("notifications", 0) for r in results.values() if isinstance(r, dict)
        ) + sum(r for r in results.values() if isinstance(r, int))
        self.stdout.write(self.style.SUCCESS(f"Reminders: {created} new notifications."))
