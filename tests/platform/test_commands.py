"""The code paths of the README's commands that reach the server by themselves
(`make bench`, and `make load` on the same bench database): on the embedded default the database is a unix socket
given as ``?host=/dir``, and the admin connection must reach that same server."""

from __future__ import annotations

import sys
from urllib.parse import quote

import pytest
from django.db import connection

from tests.reliability.infra import ROOT

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def _socket_url(name: str) -> str:
    """This server, reached through its unix socket as the embedded default is."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW unix_socket_directories")
        directory = cursor.fetchone()[0].split(",")[0].strip()
        cursor.execute("SHOW port")
        port = cursor.fetchone()[0]
    user = connection.settings_dict["USER"] or "postgres"
    return f"postgres://{user}@/{name}?host={quote(directory)}&port={port}"


def _exists(name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


@pytest.mark.django_db
def test_bench_creates_and_drops_its_database_over_a_socket_url():
    from bench.run import drop_database, ensure_database

    url = _socket_url("haikou_bench_socketcheck")
    drop_database(url)
    ensure_database(url)
    assert _exists("haikou_bench_socketcheck")
    ensure_database(url)  # a second run reuses it
    drop_database(url)
    assert not _exists("haikou_bench_socketcheck")
