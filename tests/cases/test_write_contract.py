"""One failure contract for writes (issue 15 item 2, courts.access.lock_for): a case
outside the user's scope answers 404, as reads do; a case the user sees but may not
change answers 403 with a message saying why."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cases.services import measures


@pytest.mark.django_db
def test_out_of_scope_is_404_and_seen_but_not_yours_is_403(xy_case, user):
    def add(username):
        return measures.add_measure(
            user=user(username),
            case_id=xy_case.pk,
            kind="consumption_restriction",
            description="限高",
            started_on=xy_case.filed_on,
        )

    with pytest.raises(Http404):
        add("lh_judge")  # another court's case: it does not exist for him
    with pytest.raises(PermissionDenied, match="may see it but not change it"):
        add("supervisor")  # sees every court, changes no case
    assert add("xy_judge").case_id == xy_case.pk  # the handling team
