"""Issue 17 finding 11 (委托执行, DOMAIN.md §2 "Commissioned execution"): the
handling judge commissions a court outside Haikou from the case page — the case is
sent with its documents (the title of execution at least), closed 终结执行 (委托),
and the commissioned court's dates to file (7 days, assumed), start (15) and
report (30) are kept; a commission received from outside is filed as 执 with its
origin recorded, and its 15/30-day limits open as process nodes."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import formats

from cases.models import CaseNode, Commission, EnforcementCase
from cases.services.dossier import add_dossier_file
from haikou_exec.identifiers import make_resident_id
from tests.conftest import english

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def _at(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(10), tzinfo=SHANGHAI), tick=False)


def _file(judge, case, name: str, category: str, body: bytes):
    record, _new = add_dossier_file(
        user=judge,
        case_id=case.pk,
        upload=SimpleUploadedFile(name, b"%PDF-1.4\n" + body + b"\n%%EOF\n"),
        category=category,
        title=name,
    )
    return record


@pytest.mark.django_db
def test_commissioning_a_court_outside_haikou(xy_case, user, login):
    judge = user("xy_judge")
    with _at(dt.date(2026, 4, 1)):
        title = _file(judge, xy_case, "判决书.pdf", "title", b"1 0 obj <<>> endobj")
        clues = _file(judge, xy_case, "财产线索.pdf", "property", b"2 0 obj <<>> endobj")
    client = english(login("xy_judge"))
    url = f"/cases/{xy_case.pk}/commission/"
    assert url in client.get(f"/cases/{xy_case.pk}/").content.decode()
    form = {
        "other_court": "广州市天河区人民法院",
        "letter_number": "（2026）琼0105执委1号",
        "sent_on": "2026-04-01",
        "documents": [clues.pk],
    }
    with _at(dt.date(2026, 4, 1)):
        inside = client.post(url, {**form, "other_court": "海口市龙华区人民法院"})
        assert "not by commission" in inside.content.decode()
        no_title = client.post(url, form)
        assert "include the title of execution" in no_title.content.decode()
        assert not Commission.objects.exists()
        sent = client.post(url, {**form, "documents": [title.pk, clues.pk]})
    assert sent.status_code == 302
    xy_case.refresh_from_db()
    assert (xy_case.status, xy_case.closing_type, xy_case.termination_reason) == (
        "closed",
        "terminated",
        "commissioned",
    )
    commission = Commission.objects.get(case=xy_case)
    assert commission.direction == "outgoing"
    assert set(commission.documents.values_list("pk", flat=True)) == {title.pk, clues.pk}
    assert (commission.file_by, commission.start_by, commission.report_by) == (
        dt.date(2026, 4, 8),
        dt.date(2026, 4, 16),
        dt.date(2026, 5, 1),
    )
    page = client.get(f"/cases/{xy_case.pk}/").content.decode()
    sent_on = formats.date_format(dt.date(2026, 5, 1), "DATE_FORMAT")  # as the page shows it
    assert "广州市天河区人民法院" in page and sent_on in page
    with _at(dt.date(2026, 4, 28)):
        reported = client.post(
            f"/cases/{xy_case.pk}/commissions/{commission.pk}/report/",
            {
                "reported_on": "2026-04-28",
                "report": "已立案执行，冻结被执行人存款12万元。",
                "other_case_number": "（2026）粤0106执3301号",
            },
        )
    assert reported.status_code == 302
    commission.refresh_from_db()
    assert commission.status == "reported" and commission.other_case_number.endswith("3301号")


@pytest.mark.django_db
def test_receiving_a_commission_files_a_case_with_its_origin_and_limits(org, user, login):
    client = english(login("xy_judge"))
    form = {
        "case_type": "执",
        "origin": "civil",
        "filed_on": "2026-05-06",
        "title_issuer": "三亚市城郊人民法院",
        "title_document_number": "（2025）琼0271民初2233号",
        "title_effective_on": "2026-01-10",
        "cause": "买卖合同纠纷",
        "amount_claimed": "86000.00",
        "applicant_kind": "natural",
        "applicant_name": "陈小燕",
        "applicant_id_number": make_resident_id(random.Random(41)),
        "respondent_kind": "legal",
        "respondent_name": "海口南港物流有限公司",
        "respondent_id_number": "",
        "respondent_nature": "private",
        "commissioning_court": "三亚市城郊人民法院",
        "commissioning_case_number": "（2026）琼0271执588号",
        "letter_number": "（2026）琼0271执588号之一",
    }
    with _at(dt.date(2026, 5, 6)):
        assert "commissioning_court" in client.get("/cases/commissions/receive/").content.decode()
        local = client.post(
            "/cases/commissions/receive/", {**form, "commissioning_court": "海口市中级人民法院"}
        )
        assert local.status_code == 200 and not EnforcementCase.objects.exists()
        response = client.post("/cases/commissions/receive/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    case = EnforcementCase.objects.get()
    assert (case.case_type, case.court.code, case.filed_on) == ("执", "琼0105", dt.date(2026, 5, 6))
    commission = Commission.objects.get(case=case)
    assert (commission.direction, commission.other_court, commission.other_case_number) == (
        "incoming",
        "三亚市城郊人民法院",
        "（2026）琼0271执588号",
    )
    nodes = dict(
        CaseNode.objects.filter(case=case, definition__code__startswith="commission_").values_list(
            "definition__code", "due_on"
        )
    )
    assert nodes == {
        "commission_start": dt.date(2026, 5, 21),
        "commission_report": dt.date(2026, 6, 5),
    }
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "三亚市城郊人民法院" in page and "（2026）琼0271执588号" in page
    # The director assigns it to the judge's team, which reports.
    from cases.services.assignment import assign_case
    from personnel.models import Team

    with _at(dt.date(2026, 5, 7)):
        assign_case(
            user=user("xy_director"),
            case_id=case.pk,
            team_id=Team.objects.get(memberships__officer__user__username="xy_judge").pk,
            reason="受托执行分案",
        )
    with _at(dt.date(2026, 6, 1)):
        client.post(
            f"/cases/{case.pk}/commissions/{commission.pk}/report/",
            {"reported_on": "2026-06-01", "report": "已书面函告委托法院执行情况。"},
        )
    assert set(
        CaseNode.objects.filter(case=case, definition__code__startswith="commission_").values_list(
            "status", flat=True
        )
    ) == {"done"}


def _commissioned(case, judge, day=dt.date(2026, 4, 1)):
    from cases.services.commission import commission_case

    with _at(day):
        title = _file(judge, case, "判决书.pdf", "title", b"1 0 obj <<>> endobj")
        return commission_case(
            user=judge,
            case_id=case.pk,
            other_court="广州市天河区人民法院",
            letter_number="（2026）琼0105执委1号",
            sent_on=day,
            documents=[title.pk],
        )


@pytest.mark.django_db
def test_a_returned_commission_is_resumed_here_as_zhihui(xy_case, user, login):
    """法发〔2014〕26号 第六条第四项: a case closed by commission and returned by the
    commissioned court is resumed by 执恢, its origin the commissioned case; not
    before (the commissioned court executes it), and once."""
    from django.core.exceptions import ValidationError

    from cases.services import closing

    judge = user("xy_judge")
    commission = _commissioned(xy_case, judge)
    with _at(dt.date(2026, 5, 20)), pytest.raises(ValidationError) as err:
        closing.resume_enforcement(
            user=judge, case_id=xy_case.pk, filed_on=dt.date(2026, 5, 20), reason="发现财产"
        )
    assert "广州市天河区人民法院" in " ".join(err.value.messages)
    assert "origin_case" in err.value.message_dict
    client_page = english(login("xy_judge"))
    case_page = client_page.get(f"/cases/{xy_case.pk}/").content.decode()
    url = f"/cases/{xy_case.pk}/commissions/{commission.pk}/take-back/"
    assert url in case_page
    form = {
        "kind": "returned",
        "taken_back_on": "2026-05-18",
        "letter_number": "（2026）粤0106执退1号",
        "reason": "委托不当：被执行人在天河区无可供执行财产",
    }
    # A clerk prepares, the judge decides.
    with _at(dt.date(2026, 5, 20)):
        clerk = english(login("xy_clerk")).post(url, form)
        assert (
            clerk.status_code in (200, 403)
            and not EnforcementCase.objects.filter(origin_case=xy_case).exists()
        )
        response = client_page.post(url, form)
    assert response.status_code == 302, response.content.decode()[-2000:]
    resumed = EnforcementCase.objects.get(origin_case=xy_case)
    assert response["Location"] == resumed.get_absolute_url()
    assert (resumed.case_type, resumed.court_id, resumed.filed_on) == (
        "执恢",
        xy_case.court_id,
        dt.date(2026, 5, 20),
    )
    assert resumed.amount_claimed == xy_case.amount_claimed - xy_case.amount_recovered
    commission.refresh_from_db()
    assert (commission.status, commission.taken_back_on, commission.take_back_letter) == (
        "returned",
        dt.date(2026, 5, 18),
        "（2026）粤0106执退1号",
    )
    shown = client_page.get(f"/cases/{xy_case.pk}/").content.decode()
    assert "委托不当" in shown and url not in shown
    with _at(dt.date(2026, 5, 21)):
        again = client_page.post(url, form)
    assert again.status_code == 200 and "already taken back" in again.content.decode()
    assert EnforcementCase.objects.filter(origin_case=xy_case).count() == 1


@pytest.mark.django_db
def test_a_commission_is_withdrawn_only_before_the_other_court_files(xy_case, user, login):
    judge = user("xy_judge")
    commission = _commissioned(xy_case, judge)
    client = login("xy_judge")
    url = f"/api/v1/commissions/{commission.pk}/take-back/"
    body = {
        "kind": "withdrawn",
        "taken_back_on": "2026-05-06",
        "letter_number": "（2026）琼0105执委1号之一",
        "reason": "被执行人已将财产转回海口",
    }
    with _at(dt.date(2026, 4, 28)):
        client.post(
            f"/api/v1/commissions/{commission.pk}/report/",
            {
                "reported_on": "2026-04-28",
                "report": "已立案执行。",
                "other_case_number": "（2026）粤0106执3301号",
            },
            content_type="application/json",
        )
    with _at(dt.date(2026, 5, 6)):
        refused = client.post(url, body, content_type="application/json")
        assert refused.status_code == 400 and "kind" in refused.json()
        assert login("lh_judge").post(url, body, content_type="application/json").status_code == 404
        returned = client.post(url, {**body, "kind": "returned"}, content_type="application/json")
        again = client.post(url, {**body, "kind": "returned"}, content_type="application/json")
    assert returned.status_code == 201, returned.content.decode()
    resumed = EnforcementCase.objects.get(origin_case=xy_case)
    assert returned.json()["resumed_case"] == resumed.case_number
    assert returned.json()["commission"]["status"] == "returned"
    assert again.status_code == 409


@pytest.mark.django_db
def test_a_commission_not_yet_filed_there_is_withdrawn(xy_case, user, login):
    judge = user("xy_judge")
    commission = _commissioned(xy_case, judge)
    with _at(dt.date(2026, 4, 3)):
        response = login("xy_judge").post(
            f"/api/v1/commissions/{commission.pk}/take-back/",
            {
                "kind": "withdrawn",
                "taken_back_on": "2026-04-03",
                "letter_number": "（2026）琼0105执委1号之一",
                "reason": "委托不当：财产在海口已查封",
            },
            content_type="application/json",
        )
    assert response.status_code == 201, response.content.decode()
    commission.refresh_from_db()
    assert commission.status == "withdrawn"
    assert EnforcementCase.objects.get(origin_case=xy_case).case_type == "执恢"
