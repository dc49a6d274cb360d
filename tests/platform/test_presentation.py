"""Language and presentation (issue 16): Chinese whatever the browser asks for,
English only through the switch; numbers, percentages and dates in one form;
natural order of team names; one RFC 6266 Content-Disposition for downloads."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from urllib.parse import unquote

import pytest
import time_machine
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


@pytest.mark.django_db
def test_the_api_speaks_the_language_a_program_asks_for(login):
    client = login("xy_judge")
    refused = client.get("/api/v1/cases/", {"overdue": "abc"}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400 and "yes, no or all" in str(refused.json())
    chinese = client.get("/api/v1/cases/", {"overdue": "abc"})
    assert "请选择" in str(chinese.json())


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


@pytest.mark.parametrize(
    "typed",
    ["2026-12-03", "2026/12/3", "2026.12.03", "2026年12月3日", " 2026 年 12 月 3 日 ", "20261203"],
)
def test_one_date_input_reads_the_forms_people_type(typed):
    from django import forms

    from haikou_exec.widgets import DateInput

    field = forms.DateField()
    assert isinstance(field.widget, DateInput)  # every date field's default
    typed_in = field.widget.value_from_datadict({"on": typed}, {}, "on")
    assert field.clean(typed_in) == dt.date(2026, 12, 3)


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 3, 2, tzinfo=dt.UTC), tick=False)
def test_every_date_field_shows_the_one_form_whatever_the_browser(login):
    """Not ``<input type="date">``, which shows the browser's own format (12/03/2026
    in an English browser): a text input showing 2026-12-03, the form as its
    placeholder. The case forms, a filter, a supervision form and a personnel form."""
    client = login("xy_director")
    with translation.override("zh-hans"):
        for url, name in [
            ("/cases/file/", "filed_on"),
            ("/cases/", "filed_from"),
            ("/equipment/inspections/", "scheduled_after"),
        ]:
            html = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
            tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
            assert tag, (url, name)
            assert 'type="date"' not in tag[0] and 'placeholder="如 2026-12-03"' in tag[0], tag[0]
        filed_on = re.search(
            r'<input[^>]*name="filed_on"[^>]*>', client.get("/cases/file/").content.decode()
        )
        assert 'value="2026-12-03"' in filed_on[0], filed_on[0]


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


def _filename(response) -> str:
    """The UTF-8 name of an RFC 6266 header, checking its form on the way."""
    header = response["Content-Disposition"]
    kind, fallback, encoded = (part.strip() for part in header.split(";"))
    assert kind in ("attachment", "inline"), header
    assert fallback.startswith('filename="') and fallback.isascii(), header
    assert encoded.startswith("filename*=UTF-8''") and encoded.isascii(), header
    return unquote(encoded.removeprefix("filename*=UTF-8''"))


def _duty_report_attachment():
    from django.core.files.base import ContentFile

    from personnel.models import DutyReport, DutyReportAttachment, Officer

    director = Officer.objects.get(user__username="xy_director")
    report = DutyReport.objects.filter(officer=director).first() or DutyReport.objects.create(
        officer=director, bureau=director.bureau, year=2025, text="述职报告"
    )
    attachment = DutyReportAttachment(
        report=report,
        original_name="述职材料.pdf",
        content_type="application/pdf",
        size=8,
        uploaded_by=director.user,
    )
    attachment.file.save("duty.pdf", ContentFile(b"%PDF-1.4"), save=False)
    attachment.save()
    return attachment


# -- action words -------------------------------------------------------------


@pytest.mark.django_db
def test_action_words_on_the_filing_and_case_pages(login, org):
    """立案 files a case (not 文件), a record form saves (保存, not 报送), the way to
    结案 is not a red 关闭, unread notifications are 未读 (not 新建) and a
    re-query round is a 轮次 (not an auction's 拍次) (issue 16)."""
    import re

    import time_machine
    from django.contrib.auth import get_user_model

    from cases.services.assignment import assign_case
    from command_center.models import RequeryRound
    from command_center.tables import RequeryRoundTable
    from haikou_exec.models import Notification
    from personnel.models import Team
    from tests.cases.conftest import file_on_its_day, filing_data

    judge = get_user_model().objects.get(username="xy_judge")
    case = file_on_its_day(judge, filing_data(filed_on=dt.date(2026, 3, 2)))
    with time_machine.travel(dt.datetime(2026, 3, 3, 10, tzinfo=dt.UTC), tick=False):
        team = Team.objects.get(
            bureau__court__code="琼0105", memberships__officer__user__username="xy_judge"
        )
        director = get_user_model().objects.get(username="xy_director")
        assign_case(user=director, case_id=case.pk, team_id=team.pk, reason="承办法官专业对口")
        filing = login("xy_clerk").get("/cases/file/").content.decode()
        assert re.search(r'<button type="submit"[^>]*>立案</button>', filing), filing
        assert ">文件</button>" not in filing

        page = login("xy_judge").get(case.get_absolute_url()).content.decode()
        close = re.search(r'<a class="([^"]*)"[^>]*id="close-case">([^<]*)</a>', page)
        assert close and close.group(2) == "结案" and "btn-danger" not in close.group(1)
        assert "关闭" not in page

        form = login("xy_judge").get(f"/cases/{case.pk}/measures/add/").content.decode()
        assert re.search(r'<button type="submit"[^>]*>保存</button>', form), form
        assert "报送" not in form
        closing = login("xy_judge").get(f"/cases/{case.pk}/close/").content.decode()
        assert re.search(r'<button type="submit"[^>]*>结案</button>', closing), closing

        Notification.objects.create(recipient=judge, title="期限将届满", dedup_key="t-1")
        inbox = login("xy_judge").get("/centre/notifications/").content.decode()
        assert "未读" in inbox and "新建" not in inbox

    with translation.override("zh-hans"):
        table = RequeryRoundTable(RequeryRound.objects.none())
        assert str(table.columns["round_number"].header) == "轮次"


# -- figures on the pages ------------------------------------------------------


def test_counts_and_indicator_figures():
    from types import SimpleNamespace

    from cases.templatetags.haikou_format import count, indicator_part, indicator_value

    assert count(1234567) == "1,234,567"
    assert count(Decimal("12345.50")) == "12,345.5"
    assert count(None) == "—"
    amounts = SimpleNamespace(sums_amounts=True, unit="percent")
    cases = SimpleNamespace(sums_amounts=False, unit="percent")
    days = SimpleNamespace(sums_amounts=False, unit="days")
    with translation.override("zh-hans"):
        assert indicator_part(Decimal("1366180350.00"), amounts) == "13.66亿元"
        assert indicator_part(Decimal("12345.00"), cases) == "12,345"
    assert indicator_value(Decimal("43.04"), amounts) == "43.0%"
    assert indicator_value(Decimal("87.5"), days) == "87.5"
    assert indicator_value(None, days) == "—"


@pytest.mark.django_db
def test_amounts_and_rates_on_the_case_page_and_dashboard(login, org):
    """The case page's money with separators; the leadership dashboard's counts
    grouped by three and its rates with one decimal (issue 16)."""
    import re

    import time_machine
    from django.contrib.auth import get_user_model

    from tests.cases.conftest import file_on_its_day, filing_data

    clerk = get_user_model().objects.get(username="xy_judge")
    case = file_on_its_day(clerk, filing_data(filed_on=dt.date(2026, 3, 2), amount="1366180350.00"))
    with time_machine.travel(dt.datetime(2026, 3, 3, 10, tzinfo=dt.UTC), tick=False):
        page = login("xy_director").get(case.get_absolute_url()).content.decode()
        assert "1,366,180,350.00" in page and "1366180350" not in page
        listing = login("xy_director").get("/cases/").content.decode()
        assert "1,366,180,350.00" in listing
        dashboard = login("zy_leader").get("/centre/dashboard/", {"refresh": "1"}).content.decode()
    rates = re.findall(r'data-figure="(?:fully|recovery)_rate"[^>]*>([^<]*)<', dashboard)
    assert rates and all(r == "—" or re.fullmatch(r"\d+\.\d%", r) for r in rates), rates
    # The same fragment with figures in it: one decimal, three-digit groups.
    from django.template.loader import render_to_string

    row = {"court": "秀英", "code": "琼0105", "new": 12345, "fully_rate": Decimal("43.04")}
    row |= {"recovery_rate": Decimal("65"), "links": {}}
    with translation.override("zh-hans"):
        html = render_to_string(
            "command_center/_dashboard_figures.html", {"figures": {"rows": [row], "total": row}}
        )
    assert 'id="total-fully-rate" data-figure="fully_rate" href="">43.0%<' in html
    assert ">65.0%<" in html and ">12,345<" in html and "43.04" not in html.split("<script")[0]
    # The column and the chart's series count cases, as the headline does: named so.
    head = html.split('id="dashboard-table"')[1].split("</thead>")[0]
    assert "节点超期案件" in head and "超期节点" not in head
    assert 'overdue: "节点超期案件"' in html


# Module-scoped `city` data set: keep these tests last in the module.
@pytest.mark.django_db
def test_every_download_carries_its_chinese_name(city, login, settings, tmp_path):
    """Each export and file download (the list of test_export_sweep) sends an RFC 6266
    header whose UTF-8 name is the Chinese one people expect (issue 16)."""
    from assessment.models import BureauAssessment, MonthlyReport
    from cases.models import DossierFile
    from command_center.models import FieldRecordAttachment
    from supervision.models import JointInspection
    from tests.platform.test_export_sweep import EXPORTS, _file_rows

    settings.MEDIA_ROOT = str(tmp_path)
    _file_rows()
    duty = _duty_report_attachment()
    joint = JointInspection.objects.select_related("case").order_by("pk").first()
    report = MonthlyReport.objects.select_related("court").order_by("pk").first()
    assessment = BureauAssessment.objects.order_by("pk").first()
    dossier = DossierFile.objects.filter(original_name="材料.pdf").first()
    photo = FieldRecordAttachment.objects.filter(original_name="现场.jpg").first()
    assert joint and report and assessment and dossier and photo
    period = f"{report.year}年{report.month}月"
    expected = [
        (
            "supervisor",
            f"/supervision/joint/{joint.pk}/export/xlsx/",
            f"一案双查-{joint.case.case_number}.xlsx",
        ),
        (
            "supervisor",
            f"/supervision/joint/{joint.pk}/export/pdf/",
            f"一案双查-{joint.case.case_number}.pdf",
        ),
        (
            "zy_leader",
            f"/assessment/reports/{report.pk}/export/xlsx/",
            f"{report.court.short_name}{period}执行工作月报.xlsx",
        ),
        (
            "zy_leader",
            f"/assessment/reports/{report.pk}/export/pdf/",
            f"{report.court.short_name}{period}执行工作月报.pdf",
        ),
        (
            "zy_leader",
            f"/assessment/assessments/{assessment.pk}/report.pdf",
            f"{assessment.year}年度执行局考核-{assessment.as_of:%Y%m%d}.pdf",
        ),
        ("admin", dossier.get_absolute_url(), "材料.pdf"),
        ("admin", photo.get_absolute_url(), "现场.jpg"),
        ("zy_leader", duty.get_absolute_url(), "述职材料.pdf"),
        ("admin", "/equipment/items/import/template.xlsx", "装备清单导入模板.xlsx"),
    ]
    assert len(expected) >= sum(len(spec[1]) if spec else 1 for spec in EXPORTS.values())
    for role, url, name in expected:
        response = login(role).get(url)
        assert response.status_code == 200, (role, url, response.status_code)
        assert response["Content-Disposition"].startswith("attachment; "), url
        assert _filename(response) == name, url
    # A dossier PDF previewed in the browser: inline, same name.
    preview = login("admin").get(dossier.get_absolute_url() + "?preview=1")
    assert preview.status_code == 200
    assert preview["Content-Disposition"].startswith("inline; ")
    assert _filename(preview) == "材料.pdf"


def test_chinese_numbers_are_grouped_by_thousands():
    """Django's zh_Hans formats have no thousands separator: counts read 12345 条."""
    from django.contrib.humanize.templatetags.humanize import intcomma
    from django.utils import formats, translation

    with translation.override("zh-hans"):
        assert intcomma(1366180350) == "1,366,180,350"
        assert formats.number_format(50000, 2, force_grouping=True) == "50,000.00"
        assert formats.number_format(50000, 2) == "50000.00"  # form inputs stay plain
