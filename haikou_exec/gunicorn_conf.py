"""gunicorn's settings for every way the site is served (`make run`, `make load`,
docker compose: ``-c python:haikou_exec.gunicorn_conf``).

The worker's long-lived heap (Django, the apps, URL patterns, compiled templates,
translation catalogs: about 250,000 objects) is moved out of the garbage
collector's reach with ``gc.freeze()``. Otherwise every full collection walks
all of it in the middle of whichever request happens to trigger one: 156 ms at
the design scale, the one slow sample of the 200-rows-a-page list in
`make bench` (README, "Close to the database"). Frozen, the same collection took
30 ms. Nothing frozen is freed, which is the point: these objects live as long
as the worker.

Frozen twice: when the worker has loaded the application, and again after its
first ``WARM_REQUESTS`` requests, by when the lazily built parts (URL resolvers,
templates, catalogs, the restriction cache) exist. Each time after a collection,
so that no garbage is kept."""

from __future__ import annotations

import gc

WARM_REQUESTS = 200


def freeze_long_lived() -> int:
    """Collect, then freeze what survives; the number of objects now frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def post_worker_init(worker) -> None:
    worker.log.info("froze %d long-lived objects (application loaded)", freeze_long_lived())


def post_request(worker, req, environ, resp) -> None:
    # The worker's own count of requests (gunicorn's Worker.nr, kept by sync and
    # gthread workers alike); once per worker (a second freeze by a racing thread
    # would be harmless).
    if (
        not getattr(worker, "haikou_warm_frozen", False)
        and getattr(worker, "nr", 0) >= WARM_REQUESTS
    ):
        worker.haikou_warm_frozen = True
        frozen = freeze_long_lived()
        worker.log.info("froze %d long-lived objects (after %d requests)", frozen, worker.nr)
