"""Backup and restore round trip (scripts/backup.py, `make backup` / `make restore`):
the backup of a live database and its stored files, restored into a fresh database
and an empty folder, holds every case, every ledger balance and every dossier file
with its checksum; a damaged backup or a non-empty target is refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import psycopg2
import pytest
from django.core.files.base import File

from cases.models import CaseAccount, DossierFile, EnforcementCase
from cases.services import dossier, ledger
from tests.cases.conftest import user, xy_case  # noqa: F401 (fixtures)
from tests.reliability.infra import ROOT, database_url_for_tests

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _script(*args, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "backup.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def fresh_database(settings):
    url = database_url_for_tests(settings)
    name = settings.DATABASES["default"]["NAME"] + "_restored"
    admin = psycopg2.connect(url)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    target = url.replace(f"/{settings.DATABASES['default']['NAME']}", f"/{name}", 1)
    yield target
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_restore_round_trip_keeps_cases_balances_and_files(
    xy_case,  # noqa: F811
    user,  # noqa: F811
    settings,
    tmp_path,
    fresh_database,
):
    import os

    media = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": str(media)}},
    }
    judge = user("xy_judge")
    ledger.record_receipt(
        user=judge,
        case_id=xy_case.pk,
        amount="12345.67",
        counterparty="海口南港物流有限公司",
        occurred_on=dt.date.today(),
        idempotency_key="bank:20261127:0001",
    )
    for i in range(3):
        dossier.add_dossier_file(
            user=judge,
            case_id=xy_case.pk,
            upload=File(io.BytesIO(PDF + f"% {i}".encode()), name=f"材料{i}.pdf"),
            category="title",
        )
    cases = dict(EnforcementCase.objects.values_list("case_number", "status"))
    balances = dict(CaseAccount.objects.values_list("case__case_number", "balance"))
    files = dict(DossierFile.objects.values_list("file", "sha256"))
    assert balances[xy_case.case_number] == Decimal("12345.67") and len(files) == 3

    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_tests(settings),
        "MEDIA_ROOT": str(media),
        "PYTHONPATH": str(ROOT),
    }
    made = _script("create", "--out", str(tmp_path / "backups"), env=env)
    assert made.returncode == 0, made.stderr[-3000:]
    backup = Path(made.stdout.strip().splitlines()[-1])
    assert {p.name for p in backup.iterdir()} == {"database.dump", "media.tar", "manifest.json"}

    restored_media = tmp_path / "restored" / "media"
    done = _script(
        "restore", str(backup), "--database-url", fresh_database,
        "--media-root", str(restored_media), env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]

    with psycopg2.connect(fresh_database) as conn, conn.cursor() as cur:
        cur.execute("SELECT case_number, status FROM cases_enforcementcase")
        assert dict(cur.fetchall()) == cases
        cur.execute(
            "SELECT c.case_number, a.balance FROM cases_caseaccount a"
            " JOIN cases_enforcementcase c ON c.id = a.case_id"
        )
        assert dict(cur.fetchall()) == balances
        cur.execute("SELECT file, sha256 FROM cases_dossierfile")
        restored_files = dict(cur.fetchall())
        # The ledger's append-only trigger came back with the data.
        with pytest.raises(psycopg2.Error):
            cur.execute("DELETE FROM cases_ledgerentry")
    assert restored_files == files
    for name, sha256 in restored_files.items():
        assert hashlib.sha256((restored_media / name).read_bytes()).hexdigest() == sha256

    # Restoring again over what is there now is refused; so is a damaged backup.
    again = _script(
        "restore", str(backup), "--database-url", fresh_database,
        "--media-root", str(restored_media), env=env,
    )  # fmt: skip
    assert again.returncode != 0 and "not empty" in again.stderr
    with (backup / "media.tar").open("ab") as f:
        f.write(b"tampered")
    damaged = _script(
        "restore", str(backup), "--database-url", fresh_database,
        "--media-root", str(tmp_path / "elsewhere"), env=env,
    )  # fmt: skip
    assert damaged.returncode != 0 and "damaged" in damaged.stderr
