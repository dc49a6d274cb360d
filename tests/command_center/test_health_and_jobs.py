import json

import pytest


@pytest.mark.django_db
def test_health_reports_a_stopped_worker_as_down(client):
    response = client.get("/healthz")
    body = json.loads(response.content)
    assert response.status_code == 200
    assert body["database"]["status"] == "up"
    assert body["broker"]["status"] == "up"
    assert body["workers"]["status"] == "down"
    assert body["status"] == "degraded"


@pytest.mark.celery_worker
def test_health_sees_a_live_worker(client, celery_worker_thread):
    body = json.loads(client.get("/healthz").content)
    assert body["workers"]["status"] == "up", body
    assert body["workers"]["workers"]
    assert body["status"] == "ok"


@pytest.mark.django_db
def test_job_page_shows_a_progress_bar(login, org):
    from django.contrib.auth import get_user_model

    from haikou_exec.choices import JobKind
    from haikou_exec.jobs import advance_job, create_job, start_job

    user = get_user_model().objects.get(username="center_staff")
    job = create_job(
        kind=JobKind.OFFICER_DEACTIVATION,
        user=user,
        court=user.officer.bureau.court,
        parameters={},
        total=4,
    )
    start_job(job.pk, task_id="t1")
    advance_job(job.pk, done=1)
    client = login("center_staff")
    page = client.get(f"/centre/jobs/{job.pk}/").content.decode()
    assert 'class="progress-bar' in page and "25%" in page and "hx-trigger" in page
    fragment = client.get(f"/centre/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "25%" in fragment
