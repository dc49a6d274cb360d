"""The admin as the people who work in it read it: a system administrator (the
superuser, who also sees the third-party parts: accounts, login security, the
change trail, schedules) and a court's own administrator walk the admin's index,
every list, add and change page a link reaches, and read the admin's own words on
each: the apps and models of the sidebar, the lists' column headings and filter
titles, the forms' field labels and fieldset titles, the action select, headings
and captions. Read as the everyday pages' walk reads text (test_developer_output):
no English words, no raw dictionaries, no Django "---------".

What a row holds is data and is not read here (codes, login names, stored
schedules' texts; a JSON field's content is the notes' known gap)."""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from urllib.parse import urlsplit

import pytest
import time_machine

from tests.platform.sweep import SEED_DAY
from tests.platform.test_developer_output import _Text, developer_output

NOW = dt.datetime.combine(SEED_DAY, dt.time(10), tzinfo=dt.UTC)

# The admin's own pages that are not for reading: leaving, the password form's
# hash widget, the JavaScript catalog, the autocomplete JSON.
SKIP = re.compile(r"^/admin/(?:logout|jsi18n|autocomplete|r/)|/password/|/history/|/delete/")
PER_SHAPE = 1
# Formats an administrator reads as they are (a schedule's arguments are JSON).
FORMATS = {"JSON"}
# A code shown as a row's name in a heading (a change page's title) is data.
SNAKE_CODE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")
PAGES = 400


class _AdminWords(_Text):
    """``_Text`` limited to the admin's own words: text inside the page's title,
    captions, the lists' column headings, the index's and the sidebar's model
    names, labels, legends, the filters' titles and the action select (not a row's
    own name, which is data: a list's first cell, a change page's subtitle)."""

    WORDS = {"h1", "h3", "caption", "label", "legend", "summary"}

    def __init__(self):
        super().__init__()
        self._open: list[str] = []
        self._thead = False

    def handle_starttag(self, tag, attrs):
        if tag == "input" and dict(attrs).get("name") == "_selected_action":
            return  # its aria-label names the row (data)
        super().handle_starttag(tag, attrs)
        attrs = dict(attrs)
        self._thead = self._thead or tag == "thead"
        if (
            tag in self.WORDS
            # a list's column headings; the index's and the sidebar's model names
            or (tag == "th" and (self._thead or attrs.get("id")))
            or (tag == "select" and attrs.get("name") == "action")
        ):
            self._open.append(tag)

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        self._thead = self._thead and tag != "thead"
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if self._open:
            super().handle_data(data)


def _shape(path: str) -> str:
    # A list's filters and sorting are the same page; an object's pages are one shape.
    return re.sub(r"\d+", "N", urlsplit(path).path)


def admin_walk(client, logins: set[str]) -> tuple[int, dict[str, list[str]]]:
    seen, shapes, problems = set(), set(), {}
    queue = deque(["/admin/"])
    read = 0
    while queue and read < PAGES:
        url = queue.popleft()
        shape = _shape(url)
        if url in seen or shape in shapes:
            continue
        seen.add(url)
        shapes.add(shape)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        read += 1
        parser = _AdminWords()
        parser.feed(response.content.decode())
        text = "\n".join(parser.parts)
        for login in logins:  # data in the accounts' pages
            text = re.sub(rf"\b{re.escape(login)}\b", " ", text)
        found = [
            w
            for w in developer_output(text, set())
            if not SNAKE_CODE.fullmatch(w) and w not in FORMATS
        ]
        if found:
            problems[url] = sorted(set(found))[:10]
        for href in parser.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/admin/"):
                continue
            if not SKIP.search(parts.path) and parts.path not in seen:
                queue.append(parts.path)
    return read, problems


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "xy_admin"])
@time_machine.travel(NOW, tick=False)
def test_the_admin_reads_in_chinese(role, city, login):
    from django.contrib.auth import get_user_model

    logins = set(get_user_model().objects.values_list("username", flat=True))
    read, problems = admin_walk(login(role), logins)
    assert read > (60 if role == "admin" else 15), f"the walk read only {read} pages"
    assert not problems, "\n".join(f"{url}: {found}" for url, found in problems.items())


@pytest.mark.parametrize(
    "expression, words",
    [
        ("15 3 * * *", "每天 03:15（北京时间）"),
        ("*/10 * * * *", "每 10 分钟（北京时间）"),
        ("30 7 * * 1-5", "在 07:30，星期一 到 星期五（北京时间）"),
        ("0 9 * 3 *", "在 09:00，仅在 三月（北京时间）"),
        ("61 3 * * *", "61 3 * * *（北京时间）"),  # not a time: shown as it is
    ],
)
def test_a_schedule_says_when_it_runs_in_words(expression, words):
    from django_celery_beat.models import CrontabSchedule

    from haikou_exec.admin_schedules import crontab_in_words

    minute, hour, day, month, weekday = expression.split()
    crontab = CrontabSchedule(
        minute=minute,
        hour=hour,
        day_of_month=day,
        month_of_year=month,
        day_of_week=weekday,
        timezone="Asia/Shanghai",
    )
    assert crontab_in_words(crontab) == words


@pytest.mark.django_db
def test_a_schedule_page_is_titled_in_words(city, login):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="cases.tasks.refresh_transfer_suggestions")
    page = login("admin").get(f"/admin/django_celery_beat/periodictask/{task.pk}/change/")
    html = page.content.decode()
    assert "(m/h/dM/MY/d)" not in html
    assert f"<h2>{task.name}</h2>" in html and "每天 03:15（北京时间）" in html
    crontab = login("admin").get(
        f"/admin/django_celery_beat/crontabschedule/{task.crontab_id}/change/"
    )
    html = crontab.content.decode()
    assert "<h2>每天 03:15（北京时间）</h2>" in html and "(m/h/dM/MY/d)" not in html
    # The tasks on this schedule, each by its name and linked.
    link = f'<a href="/admin/django_celery_beat/periodictask/{task.pk}/change/">{task.name}</a>'
    assert link in html


@pytest.mark.django_db
def test_the_permission_pickers_read_each_permission_in_chinese(login):
    """Django stores permissions' names in English ("Can add enforcement case") and
    names the change trail's event models by their class; the accounts' and groups'
    pickers show every permission in Chinese."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    client = login("admin")
    judge = get_user_model().objects.get(username="xy_judge")
    for url in ("/admin/auth/group/add/", f"/admin/auth/user/{judge.pk}/change/"):
        page = _Options()
        page.feed(client.get(url).content.decode())
        options = page.options["permissions" if "group" in url else "user_permissions"]
        assert len(options) == Permission.objects.count()
        english = sorted({w for text in options for w in developer_output(text, set())})
        assert not english, f"{url}: {english[:20]}"
    assert "执行案件 | 执行案件 | 可增加执行案件" in options
    assert "执行案件 | 执行案件变更记录 | 可查看执行案件变更记录" in options


class _Options(_Text):
    def __init__(self):
        super().__init__()
        self.options: dict[str, list[str]] = {}
        self._select = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self._select = self.options.setdefault(attrs.get("name"), [])
        elif tag == "option" and self._select is not None:
            self._option = []

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            self._select.append("".join(self._option).strip())
            self._option = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._option is not None:
            self._option.append(data)


@pytest.mark.django_db
def test_the_admin_scripts_speak_chinese(login):
    """The two-box picker's words, reworded in Django 5.x and missing from its
    Chinese catalog, come from ours (locale/zh_Hans/LC_MESSAGES/djangojs.po)."""
    import json

    script = login("admin").get("/admin/jsi18n/").content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    for msgid in (
        'Choose %s by selecting them and then select the "Choose" arrow button.',
        "Choose all %s",
        "Choose selected %s",
        "Remove selected %s",
        'Remove %s by selecting them and then select the "Remove" arrow button.',
        "Remove all %s",
        "(click to clear)",
        "Available %s",  # Django's own, still there
    ):
        assert re.search(r"[\u4e00-\u9fff]", catalog.get(msgid, "")), msgid


@pytest.mark.django_db
def test_a_wrong_schedule_is_refused_in_words_and_nothing_is_saved(login):
    from django_celery_beat.models import CrontabSchedule

    client = login("admin")
    before = CrontabSchedule.objects.count()
    form = {
        "minute": "61",
        "hour": "3",
        "day_of_month": "*",
        "month_of_year": "*",
        "day_of_week": "1-9",
        "timezone": "Asia/Shanghai",
    }
    page = client.post("/admin/django_celery_beat/crontabschedule/add/", form)
    assert page.status_code == 200 and CrontabSchedule.objects.count() == before
    errors = [
        str(e)
        for field in ("minute", "day_of_week")
        for e in page.context["adminform"].form.errors[field]
    ]
    assert errors == [
        "“61”不是有效的分钟：请填 0–59 之间的数字，“*”表示每一个，可用逗号、范围（1-5）和间隔（*/10）。",
        "“1-9”不是有效的星期（0 和 7 均为星期日）：请填 0–7 之间的数字，“*”表示每一个，可用逗号、范围（1-5）和间隔（*/10）。",
    ]
    assert not page.context["adminform"].form.errors.get("hour")
    form.update(minute="5", day_of_week="1-5")
    saved = client.post("/admin/django_celery_beat/crontabschedule/add/", form)
    assert saved.status_code == 302 and CrontabSchedule.objects.count() == before + 1


@pytest.mark.django_db
def test_a_periodic_task_with_broken_arguments_is_refused_in_words(login):
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    crontab = CrontabSchedule.objects.create(minute="0", hour="4", timezone="Asia/Shanghai")
    form = {
        "name": "本院夜间清理",
        "regtask": "cases.tasks.sweep_dossier_orphans",
        "task": "",
        "enabled": "on",
        "description": "",
        "crontab": crontab.pk,
        "args": "[]",
        "kwargs": '{"days": 3',
        "headers": "{}",
        "priority": "",
        "queue": "",
        "exchange": "",
        "routing_key": "",
        "expire_seconds": "",
    }
    client = login("admin")
    page = client.post("/admin/django_celery_beat/periodictask/add/", form)
    assert page.status_code == 200
    errors = page.context["adminform"].form.errors
    assert errors["kwargs"] == ["不是有效的 JSON（第 1 行第 11 列有误）。"]
    assert not PeriodicTask.objects.filter(name="本院夜间清理").exists()
    form["kwargs"] = '{"days": 3}'
    assert client.post("/admin/django_celery_beat/periodictask/add/", form).status_code == 302
    assert PeriodicTask.objects.get(name="本院夜间清理").kwargs == '{"days": 3}'


@pytest.mark.django_db
def test_the_periodic_tasks_are_filtered_by_their_names(city, login):
    """The filter by task names each task as its schedule does, not by its path."""
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="cases.tasks.refresh_transfer_suggestions")
    client = login("admin")
    html = client.get("/admin/django_celery_beat/periodictask/").content.decode()
    filters = html.split('id="changelist-filter"')[1]
    assert f"?task={task.task}" in filters and f">{task.name}</a>" in filters
    assert "cases.tasks.refresh_transfer_suggestions</a>" not in filters
    chosen = client.get("/admin/django_celery_beat/periodictask/", {"task": task.task})
    assert chosen.context["cl"].result_count == 1
