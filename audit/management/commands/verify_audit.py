from django.core.management.base import BaseCommand, CommandError

from audit.chain import verify_chain
from audit.models import AuditSeal


class Command(BaseCommand):
    help = "Recompute the daily hash chain of the audit trail and report any break."

    def handle(self, *args, **options):
        breaks = verify_chain()
        sealed = AuditSeal.objects.count()
        if breaks:
            for b in breaks:
                self.stderr.write(f"BREAK {b.day}: {b.problem}")
            raise CommandError(
                f"{len(breaks)} break(s) in the audit chain over {sealed} sealed day(s)."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact over {sealed} sealed day(s)."))
