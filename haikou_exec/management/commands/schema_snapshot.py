"""`manage.py schema_snapshot` (`make schema-snapshot`): migrate a scratch database
from empty and write it as haikou_exec/schema/snapshot.sql. Run it after adding or
changing a migration; tests/platform/test_schema_snapshot.py says when it is due."""

import psycopg2
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from haikou_exec import schema_snapshot
from haikou_exec.pgtools import dsn, pg_tool, server_major


class Command(BaseCommand):
    help = "Write the schema snapshot from a scratch database migrated from empty."

    def handle(self, *args, **options):
        scratch = f"{connection.settings_dict['NAME']}_snapshot"
        admin = psycopg2.connect(dsn("postgres"))
        admin.autocommit = True
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
            cur.execute(f'CREATE DATABASE "{scratch}"')
        saved = connection.settings_dict["NAME"]
        try:
            connection.close()
            connection.settings_dict["NAME"] = scratch
            call_command("migrate", interactive=False, verbosity=0, skip_checks=True)
            connection.close()
            scratch_dsn = dsn(scratch)
            schema_snapshot.dump(pg_tool("pg_dump", server_major(scratch_dsn)), scratch_dsn)
        finally:
            connection.close()
            connection.settings_dict["NAME"] = saved
            with admin.cursor() as cur:
                cur.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
            admin.close()
        self.stdout.write(f"Wrote {schema_snapshot.SNAPSHOT}")
