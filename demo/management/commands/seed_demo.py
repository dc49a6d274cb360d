"""Load the Haikou organisation and a realistic, deterministic demo data set.

Idempotent: a second run adds nothing that is already there. Built on bulk
inserts so that the design data set (DOMAIN.md §10) seeds in minutes."""

from django.core.management.base import BaseCommand
from django.db import transaction

from courts.services import seed_haikou_organisation
from haikou_exec.audit import set_audit_actor
from personnel.demo import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    seed_demo_accounts,
    seed_officers,
    seed_teams,
)

SCALES = {
    # officers per bureau
    "small": {"officers_per_bureau": 20, "cases": 1500},
    "demo": {"officers_per_bureau": 40, "cases": 3000},
    # `make bench SCALE=medium`: a tenth of the design data set, by COPY.
    "medium": {"officers_per_bureau": 100, "cases": 50_000, "copy": True},
    # DOMAIN.md §10: ≈ 2,000 officers over six bureaus, 500k cases, 5M node
    # events, 1M ledger entries over ten years, by COPY (cases/demo/bulk.py).
    "design": {"officers_per_bureau": 334, "cases": 500_000, "copy": True},
}


class Command(BaseCommand):
    help = "Seed the Haikou courts, bureaus, demo accounts and demo data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="demo")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, scale, seed, **options):
        params = SCALES[scale]
        set_audit_actor(None, command="seed_demo")
        with transaction.atomic():
            courts = seed_haikou_organisation()
            seed_demo_accounts(courts)
        created = seed_officers(per_bureau=params["officers_per_bureau"], seed=seed)
        teams = seed_teams()
        self.stdout.write(
            self.style.SUCCESS(f"Organisation ready; {created} officers and {teams} teams added.")
        )
        from personnel.demo import seed_people

        people = seed_people(seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                "People: " + ", ".join(f"{k} {v}" for k, v in people.items()) + " added."
            )
        )
        from cases.demo import seed_cases
        from cases.models import EnforcementCase

        missing = params["cases"] - EnforcementCase.objects.count()
        if missing > 0 and params.get("copy"):
            from cases.demo.bulk import copy_cases

            rows = copy_cases(count=missing, seed=seed)
            self.stdout.write(", ".join(f"{k} {v}" for k, v in rows.items()) + " copied.")
        elif missing > 0:
            seed_cases(count=missing, seed=seed)
        self.stdout.write(self.style.SUCCESS(f"{max(missing, 0)} cases added."))
        from cases.demo.workflows import seed_workflow_examples

        workflows = seed_workflow_examples()
        if workflows:
            self.stdout.write(
                "Workflows: " + ", ".join(f"{k} {v}" for k, v in workflows.items()) + " added."
            )
        from cases.demo.law import seed_law_examples

        law = seed_law_examples()
        if law:
            self.stdout.write(
                "The law's examples: " + ", ".join(f"{k} {v}" for k, v in law.items()) + " added."
            )
        from equipment.demo import seed_equipment

        equipment = seed_equipment(seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                "Equipment: " + ", ".join(f"{k} {v}" for k, v in equipment.items()) + " added."
            )
        )
        from command_center.demo import seed_command_centre

        centre = seed_command_centre(seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                "Command centre: " + ", ".join(f"{k} {v}" for k, v in centre.items()) + " added."
            )
        )
        from assessment.demo import seed_assessment

        assessment = seed_assessment(seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                "Supervision and assessment: "
                + (", ".join(f"{k} {v}" for k, v in assessment.items()) or "nothing")
                + " added."
            )
        )
        if params.get("copy"):
            vacuum_after_bulk_load()
        self.stdout.write(
            f"Demo logins (password {DEMO_PASSWORD}): admin, "
            + ", ".join(a[0] for a in DEMO_ACCOUNTS)
        )


def vacuum_after_bulk_load() -> None:
    """VACUUM (ANALYZE) the tables a bulk seeding filled. ANALYZE gives the planner
    the new row counts; VACUUM sets the visibility map, without which the
    covering indexes (the dashboard's, the overdue nodes') cannot be read
    index-only. Autovacuum would get there too, some time later."""
    from django.db import connection

    from cases.demo.bulk import COPIED_MODELS
    from command_center.models import RequeryRound

    with connection.cursor() as cursor:
        for model in (*COPIED_MODELS, RequeryRound):
            cursor.execute(f'VACUUM (ANALYZE) "{model._meta.db_table}"')
