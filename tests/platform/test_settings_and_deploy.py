"""Production settings refuse insecure configuration; `check --deploy` is clean;
docker-compose.yml has the services and their wiring."""

import os
import subprocess
import sys
import types
from pathlib import Path
from unittest import mock

import yaml

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "-production-secret-key-for-tests-only-0123456789"


def _run(env_overrides: dict, *args: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _run({"HAIKOU_ENV": "production", "ALLOWED_HOSTS": "exec.court"}, "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_debug_on():
    result = _run(
        {
            "HAIKOU_ENV": "production",
            "SECRET_KEY": GOOD_KEY,
            "DEBUG": "true",
            "ALLOWED_HOSTS": "exec.court",
        },
        "check",
    )
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_refuses_short_secret_key_and_missing_hosts():
    short = _run({"HAIKOU_ENV": "production", "SECRET_KEY": "short", "ALLOWED_HOSTS": "x"}, "check")
    assert short.returncode != 0 and "SECRET_KEY must be at least 50" in short.stderr
    hosts = _run({"HAIKOU_ENV": "production", "SECRET_KEY": GOOD_KEY}, "check")
    assert hosts.returncode != 0 and "ALLOWED_HOSTS must be set" in hosts.stderr


def test_check_deploy_is_clean_in_production():
    result = _run(
        {"HAIKOU_ENV": "production", "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "exec.haikou.court"},
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_docker_compose_services_and_wiring():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "web", "beat"} <= set(services)
    workers = _celery_workers(services)
    assert (
        "gunicorn" in " ".join(services["web"]["command"])
        if isinstance(services["web"]["command"], list)
        else "gunicorn" in services["web"]["command"]
    )
    for name in ("web", *workers, "beat"):
        svc = services[name]
        env = svc["environment"]
        assert (
            env["DATABASE_URL"].startswith("postgres://")
            and "@postgres:5432/" in env["DATABASE_URL"]
        )
        assert env["REDIS_URL"].startswith("redis://redis:6379")
        assert env["HAIKOU_ENV"] == "production"
        assert "SECRET_KEY" in env
        depends = svc["depends_on"]
        assert {"postgres", "redis"} <= set(depends)
    assert "beat" in str(services["beat"]["command"])
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "fonts-noto-cjk" in dockerfile


def test_docker_compose_runs_a_streaming_standby_for_the_replica_reads():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    standby = services["postgres-replica"]
    assert standby["image"] == services["postgres"]["image"]  # one PostgreSQL version
    assert standby["environment"]["PRIMARY_HOST"] == "postgres"
    assert "postgres" in standby["depends_on"]
    assert "pgreplica" in compose["volumes"]
    # Its entrypoint is a script of this repository: a pg_basebackup -R of the
    # primary on first start, then a hot standby.
    mounts = dict(volume.split(":")[:2] for volume in standby["volumes"])
    script_path = next(path for path in mounts if path.startswith("./"))
    assert mounts[script_path] in " ".join(standby["entrypoint"])
    script = (ROOT / script_path).read_text()
    assert "pg_basebackup" in script and " -R " in script and "hot_standby=on" in script
    # The primary lets it connect for replication (pg_hba.conf on first start).
    primary_mounts = dict(v.split(":")[:2] for v in services["postgres"]["volumes"])
    init = next(p for p, target in primary_mounts.items() if "initdb.d" in target)
    assert "host replication" in (ROOT / init).read_text()
    # The web reads it through REPLICA_DATABASE_URL (haikou_exec/replica.py).
    url = services["web"]["environment"]["REPLICA_DATABASE_URL"]
    assert url.startswith("postgres://") and "@postgres-replica:5432/haikou" in url
    assert "DATABASE_URL" in services["web"]["environment"]


def _celery_workers(services: dict) -> dict[str, str]:
    """{service: the one queue it consumes} for every service running a Celery worker."""
    workers = {}
    for name, svc in services.items():
        command = svc.get("command") or []
        if command[:1] == ["celery"] and "worker" in command:
            queues = command[command.index("-Q") + 1].split(",") if "-Q" in command else []
            assert len(queues) == 1, f"{name} consumes {queues or 'every queue'}, not one"
            workers[name] = queues[0]
    return workers


def test_docker_compose_runs_one_worker_per_queue_and_one_beat():
    from django.conf import settings

    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    workers = _celery_workers(services)
    assert sorted(workers.values()) == sorted(settings.CELERY_QUEUE_NAMES), workers
    beats = [n for n, svc in services.items() if "beat" in (svc.get("command") or [])]
    assert beats == ["beat"]
    # The workers run the web service's image and settings (one definition).
    for name in workers:
        assert services[name]["image"] == services["web"]["image"]
        assert services[name]["environment"] == services["web"]["environment"]


def test_make_run_starts_one_worker_per_queue_and_one_beat():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import devstack
    finally:
        sys.path.remove(str(ROOT / "scripts"))

    from django.conf import settings

    table = devstack.processes(Path("/venv/bin"))
    queues = {}
    for name, command in table.items():
        argv = command.split()
        if "worker" in argv:
            queues[name] = argv[argv.index("-Q") + 1]
    assert sorted(queues.values()) == sorted(settings.CELERY_QUEUE_NAMES), queues
    assert [n for n, c in table.items() if " beat " in f"{c} "] == ["beat"]
    assert "gunicorn" in table["web"]


def test_every_way_of_serving_uses_the_gunicorn_settings():
    """`make run`, `make load`, docker compose and the image serve with
    haikou_exec/gunicorn_conf.py (the workers freeze their long-lived heap)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import devstack

        import loadtest
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    config = ["--config", "python:haikou_exec.gunicorn_conf"]
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    web = compose["services"]["web"]["command"]
    assert " ".join(config) in " ".join(web)
    assert " ".join(config) in devstack.processes(Path("/venv/bin"))["web"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert '"--config", "python:haikou_exec.gunicorn_conf"' in dockerfile
    import argparse

    args = argparse.Namespace(workers=2, worker_class="gthread", threads=4)
    with mock.patch.object(loadtest.subprocess, "Popen") as popen:
        loadtest.start_web(args, 8123, {})
    argv = popen.call_args.args[0]
    assert argv[argv.index("--config") + 1] == config[1]


def test_the_workers_freeze_their_long_lived_heap_once_warm():
    import gc

    from haikou_exec import gunicorn_conf

    worker = types.SimpleNamespace(nr=0, log=mock.Mock())
    try:
        gunicorn_conf.post_worker_init(worker)
        after_load = gc.get_freeze_count()
        assert after_load > 0
        worker.log.info.assert_called_once()
        # Not again before the worker is warm, once when it is, and never after.
        worker.nr = gunicorn_conf.WARM_REQUESTS - 1
        gunicorn_conf.post_request(worker, None, {}, None)
        assert worker.log.info.call_count == 1
        kept = [object() for _ in range(1000)]  # built by the first requests
        worker.nr = gunicorn_conf.WARM_REQUESTS
        gunicorn_conf.post_request(worker, None, {}, None)
        assert worker.log.info.call_count == 2
        assert gc.get_freeze_count() >= after_load
        worker.nr += 5
        gunicorn_conf.post_request(worker, None, {}, None)
        assert worker.log.info.call_count == 2
        del kept
    finally:
        gc.unfreeze()


def test_a_second_devstack_shares_the_embedded_redis_and_leaves_it_running(tmp_path, monkeypatch):
    """`make test` or a `devstack.py exec` beside `make run`: the second start finds
    the server on the socket and uses it; its stop leaves it to the first (before,
    it started a second server on the same socket and removed the socket on exit,
    and `make run` lost its Redis)."""
    import redis

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import devstack
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    monkeypatch.setattr(devstack, "DATA", tmp_path)
    first_url, stop_first = devstack.start_redis()
    try:
        sock = first_url.removeprefix("unix://")
        redis.Redis(unix_socket_path=sock).set("kept", "1")
        second_url, stop_second = devstack.start_redis()
        assert second_url == first_url
        # A second server, had one been started, would now take the socket over.
        import time

        time.sleep(1)
        stop_second()
        assert redis.Redis(unix_socket_path=sock).get("kept") == b"1"
    finally:
        stop_first()
    assert not devstack._answers(tmp_path / "redis" / "redis.sock")
