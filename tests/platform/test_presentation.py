"""Language and presentation (issue 16): Chinese whatever the browser asks for,
English only through the switch; numbers, percentages and dates in one form;
natural order of team names; one RFC 6266 Content-Disposition for downloads."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.utils import translation

from cases.templatetags.haikou_format import cn_date, percent, share, yuan, yuan_short
from haikou_exec.downloads import content_disposition
from haikou_exec.natural import natural_key

# -- language -----------------------------------------------------------------


@pytest.mark.django_db
def test_chinese_even_when_the_browser_asks_for_english(login):
    client = login("xy_judge")
    page = client.get("/cases/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = page.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "搜索" in html and "Search" not in html.split("<body", 1)[1].split("<main", 1)[0]
    # The switch still gives English.
    client.post("/i18n/setlang/", {"language": "en", "next": "/cases/"})
    english = client.get("/cases/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '<html lang="en">' in english


@pytest.mark.django_db
def test_anonymous_pages_are_chinese_too(client):
    html = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert '<html lang="zh-hans">' in html


def test_the_public_base_url_is_a_setting(settings):
    assert settings.PUBLIC_PORTAL_URL.startswith(settings.PUBLIC_BASE_URL)
    assert not settings.PUBLIC_BASE_URL.endswith("/")


# -- numbers and dates --------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1366180350, "1,366,180,350.00"),
        (Decimal("3174330383.5"), "3,174,330,383.50"),
        (Decimal("-1234.005"), "-1,234.01"),
        (0, "0.00"),
        (None, "—"),
    ],
)
def test_amounts_have_thousands_separators(value, expected):
    assert yuan(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1366180350, "13.66亿元"),
        (3174330383, "31.74亿元"),
        (Decimal("1250000"), "125.00万元"),
        (Decimal("10000"), "1.00万元"),
        (Decimal("8500"), "8,500.00元"),
    ],
)
def test_large_figures_in_wan_and_yi(value, expected):
    with translation.override("zh-hans"):
        assert yuan_short(value) == expected


def test_one_percentage_precision():
    assert percent(12.345) == "12.3%"
    assert percent(Decimal("99.95")) == "100.0%"
    assert percent(5) == "5.0%"
    assert share(1, 3) == "33.3%"
    assert share(1, 0) == "—"


def test_one_date_form_in_chinese():
    with translation.override("zh-hans"):
        assert cn_date(dt.date(2026, 12, 3)) == "2026年12月3日"
        aware = dt.datetime(2026, 12, 2, 17, 30, tzinfo=dt.UTC)  # 01:30 on the 3rd in Haikou
        assert cn_date(aware) == "2026年12月3日"
    with translation.override("en"):
        assert cn_date(dt.date(2026, 12, 3)) == "3 Dec 2026"
    assert cn_date(None) == "—"


def test_team_names_in_natural_order():
    names = ["秀英执行10组", "秀英执行2组", "秀英执行1组", "龙华执行3组"]
    assert sorted(names, key=natural_key) == [
        "秀英执行1组",
        "秀英执行2组",
        "秀英执行10组",
        "龙华执行3组",
    ]


@pytest.mark.django_db
def test_team_choices_in_natural_order(org):
    from django.contrib.auth import get_user_model

    from cases.filtersets import teams_for
    from personnel.models import Team

    bureau = Team.objects.filter(bureau__court__code="琼0105").first().bureau
    for n in (10, 2, 1):
        Team.objects.create(name=f"秀英测试{n}组", bureau=bureau)
    user = get_user_model().objects.get(username="xy_director")
    names = [t.name for t in teams_for(user) if t.name.startswith("秀英测试")]
    assert names == ["秀英测试1组", "秀英测试2组", "秀英测试10组"]


# -- downloads ----------------------------------------------------------------


def test_content_disposition_carries_the_utf8_name():
    header = content_disposition("2026年执行工作报告.xlsx")
    assert header.startswith('attachment; filename="download.xlsx"; ')
    encoded = header.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == "2026年执行工作报告.xlsx"
    assert content_disposition("report-琼0105.pdf", inline=True).startswith("inline; ")
    # Nothing that could break out of the header or a path.
    assert '"' not in content_disposition('a"b.pdf').split("filename=", 1)[1][1:-2].split('";')[0]
    assert "/" not in unquote(content_disposition("../../etc/passwd").split("''", 1)[1])
    assert content_disposition("plain.xlsx") == (
        "attachment; filename=\"plain.xlsx\"; filename*=UTF-8''plain.xlsx"
    )


@pytest.mark.django_db
def test_the_inventory_template_downloads_under_its_chinese_name(login):
    response = login("admin").get("/equipment/items/import/template.xlsx")
    assert response.status_code == 200
    header = response["Content-Disposition"]
    assert header.startswith("attachment; ")
    assert unquote(header.split("filename*=UTF-8''", 1)[1]) == "装备清单导入模板.xlsx"
