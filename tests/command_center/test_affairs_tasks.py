"""The affairs-centre task queues: teams send, the centre claims, completes or
returns; time limits as data; the workload per person; the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from command_center.models import AffairsTask, TaskTimeLimit
from command_center.reference_data import seed_reference_data
from command_center.services import affairs
from haikou_exec.models import Notification


@pytest.fixture
def limits(db):
    seed_reference_data()


@pytest.mark.django_db
def test_the_whole_round_trip_through_the_api(
    limits, login, xy_case, user, django_capture_on_commit_callbacks
):
    judge, centre = login("xy_judge"), login("center_staff")
    sent = judge.post(
        "/api/v1/tasks/",
        {"case": xy_case.pk, "kind": "service", "instructions": "请邮寄送达执行通知书。"},
        content_type="application/json",
    )
    assert sent.status_code == 201, sent.content
    task = sent.json()
    assert (
        task["court"] == "琼0105"
        and task["status"] == "pending"
        and task["case_number"] == xy_case.case_number
    )
    due = dt.datetime.fromisoformat(task["due_at"]) - dt.datetime.fromisoformat(task["sent_at"])
    assert due == dt.timedelta(hours=120)  # the service limit (reference data)
    # The judge cannot claim; another district does not even see it.
    assert judge.post(f"/api/v1/tasks/{task['id']}/claim/").status_code == 403
    assert login("lh_judge").post(f"/api/v1/tasks/{task['id']}/claim/").status_code == 404
    assert login("lh_judge").get(f"/api/v1/tasks/{task['id']}/").status_code == 404
    claimed = centre.post(f"/api/v1/tasks/{task['id']}/claim/")
    assert claimed.status_code == 200 and claimed.json()["claimed_by"] == "center_staff"
    # Claiming twice is a transition the table refuses: a clear 400.
    again = centre.post(f"/api/v1/tasks/{task['id']}/claim/")
    assert again.status_code == 400
    returned = centre.post(
        f"/api/v1/tasks/{task['id']}/return/",
        {"reason": "缺少送达地址"},
        content_type="application/json",
    )
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    resent = judge.post(
        f"/api/v1/tasks/{task['id']}/resend/",
        {"instructions": "地址：秀英区长滨路1号"},
        content_type="application/json",
    )
    assert resent.json()["status"] == "pending" and "长滨路" in resent.json()["instructions"]
    centre.post(f"/api/v1/tasks/{task['id']}/claim/")
    no_result = centre.post(
        f"/api/v1/tasks/{task['id']}/complete/", {"result": ""}, content_type="application/json"
    )
    assert no_result.status_code == 400 and "result" in no_result.json()
    with django_capture_on_commit_callbacks(execute=True):
        done = centre.post(
            f"/api/v1/tasks/{task['id']}/complete/",
            {"result": "已送达，回执入卷。"},
            content_type="application/json",
        )
    assert done.json()["status"] == "completed"
    assert Notification.objects.filter(
        recipient=user("xy_judge"), dedup_key__startswith=f"affairs-task:{task['id']}:completed"
    ).exists()
    listing = judge.get("/api/v1/tasks/", {"status": "completed"}).json()
    assert [r["id"] for r in listing["results"]] == [task["id"]]


@pytest.mark.django_db
def test_time_limits_are_data(limits, xy_case, user):
    TaskTimeLimit.objects.filter(kind="drafting").update(limit_hours=6)
    now = timezone.now()
    task = affairs.send_task(
        user=user("xy_judge"), case_id=xy_case.pk, kind="drafting", instructions="x", now=now
    )
    assert task.due_at == now + dt.timedelta(hours=6)
    TaskTimeLimit.objects.all().delete()  # a missing row falls back to the seeded default
    task = affairs.send_task(
        user=user("xy_judge"), case_id=xy_case.pk, kind="drafting", instructions="x", now=now
    )
    assert task.due_at == now + dt.timedelta(hours=48)


@pytest.mark.django_db
def test_only_the_case_team_sends_and_the_claimant_finishes(limits, xy_case, user, org):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    with pytest.raises(Http404):
        affairs.send_task(
            user=user("lh_judge"), case_id=xy_case.pk, kind="reception", instructions="x"
        )
    with pytest.raises(ValidationError):
        affairs.send_task(
            user=user("xy_judge"), case_id=xy_case.pk, kind="nonsense", instructions="x"
        )
    task = affairs.send_task(
        user=user("xy_judge"), case_id=xy_case.pk, kind="reception", instructions="x"
    )
    affairs.claim_task(user=user("center_staff"), task_id=task.pk)
    from tests.factories import OfficerFactory

    colleague = OfficerFactory(role="center_staff", bureau=user("center_staff").officer.bureau).user
    with pytest.raises(PermissionDenied):
        affairs.complete_task(user=colleague, task_id=task.pk, result="x")
    affairs.complete_task(user=user("center_staff"), task_id=task.pk, result="接待完毕")
    with pytest.raises(ValidationError):
        affairs.cancel_task(user=user("xy_judge"), task_id=task.pk)  # completed is final


@pytest.mark.django_db
def test_workload_per_person_and_queue(limits, login, xy_case, user):
    staff = user("center_staff")
    past = timezone.now() - dt.timedelta(hours=100)
    for i in range(3):
        affairs.send_task(
            user=user("xy_judge"),
            case_id=xy_case.pk,
            kind="online_query",
            instructions=f"{i}",
            now=past,
        )
    fresh = affairs.send_task(
        user=user("xy_judge"), case_id=xy_case.pk, kind="drafting", instructions="d"
    )
    tasks = list(AffairsTask.objects.order_by("pk"))
    affairs.claim_task(user=staff, task_id=tasks[0].pk)
    affairs.claim_task(user=staff, task_id=tasks[1].pk)
    affairs.complete_task(user=staff, task_id=tasks[1].pk, result="ok")
    page = login("center_staff").get("/centre/tasks/workload/").content.decode()
    row = page.split('data-user="center_staff"')[1].split("</tr>")[0]
    # in hand 1, overdue in hand 1, completed 1 (late), returned 0
    assert [c.split("<")[0] for c in row.split("<td>")[2:7]] == ["1", "1", "1", "1", "0"]
    queue = page.split('id="queue-table"')[1].split("</table>")[0]
    assert '?kind=online_query&amp;status=pending">1</a>' in queue  # one waiting …
    assert '?kind=online_query&amp;status=pending&amp;overdue=true">1</a>' in queue  # … and overdue
    assert fresh.status == "pending"
    listing = login("center_staff").get("/centre/tasks/", {"overdue": "true"}).content.decode()
    assert listing.count('data-court="琼0105"') == 2  # the waiting one and the one in hand


@pytest.mark.django_db
def test_an_online_query_task_completes_when_its_batch_finishes(
    limits, network, login, xy_case, user
):
    from command_center.services.query_chunks import run_job_inline

    task = affairs.send_task(
        user=user("xy_judge"), case_id=xy_case.pk, kind="online_query", instructions="查控"
    )
    client = login("center_staff")
    client.post(f"/centre/tasks/{task.pk}/claim/")
    response = client.post(f"/centre/tasks/{task.pk}/query/")
    task.refresh_from_db()
    assert task.job_id and response["Location"] == f"/centre/jobs/{task.job_id}/"
    run_job_inline(task.job_id)
    task.refresh_from_db()
    task.job.refresh_from_db()
    assert task.status == "completed" and task.result == task.job.message
