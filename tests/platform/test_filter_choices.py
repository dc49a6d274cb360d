"""Filters offer choices, never an internal code or id to type (issue 16): every
list page's filter form, as a district judge and as the city's leadership, has
Chinese labels, 全部 as every select's empty choice, a court select (not a code to type) listing only the reader's
courts, selects of bureaus and teams listing only what the reader may see, and no
number field but a year, a month or a count of days. Ids carried by links stay as
hidden fields; the API keeps taking the court code."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.platform.sweep import COURT_SCOPE

FILTER_FORM = re.compile(r'<form method="get"[^>]*filter-form[^>]*>(.*?)</form>', re.S)
INPUT = re.compile(r"<input\b[^>]*>")
ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')
LABEL = re.compile(r"<label\b[^>]*>(.*?)</label>", re.S)
SELECT = re.compile(r'<select name="([^"]+)"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([^"]*)"')
EMPTY_OPTION = re.compile(r'<option value=""[^>]*>([^<]*)</option>')
TAG = re.compile(r"<[^>]+>")
NUMBERS_PEOPLE_TYPE = {"year", "month", "due_within"}


def _list_pages() -> list[str]:
    from tests.platform.test_permission_sweep import discover_endpoints

    endpoints, _ = discover_endpoints()
    return sorted({e.name for e in endpoints if e.kind == "list" and not e.api})


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["xy_judge", "zy_leader"])
def test_every_list_filter_is_a_choice_in_chinese(role, login):
    from django.utils.translation import override

    from courts.models import Bureau, Court

    client = login(role)
    # By code (?court=琼0105); the organisation's own pages and API keep the id.
    courts = COURT_SCOPE[role] | {
        str(pk)
        for pk in Court.objects.filter(code__in=COURT_SCOPE[role]).values_list("pk", flat=True)
    }
    bureaus = {
        str(pk)
        for pk in Bureau.objects.filter(court__code__in=COURT_SCOPE[role]).values_list(
            "pk", flat=True
        )
    }
    forms = 0
    problems = []
    for name in _list_pages():
        with override("zh-hans"):
            response = client.get(reverse(name))
        if response.status_code != 200:
            continue
        form = FILTER_FORM.search(response.content.decode())
        if form is None:
            continue
        forms += 1
        html = form.group(1)
        for tag in INPUT.findall(html):
            attrs = dict(ATTR.findall(tag))
            kind, field = attrs.get("type", "text"), attrs.get("name", "")
            if kind == "number" and field not in NUMBERS_PEOPLE_TYPE:
                problems.append((name, field, "a number to type"))
            if kind in ("text", "number") and "court" in field:
                problems.append((name, field, "a court code to type"))
        for label in LABEL.findall(html):
            text = TAG.sub("", label)
            if re.search(r"[A-Za-z]", text):
                problems.append((name, text.strip(), "not Chinese"))
        for field, options in SELECT.findall(html):
            # "No choice" in a filter means every row, and says so (全部), not "---------".
            for empty in EMPTY_OPTION.findall(options):
                if not re.search(r"[\u4e00-\u9fff]", empty):
                    problems.append((name, field, f"empty choice {empty!r}"))
            values = set(OPTION.findall(options)) - {"", "unknown", "true", "false"}
            if field == "court" and not values <= courts:
                problems.append((name, field, sorted(values - courts)))
            if field.endswith("bureau") and not values <= bureaus:
                problems.append((name, field, "another court's bureaus"))
    assert forms > 30, forms
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.django_db
def test_the_api_still_takes_the_court_code(login):
    client = login("zy_leader")
    for url in ("/api/v1/officers/", "/api/v1/teams/", "/api/v1/supervision-cases/"):
        response = client.get(url, {"court": "XX99"})
        assert response.status_code == 200 and response.json()["count"] == 0, url
    officers = client.get("/api/v1/officers/", {"court": "琼0105"}).json()["results"]
    assert officers and {o["court"] for o in officers} == {"琼0105"}
