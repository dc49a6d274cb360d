"""`manage.py setup_database`: `migrate`, starting from the schema snapshot when the
database is empty (haikou_exec/schema_snapshot.py says why: minutes → seconds)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections, transaction

from haikou_exec import schema_snapshot


class Command(BaseCommand):
    help = "Set up or update the database: the schema snapshot on an empty one, then migrate."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, verbosity, **options):
        connection = connections[database]
        if not connection.introspection.table_names():
            stale = schema_snapshot.stale_files()
            if stale is None:
                self.stdout.write("No schema snapshot: migrating from empty.")
            elif stale:
                self.stdout.write(
                    "The schema snapshot is older than these migrations, so it is not used "
                    f"(make schema-snapshot): {', '.join(stale[:5])}"
                )
            else:
                with transaction.atomic(using=database):
                    schema_snapshot.load(connection)
                self.stdout.write("Schema loaded from the snapshot.")
        call_command(
            "migrate",
            database=database,
            interactive=False,
            verbosity=max(verbosity - 1, 0),
            skip_checks=True,
        )
