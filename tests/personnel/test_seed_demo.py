import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from haikou_exec.identifiers import validate_resident_id
from personnel.models import Officer
from tests.conftest import DEMO_LOGINS


@pytest.mark.django_db
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
