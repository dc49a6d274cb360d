import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command

from haikou_exec.identifiers import validate_resident_id
from personnel.models import Officer
from tests.conftest import DEMO_LOGINS


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)
def test_seed_demo_is_idempotent_and_has_every_demo_login():
    call_command("seed_demo", "--scale", "small")
    first = Officer.objects.count()
    call_command("seed_demo", "--scale", "small")
    assert Officer.objects.count() == first == 6 * 20 + 0 or first >= 6 * 20
    usernames = set(get_user_model().objects.values_list("username", flat=True))
    assert set(DEMO_LOGINS) <= usernames
    for officer in Officer.objects.all()[:100]:
        validate_resident_id(officer.id_number)
    assert (
        get_user_model().objects.get(username="zy_leader").officer.bureau.name
        == "海口市中级人民法院执行局"
    )
    # The rule workflows (issue 17 finding 11): a 以物抵债 and a 变卖 after two failed
    # auctions, a 委托执行, and supervision cases numbered from the 执监 sequence.
    from cases.models import AssetDisposal, Commission
    from supervision.models import SupervisionCase

    assert set(AssetDisposal.objects.values_list("kind", flat=True)) == {
        "sale",
        "payment_in_kind",
    }
    assert Commission.objects.filter(direction="outgoing", case__status="closed").exists()
    references = list(SupervisionCase.objects.values_list("reference", flat=True))
    assert references and all(re.match(r"^（\d{4}）琼01执监\d+号$", r) for r in references)
    # The law's examples (issue 17): released listings after performance with their
    # documents, a commission received, 执恢 / 执复 / 执监 with their origins, and an
    # approved transfer of each kind, so the transfer list is not empty.
    from cases.models import EnforcementCase, Measure, TransferRequest

    released = Measure.objects.filter(status="released", release_document__isnull=False)
    assert set(released.values_list("kind", flat=True)) == {
        "dishonest_listing",
        "consumption_restriction",
    }
    for measure in released:
        case = measure.case
        assert case.amount_recovered >= case.amount_claimed  # released after performance
        assert measure.release_document.dossier_file.content_type == "application/pdf"
    assert Commission.objects.filter(direction="incoming").exists()
    resumed = EnforcementCase.objects.filter(case_type="执恢", origin_case__isnull=False).first()
    assert resumed and resumed.origin_case.closing_type == "terminated_procedure"
    assert resumed.origin_case.court_id == resumed.court_id
    review = EnforcementCase.objects.filter(case_type="执复", origin_case__isnull=False).first()
    assert review and review.court.code == "琼01" and review.origin_case.case_type == "执异"
    assert EnforcementCase.objects.filter(
        case_type="执监", court__code="琼01", origin_case__isnull=False
    ).exists()
    approved = TransferRequest.objects.filter(status="approved", new_case__isnull=False)
    assert set(approved.values_list("kind", flat=True)) == {"elevated", "cross", "designated"}
    # Every district director has disbursements to decide on a fresh demo (issue 16).
    from cases.models import DisbursementRequest

    waiting = DisbursementRequest.objects.filter(status="pending", reason__startswith="演示")
    assert set(waiting.values_list("case__court__code", flat=True)) == {
        "琼0105",
        "琼0106",
        "琼0107",
        "琼0108",
    }
    # The intermediate court's and the 秀英 president each have an extension to
    # decide, 秀英's a 终本 review too (the small data set gives the intermediate
    # court no open case old enough for one).
    from cases.models import ApplicantInterview, DeadlineExtension

    for code in ("琼01", "琼0105"):
        assert DeadlineExtension.objects.filter(
            status="pending", node__case__court__code=code, reason__startswith="演示"
        ).exists(), code
    assert ApplicantInterview.objects.filter(
        case__court__code="琼0105", collegial_review=True, decided_at__isnull=True
    ).exists()
    # The criminal enforcement bureau has its working day (DOMAIN.md §4): judgments
    # filed centrally and one waiting in intake, a receipt allocated in the legal
    # order, and a prison's 减刑 request with its certificate due — on xs_judge's desk.
    from cases.models import CommutationReview, CriminalJudgment, ReceiptAllocation

    judgments = CriminalJudgment.objects.all()
    assert {j.status for j in judgments} == {"filed", "received"} and judgments.count() == 3
    assert all(j.case.court.code == "琼01" for j in judgments if j.case_id)
    assert ReceiptAllocation.objects.exists()
    review = CommutationReview.objects.get()
    assert review.certificate_issued_on is None and review.case.team_id
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="xs_judge"))
    home = client.get("/").content.decode()
    assert "刑初88号" in home or "琼01执" in home  # his team's criminal cases are listed
    assert "琼01刑更" in home
