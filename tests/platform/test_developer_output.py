"""A page walk that fails on developer output (issue 16): as each everyday role,
follow the links from the home page, the search page and a case page through the
city's data (with a commission, disposals, an agent, a corrected party and the
reminder scan's notifications), and read each page's visible text for snake_case
identifiers, raw dictionaries or Python values, Django's "---------", English words and login names in
place of people's names. New pages reached by a link are walked without touching
this file; the start list names the pages no link reaches from there."""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
import time_machine

from tests.platform.sweep import SEED_DAY

NOW = dt.datetime.combine(SEED_DAY, dt.time(10), tzinfo=dt.UTC)

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
RAW = re.compile(r"\{['\"]|\b(?:None|True|False|null)\b|['\"]\w+['\"]\s*:|∅")
ENGLISH = re.compile(r"\b[A-Za-z]{3,}\b")
# Django's empty choice of a select ("---------"): a form's select says 请选择.
DASHES = re.compile(r"-{5,}")
# A date as the machine writes it (2026-12-03) where a page writes 2026年12月3日; a
# date field's hint ("如 2026-12-03") and a period's notation to type
# ("2026-01-01..2026-06-30") excepted.
ISO_DATE = re.compile(r"(?<!如 )(?<!\.\.)\b\d{4}-\d{2}-\d{2}\b(?!\.\.)")
# Words a Chinese user reads as they are: formats, products, the language switch.
ENGLISH_ALLOWED = {"PDF", "Excel", "CSV", "API", "SMS", "English", "XLSX", "OFD", "GPS"}
ENGLISH_ALLOWED |= {"Word", "PowerPoint", "JPEG", "PNG", "docx", "xlsx", "pptx"}
# Data that is what it is: web addresses, masked identifiers (9146****XLWL),
# serial and model numbers (VEH-0001, HK-ECP 3.0, SHA-256).
DATA = re.compile(r"https?://\S+|\S*\*\S*|\b[A-Z]{2,6}-[\w.-]+")

# Downloads, the API, the admin and leaving the site are not pages to read here.
SKIP = re.compile(
    r"^/(?:api|admin|static|media|i18n|public|accounts/logout|healthz)"
    r"|export|download|\.pdf|\.xlsx|\.csv|print|attachments|report\.pdf"
)
PAGES_PER_ROLE = 220
PER_SHAPE = 2  # pages of one shape (ids replaced) read per role


class _Text(HTMLParser):
    """The text a user reads: element text outside scripts and styles and outside
    what the page marks ``translate="no"`` (a code to copy, such as the public query
    code), and the title, placeholder and aria-label attributes; and the links."""

    HIDDEN = {"script", "style", "template", "svg"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0
        self._hidden_tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.HIDDEN or attrs.get("translate") == "no":
            self._hidden += 1
            self._hidden_tags.append(tag)
        for name in ("title", "placeholder", "aria-label"):
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if self._hidden_tags and self._hidden_tags[-1] == tag:
            self._hidden_tags.pop()
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def developer_output(text: str, logins: set[str]) -> list[str]:
    """What in ``text`` is developer output, each as a short quote."""
    text = DATA.sub(" ", text)
    found = []
    for pattern in (SNAKE, RAW, DASHES, ISO_DATE):
        found += [m.group(0) for m in pattern.finditer(text)]
    found += [w for w in ENGLISH.findall(text) if w not in ENGLISH_ALLOWED]
    found += [w for w in re.findall(r"\b[a-z][a-z0-9_]+\b", text) if w in logins]
    return list(dict.fromkeys(found))


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def walk(client, starts: list[str], logins: set[str]) -> dict[str, list[str]]:
    """Breadth-first from ``starts``: {url: [developer output found]} for the pages
    that have any."""
    seen, shapes, problems = set(), {}, {}
    queue = deque(starts)
    read = 0
    while queue and read < PAGES_PER_ROLE:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        shape = _shape(url)
        if shapes.get(shape, 0) >= PER_SHAPE:
            continue
        shapes[shape] = shapes.get(shape, 0) + 1
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        read += 1
        parser = _Text()
        parser.feed(response.content.decode())
        found = developer_output("\n".join(parser.parts), logins)
        if found:
            problems[url] = sorted(set(found))[:8]
        for href in parser.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            if not SKIP.search(link) and link not in seen:
                queue.append(link)
    assert read > 20, f"the walk read only {read} pages"
    return problems


@pytest.fixture(scope="module")
def walk_data(city, django_db_blocker):
    """The city (tests/platform/sweep.py) plus what the recent pages show: a
    commission and two disposals, an agent and a corrected party on a 秀英 case,
    and the reminder scan's notifications."""
    from cases.demo.workflows import seed_workflow_examples
    from cases.models import EnforcementCase
    from command_center.services.reminders import run_reminder_scan

    with django_db_blocker.unblock(), time_machine.travel(NOW, tick=False):
        seed_workflow_examples(today=SEED_DAY)
        run_reminder_scan(today=SEED_DAY)
        case = (
            EnforcementCase.objects.filter(court__code="琼0105", team__isnull=False)
            .exclude(status="closed")
            .order_by("pk")
            .first()
        )
        _agent_and_correction(case)
        yield {"case": case}


def _agent_and_correction(case) -> None:
    from django.contrib.auth import get_user_model

    from cases.services.agents import AgentData, add_agent
    from cases.services.parties import PartyData, correct_party

    director = get_user_model().objects.get(username="xy_director")
    party = case.parties.order_by("pk").first()
    add_agent(
        user=director,
        case_id=case.pk,
        party_id=party.pk,
        data=AgentData(
            kind="lawyer",
            name="周律师",
            organisation="海南椰风律师事务所",
            licence_number="14601201910123456",
        ),
    )
    fields = ("role", "kind", "name", "id_number", "nature", "district", "address")
    data = PartyData(**{f: getattr(party, f) for f in fields}, phone="13800000000")
    correct_party(user=director, party_id=party.pk, data=data, reason="当事人提交新的联系电话")


ROLES = ["xy_judge", "xy_clerk", "xy_director", "center_staff", "supervisor", "zy_leader"]


def _parameter_editors(role: str) -> list[str]:
    """The parameter editors of the roles that edit them (issue 16: one field per
    parameter, in words), read first: on the city's data the page budget can end
    before a link reaches them. The rule and the indicators with the most kinds of
    field (a ratio, counts, case types; closing types; a process node)."""
    from assessment.models import AssessmentScheme, IndicatorDefinition, OfficerScheme
    from supervision.models import AlertRule

    if role == "supervisor":
        rules = AlertRule.objects.filter(code__in=["selective_execution", "funds_unpaid"])
        return [f"/supervision/rules/{pk}/edit/" for pk in rules.values_list("pk", flat=True)]
    if role == "zy_leader":
        indicators = IndicatorDefinition.objects.filter(
            code__in=["actual_execution_in_term", "petition_conclusion"], version=1
        )
        schemes = AssessmentScheme.objects.order_by("pk").values_list("pk", flat=True)[:1]
        return [
            "/assessment/schemes/new/",
            *[f"/assessment/schemes/{pk}/edit/" for pk in schemes],
            *[f"/assessment/indicators/{d.pk}/revise/" for d in indicators],
        ]
    if role == "xy_director":
        schemes = OfficerScheme.objects.filter(court__code="琼0105").order_by("pk")
        return [
            "/assessment/officers/new/",
            *[
                f"/assessment/officers/{pk}/edit/"
                for pk in schemes.values_list("pk", flat=True)[:1]
            ],
        ]
    return []


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@time_machine.travel(NOW, tick=False)
def test_no_developer_output_on_the_pages_a_role_walks(role, walk_data, login):
    from django.contrib.auth import get_user_model

    logins = set(get_user_model().objects.values_list("username", flat=True))
    case = walk_data["case"]
    starts = [*_parameter_editors(role), "/", "/search/?q=执", "/centre/notifications/"]
    if role.startswith("xy_"):
        # The case page and its act-from-the-case forms, the parties' history.
        starts += [f"/cases/{case.pk}/", f"/cases/{case.pk}/parties/history/"]
    client = login(role)
    for url in _parameter_editors(role):
        page = client.get(url)
        fields = re.findall(r'name="(?:c-\d+-)?param_\w+"', page.content.decode())
        assert page.status_code == 200 and fields, url
    problems = walk(client, starts, logins)
    assert not problems, "\n".join(f"{url}: {found}" for url, found in problems.items())


def test_the_reading_finds_each_kind_of_developer_output():
    logins = {"xy_judge", "admin"}
    assert developer_output("更新 claimed_by_id: ∅ → 12", logins) == ["claimed_by_id", "∅"]
    assert developer_output("参数 {'days': 30}", logins) == ["{'", "days"]
    assert developer_output("状态 Status", logins) == ["Status"]
    assert developer_output("经办人 admin", logins) == ["admin"]
    plain = (
        "（2026）琼0105执70号 下载 PDF 2026年12月3日 9146****XLWL VEH-0001 https://a.example.org/x"
    )
    assert developer_output(plain, logins) == []


@pytest.mark.django_db
def test_parameters_read_as_words():
    from django.utils.translation import override

    from haikou_exec.templatetags.haikou_parameters import readable_parameters

    with override("zh-hans"):
        shown = readable_parameters({"lookback_days": 365, "available": True, "days": [7, 30]})
        assert shown == "回溯天数：365；天数：7、30"
        assert readable_parameters({}) == "—"


def test_dates_in_stored_lines_and_periods_read_as_dates():
    import datetime as dt

    from django.utils.translation import override

    from assessment.periods import Period
    from haikou_exec.templatetags.haikou_parameters import readable_detail

    with override("zh-hans"):
        assert readable_detail("2026-06-30 ⚠") == "2026年6月30日 ⚠"
        assert readable_detail("2026-05-01 → 2026-05-31") == "2026年5月1日 → 2026年5月31日"
        assert readable_detail("86000.00 · 2026-05-01 · 3") == "86000.00 · 2026年5月1日 · 3"
        assert Period.parse("2026").label == "2026年"
        assert Period.parse("2026-Q2").label == "2026年第2季度"
        assert Period.parse("2026-03").label == "2026年3月"
        custom = Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
        assert custom.label == "2026年1月1日至2026年6月30日"
    assert developer_output("判断日期 2026-06-30", set()) == ["2026-06-30"]
    assert developer_output("如 2026-12-03；期间 2026-01-01..2026-06-30", set()) == []
