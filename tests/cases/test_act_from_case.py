"""Acting from the case page (issue 16 item 4): the buttons show to the people
allowed to act, open forms prefilled with the case, and return to it."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import time_machine

from cases.models import DeadlineExtension
from command_center.choices import AffairsTaskKind, AffairsTaskStatus
from command_center.models import AffairsTask, AssetQuery
from haikou_exec.models import BackgroundJob


def _buttons(client, case) -> set[str]:
    html = client.get(case.get_absolute_url()).content.decode()
    return set(re.findall(r'id="(act-[a-z]+)"', html))


def test_the_handler_sees_every_action_and_a_reader_none(login, xy_case):
    acts = {"act-query", "act-affairs", "act-party", "act-measure", "act-extend"}
    assert _buttons(login("xy_judge"), xy_case) >= acts
    # The supervisor reads every case but acts on none of them.
    assert not _buttons(login("supervisor"), xy_case) & acts


def test_property_query_from_the_case_lists_its_respondents_and_returns(login, xy_case, settings):
    settings.PROPERTY_QUERY_PROVIDER = "sandbox"
    client = login("xy_judge")
    url = f"/cases/{xy_case.pk}/property-query/"
    page = client.get(url).content.decode()
    assert "海南椰城贸易有限公司" in page and "王海生" not in page  # respondents only
    response = client.post(url, {"note": "立案后首次查控"})
    assert response.status_code == 302 and response["Location"] == xy_case.get_absolute_url()
    job = BackgroundJob.objects.get()
    assert job.parameters["case_ids"] == [xy_case.pk]
    assert job.parameters["note"] == "立案后首次查控"
    # The message on the case page links to the batch.
    landing = client.get(response["Location"]).content.decode()
    assert job.get_absolute_url() in landing


def test_property_query_refused_outside_the_query_scope(login, xy_case):
    # Another court's judge does not see the case; a reader in scope may not query it.
    assert login("lh_judge").get(f"/cases/{xy_case.pk}/property-query/").status_code == 404
    supervisor = login("supervisor")
    assert supervisor.get(f"/cases/{xy_case.pk}/property-query/").status_code in (403, 404)
    assert supervisor.post(f"/cases/{xy_case.pk}/property-query/", {}).status_code in (403, 404)
    assert not AssetQuery.objects.exists() and not BackgroundJob.objects.exists()


def test_affairs_task_from_the_case_is_prefilled_and_returns(login, xy_case):
    client = login("xy_judge")
    url = f"/cases/{xy_case.pk}/affairs-task/?kind=service"
    page = client.get(url).content.decode()
    assert xy_case.case_number in page
    assert re.search(r'<option value="service"[^>]*selected', page)
    response = client.post(url, {"kind": "service", "instructions": "向被执行人送达执行通知书"})
    assert response.status_code == 302 and response["Location"] == xy_case.get_absolute_url()
    task = AffairsTask.objects.get()
    assert (task.case_id, task.kind, task.status) == (
        xy_case.pk,
        AffairsTaskKind.SERVICE,
        AffairsTaskStatus.PENDING,
    )
    # Another court's judge cannot send a task about it.
    other = login("lh_judge").post(url, {"kind": "service", "instructions": "x"})
    assert other.status_code == 404 and AffairsTask.objects.count() == 1


@time_machine.travel(dt.datetime(2026, 3, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)
def test_extension_button_opens_the_first_extendable_open_node(login, xy_case):
    # A day when the case (filed 2 March 2026) is young: an extension is asked for
    # before the limit runs out (DOMAIN.md §2).
    client = login("xy_judge")
    html = client.get(xy_case.get_absolute_url()).content.decode()
    href = re.search(r'href="([^"]+)" id="act-extend"', html).group(1)
    node_id = int(href.rstrip("/").split("/")[-2])
    node = xy_case.nodes.get(pk=node_id)
    assert node.status == "open" and node.definition.extendable
    response = client.post(href, {"days": 10, "reason": "被执行人财产需评估"})
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == xy_case.get_absolute_url()
    assert DeadlineExtension.objects.filter(node=node, days=10).exists()
