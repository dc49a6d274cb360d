import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.browser.test_login_and_language import log_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_shot(page, live_server, org, settings, tmp_path):
    from cases.services.assignment import assign_case
    from cases.services.dossier import add_dossier_file
    from personnel.models import Team
    from tests.cases.conftest import file_on_its_day, filing_data

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": str(tmp_path)}},
    }
    User = get_user_model()
    judge = User.objects.get(username="xy_judge")
    case = file_on_its_day(judge, filing_data(filed_on=dt.date(2026, 11, 2)))
    with time_machine.travel(dt.datetime(2026, 11, 3, 10, tzinfo=ZoneInfo("Asia/Shanghai"))):
        assign_case(
            user=User.objects.get(username="xy_director"),
            case_id=case.pk,
            team_id=Team.objects.get(memberships__officer__user__username="xy_judge").pk,
            reason="分案",
        )
        for name, cat in (("民事判决书.pdf", "title"), ("财产线索.pdf", "property")):
            add_dossier_file(
                user=judge,
                case_id=case.pk,
                upload=SimpleUploadedFile(name, b"%PDF-1.4\n" + name.encode() + b"\n%%EOF\n"),
                category=cat,
                title=name[:-4],
            )
    log_in(page, live_server, "xy_judge")
    page.wait_for_selector("#home-title")
    page.goto(f"{live_server.url}/cases/{case.pk}/commission/")
    page.fill("input[name=other_court]", "广州市天河区人民法院")
    page.fill("input[name=letter_number]", "（2026）琼0105执委1号")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path="/tmp/lawb/commission.png", full_page=True)
    page.goto(f"{live_server.url}/cases/commissions/receive/")
    page.screenshot(path="/tmp/lawb/receive.png", full_page=True)
