"""Raising a request to move a case between courts (DOMAIN.md §3): never to the
same court, one open request per case, raised by leadership or supervision and
decided only by the intermediate bureau's leadership."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cases.models import TransferRequest
from cases.services.transfers import decide_transfer, raise_transfer_request
from tests.cases.helpers import _media_root as _media_root  # noqa: F401 (fixture)
from tests.cases.helpers import raise_cross


@pytest.mark.django_db
def test_a_transfer_to_the_same_court_is_refused(xy_case, user):
    with pytest.raises(ValidationError) as exc:
        raise_cross(user, xy_case, to="琼0105")
    assert "a transfer must go to another court" in str(exc.value)
    assert "target_court" in exc.value.message_dict
    assert not TransferRequest.objects.exists()


@pytest.mark.django_db
def test_a_second_open_request_for_the_same_case_is_refused(xy_case, user):
    first = raise_cross(user, xy_case)
    with pytest.raises(ValidationError) as exc:
        raise_transfer_request(
            user=user("zy_leader"),
            case_id=xy_case.pk,
            kind="elevated",
            reason_category="difficulty",
            reason="案情复杂，中院提级执行。",
        )
    assert exc.value.code == "duplicate"
    assert "already has an open transfer request" in exc.value.messages[0]
    assert list(TransferRequest.objects.values_list("pk", flat=True)) == [first.pk]
    # Once decided, a new request may be raised.
    decide_transfer(user=user("zy_leader"), request_id=first.pk, approve=False, opinion="不予准许")
    again = raise_cross(user, xy_case, kind="designated")
    assert again.status == "pending"


@pytest.mark.django_db
def test_only_leadership_or_supervision_raise_and_only_the_intermediate_bureau_decides(
    xy_case, user
):
    with pytest.raises(ValidationError):
        raise_transfer_request(
            user=user("xy_judge"),
            case_id=xy_case.pk,
            kind="elevated",
            reason_category="difficulty",
            reason="—",
        )
    by_supervision = raise_transfer_request(
        user=user("supervisor"),
        case_id=xy_case.pk,
        kind="elevated",
        reason_category="negative_execution",
        reason="督查发现长期未采取措施。",
    )
    assert by_supervision.source == "supervision"
    assert by_supervision.target_court.code == "琼01"  # elevation goes to the intermediate court
    with pytest.raises(ValidationError) as exc:
        decide_transfer(
            user=user("xy_director"), request_id=by_supervision.pk, approve=True, opinion="同意"
        )
    assert "intermediate bureau's leadership" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        decide_transfer(
            user=user("zy_leader"), request_id=by_supervision.pk, approve=True, opinion=" "
        )
    assert "opinion" in exc.value.message_dict
