"""Search as people search (issue 16): the header's /search/ page and the case
list's ``q`` find a case from any distinctive part of its number and a party from
part of a name or the end of an ID number, exact matches first, only within what
the reader may see, in a constant number of queries, on an index."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.demo import seed_cases
from cases.models import EnforcementCase, Party
from cases.search import NumberParts, parse_query

DAY = dt.datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _on_a_set_day():
    with time_machine.travel(DAY, tick=True):
        yield


@pytest.fixture
def cases(org):
    seed_cases(count=80, seed=16, years=(2025, 2026), today=DAY.date())
    return EnforcementCase.objects.all()


def _twin(cases):
    """A 秀英 执 case whose year and sequence also exist in 龙华."""
    longhua = set(
        cases.filter(court__code="琼0106", case_type="执").values_list("year", "sequence")
    )
    for case in cases.filter(court__code="琼0105", case_type="执").order_by("pk"):
        if (case.year, case.sequence) in longhua:
            return case
    raise AssertionError("the seed should give a sequence used in both courts")


# -- reading the query --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("（2026）琼0105执70号", NumberParts(70, "执", "琼0105", 2026)),
        ("(2026)琼0105执70号", NumberParts(70, "执", "琼0105", 2026)),
        ("2026琼0105执70", NumberParts(70, "执", "琼0105", 2026)),
        ("琼0105执70号", NumberParts(70, "执", "琼0105", None)),
        ("0105执恢70号", NumberParts(70, "执恢", "0105", None)),
        ("执70号", NumberParts(70, "执", None, None)),
        ("执保 70", NumberParts(70, "执保", None, None)),
        ("70号", NumberParts(70, None, None, None)),
        ("琼01执5号", NumberParts(5, "执", "琼01", None)),
    ],
)
def test_number_forms_are_read_as_parts(text, parts):
    assert parse_query(text).number == parts


def test_other_queries_are_names_or_id_tails():
    assert parse_query("1234").id_tail == "1234"
    assert parse_query("123x").id_tail == "123X"
    assert parse_query("91460100MA5T").id_tail == "91460100MA5T"
    assert parse_query("椰城").name == "椰城"
    # Letters only: the end of a credit code (…KBUR) or a name in Latin letters.
    letters = parse_query("kbur")
    assert (letters.id_tail, letters.name) == ("KBUR", "kbur")
    assert parse_query("王").is_empty  # one character names nobody
    assert parse_query("  ").text == ""


# -- finding cases ------------------------------------------------------------


def _search(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_each_partial_form_of_a_number_finds_the_case_first(login, cases):
    case = _twin(cases)
    client = login("xy_judge")
    link = f'href="/cases/{case.pk}/"'
    forms = [
        case.case_number,
        case.case_number.replace("（", "(").replace("）", ")"),
        f"琼0105执{case.sequence}号",
        f"0105执{case.sequence}号",
        f"执{case.sequence}号",
        f"{case.sequence}号",
    ]
    for form in forms:
        html = _search(client, form)
        assert link in html, form
    # The whole number: that case first.
    html = _search(client, case.case_number)
    first = re.search(r'<a href="/cases/(\d+)/">', html.split('id="case-results"')[1])
    assert first and int(first[1]) == case.pk
    # The case list's q reads the same forms.
    for form in forms:
        listing = client.get("/cases/", {"q": form}).content.decode()
        assert f'<a href="/cases/{case.pk}/">' in listing, form


@pytest.mark.django_db
def test_nothing_outside_the_readers_scope(login, cases):
    case = _twin(cases)
    twin = cases.get(court__code="琼0106", case_type="执", year=case.year, sequence=case.sequence)
    xy = login("xy_judge")
    for form in (f"执{case.sequence}号", f"{case.sequence}号", twin.case_number):
        html = _search(xy, form)
        assert f'href="/cases/{twin.pk}/"' not in html, form
        assert (
            f'<a href="/cases/{twin.pk}/">' not in xy.get("/cases/", {"q": form}).content.decode()
        )
    respondent = Party.objects.filter(case=twin).order_by("id").last()
    html = _search(xy, respondent.name)
    assert f'href="/cases/{twin.pk}/"' not in html
    html = _search(xy, respondent.id_number[-6:])
    assert f'href="/cases/{twin.pk}/"' not in html
    # A city-wide reader finds both, the whole number's case first.
    html = _search(login("zy_leader"), twin.case_number)
    assert f'href="/cases/{twin.pk}/"' in html
    both = _search(login("zy_leader"), f"执{case.sequence}号")
    assert f'href="/cases/{twin.pk}/"' in both and f'href="/cases/{case.pk}/"' in both


@pytest.mark.django_db
def test_own_court_first_for_a_short_number(login, cases):
    from courts.models import Court
    from personnel.models import Officer

    case = _twin(cases)
    # A 秀英 reader who sees every court: 70号 of 秀英 before 龙华's.
    officer = Officer.objects.get(user__username="zy_leader")
    xiuying = Court.objects.get(code="琼0105")
    assert officer.bureau.court_id != xiuying.pk
    html = _search(login("zy_leader"), f"执{case.sequence}号")
    own = officer.bureau.court.short_name
    rows = re.findall(r"<tr>\s*<td><a href=\"/cases/\d+/\">[^<]+</a></td>\s*<td>([^<]+)</td>", html)
    assert rows, html
    # Rows of the reader's own court (if any) come before the others.
    seen_other = False
    for court in rows:
        if court != own:
            seen_other = True
        else:
            assert not seen_other


# -- finding parties ----------------------------------------------------------


@pytest.mark.django_db
def test_parties_by_part_of_a_name_and_the_end_of_an_id_number(login, cases):
    client = login("xy_judge")
    judge = get_user_model().objects.get(username="xy_judge")
    # A company of a case the judge may see, named in no other case.
    party = (
        Party.objects.restrict(judge, "view")
        .filter(case__court__code="琼0105", kind="legal")
        .exclude(
            id_number__in=Party.objects.filter(case__origin_case__isnull=False).values("id_number")
        )
        .order_by("pk")
        .first()
    )
    link = f'href="/cases/{party.case_id}/"'
    middle = party.name[2:5]
    assert link in _search(client, middle), middle
    assert link in _search(client, party.id_number[-4:])
    assert link in _search(client, party.id_number[-8:].lower())
    assert link in _search(client, party.id_number)
    # The case list's q finds the same case by the name's part.
    assert (
        f'<a href="/cases/{party.case_id}/">'
        in client.get("/cases/", {"q": middle}).content.decode()
    )
    # The exact name ranks first.
    html = _search(client, party.name)
    first = re.search(r'<a href="/cases/(\d+)/">', html.split('id="party-results"')[1])
    assert int(first[1]) == party.case_id


@pytest.mark.django_db
def test_counts_and_plain_empty_states_in_chinese(login, cases):
    client = login("xy_judge")
    html = _search(client, "执9999999号")
    assert "没有" in html and 'id="search-empty"' in html
    listing = client.get("/cases/", {"q": "查无此人公司"}).content.decode()
    assert 'id="result-count"' in listing and "共 0 条" in listing
    assert "没有找到" in listing
    xiuying = cases.filter(court__code="琼0105").count()
    listing = client.get("/cases/").content.decode()
    assert f"共 {xiuying} 条" in listing


@pytest.mark.django_db
def test_filters_offer_courts_and_teams_as_choices(login, cases):
    html = login("zy_leader").get("/cases/").content.decode()
    court_select = re.search(r'<select name="court"[^>]*>(.*?)</select>', html, re.S)
    assert court_select, "the court filter is a select"
    assert (
        '<option value="琼0105">秀英</option>' in court_select[1].replace("秀英区法院", "秀英")
        or "秀英" in court_select[1]
    )
    assert "全部" in html and "未知" not in html
    # A district reader is offered their own court only.
    xy = login("xy_judge").get("/cases/").content.decode()
    options = re.search(r'<select name="court"[^>]*>(.*?)</select>', xy, re.S)[1]
    assert options.count("<option") == 2  # 全部 and 秀英
    deadlines = login("xy_judge").get("/cases/deadlines/").content.decode()
    assert re.search(r'<select name="team"', deadlines), "the deadline list's team is a select"


@pytest.mark.django_db
def test_search_queries_do_not_grow_with_the_results(login, cases):
    client = login("zy_leader")
    client.get("/search/", {"q": "1号"})  # warm the session and caches

    def count(q):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/search/", {"q": q}).status_code == 200
        return len(ctx.captured_queries)

    many = count("1号")
    one = count(cases.order_by("pk").first().case_number)
    assert many == one, (many, one)  # the cases, then their parties: two queries
    assert count("有限公司") == count("9999999号") == many - 1  # one query of parties or none
    assert many <= 12, many


@pytest.mark.django_db
def test_name_and_id_searches_can_use_their_indexes(cases):
    from cases.search import filter_parties_plain

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for q, index in (("椰城", "party_name_grams"), ("1234", "party_id_suffix")):
            sql, params = filter_parties_plain(parse_query(q)).query.sql_with_params()
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert index in plan, plan
