"""The kernel, tested once and generically: the action views (haikou_exec.actions),
the transition helper (haikou_exec.states) and the mapping of a service's
ValidationError onto a form or an API answer (haikou_exec.errors). Every app's
action pages and services are these; the apps' own tests show the rules."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory

from courts.access import VIEW
from haikou_exec.actions import ActionView, PostActionView
from haikou_exec.errors import apply_validation_error, validation_error_status
from haikou_exec.states import allows, ensure_allowed, move
from personnel.choices import HANDOVER_TRANSITIONS, HandoverStatus
from personnel.models import Team

# Actions -------------------------------------------------------------------------


class NoteForm(forms.Form):
    note = forms.CharField()


class TeamNoteView(ActionView):
    """A step on a team: read scope, so each court's officers reach their own teams."""

    model = Team
    action = VIEW
    form_class = NoteForm
    template_name = "command_center/form.html"
    success_message = "Noted."
    raises: Exception | None = None
    returns = None

    def perform(self, form):
        if self.raises is not None:
            raise self.raises
        return self.returns


class TeamButtonView(PostActionView):
    model = Team
    action = VIEW
    success_message = "Pressed."
    raises: Exception | None = None

    def perform(self):
        if self.raises is not None:
            raise self.raises


def _request(username: str, method: str = "post", data=None):
    factory = RequestFactory()
    request = getattr(factory, method)("/", data or {})
    request.user = get_user_model().objects.get(username=username)
    request._messages = CookieStorage(request)
    return request


@pytest.fixture
def teams(org):
    from courts.models import Bureau

    own = Team.objects.filter(bureau__court=org["秀英法院"]).first()
    other = Team.objects.create(
        name="kernel test team", bureau=Bureau.objects.filter(court=org["龙华法院"]).first()
    )
    return own, other


@pytest.mark.django_db
def test_action_view_loads_the_object_through_the_restriction(teams):
    own, other = teams
    view = TeamNoteView.as_view()
    response = view(_request("xy_judge", "get"), pk=own.pk)
    assert response.status_code == 200
    assert response.context_data["object"] == own
    assert response.context_data["cancel_url"] == own.get_absolute_url()
    with pytest.raises(Http404):  # another court's team: not in the scope at all
        view(_request("xy_judge", "get"), pk=other.pk)
    with pytest.raises(Http404):  # in sight, but not the user's to change
        TeamNoteView.as_view(action="change")(_request("xy_judge", "get"), pk=own.pk)


@pytest.mark.django_db
def test_action_view_refuses_a_role_that_may_not_take_the_step(teams):
    own, _other = teams
    view = TeamNoteView.as_view(allowed=staticmethod(lambda user: False))
    with pytest.raises(PermissionDenied):
        view(_request("xy_judge", "get"), pk=own.pk)
    view = TeamNoteView.as_view(required_perm="personnel.delete_team")
    with pytest.raises(PermissionDenied):
        view(_request("xy_judge", "get"), pk=own.pk)


@pytest.mark.django_db
def test_action_view_calls_the_service_says_so_and_goes_on(teams):
    own, other = teams
    request = _request("xy_judge", data={"note": "x"})
    response = TeamNoteView.as_view()(request, pk=own.pk)
    assert (response.status_code, response.url) == (302, own.get_absolute_url())
    assert [str(m) for m in get_messages(request)] == ["Noted."]
    # The result's page, when the service made something with one, or a URL.
    response = TeamNoteView.as_view(returns="/elsewhere/")(
        _request("xy_judge", data={"note": "x"}), pk=own.pk
    )
    assert response.url == "/elsewhere/"
    response = TeamNoteView.as_view(returns=other, follow_result=False)(
        _request("xy_judge", data={"note": "x"}), pk=own.pk
    )
    assert response.url == own.get_absolute_url()


@pytest.mark.django_db
def test_action_view_puts_a_refusal_on_the_form(teams):
    own, _other = teams
    refusal = ValidationError({"note": ["Too short."], "elsewhere": ["Not a field here."]})
    response = TeamNoteView.as_view(raises=refusal)(
        _request("xy_judge", data={"note": "x"}), pk=own.pk
    )
    form = response.context_data["form"]
    assert response.status_code == 200
    assert form.errors["note"] == ["Too short."]
    assert form.non_field_errors() == ["Not a field here."]

    denied = PermissionDenied("Not your step.")
    with pytest.raises(PermissionDenied):
        TeamNoteView.as_view(raises=denied)(_request("xy_judge", data={"note": "x"}), pk=own.pk)
    response = TeamNoteView.as_view(raises=denied, denied_on_form=True)(
        _request("xy_judge", data={"note": "x"}), pk=own.pk
    )
    assert response.context_data["form"].non_field_errors() == ["Not your step."]


@pytest.mark.django_db
def test_post_action_view_shows_a_refusal_on_the_object_page(teams):
    own, other = teams
    request = _request("xy_judge")
    response = TeamButtonView.as_view()(request, pk=own.pk)
    assert (response.status_code, response.url) == (302, own.get_absolute_url())
    assert [str(m) for m in get_messages(request)] == ["Pressed."]

    request = _request("xy_judge")
    response = TeamButtonView.as_view(raises=ValidationError("Already done."))(request, pk=own.pk)
    assert (response.status_code, response.url) == (302, own.get_absolute_url())
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [("error", "Already done.")]
    with pytest.raises(Http404):
        TeamButtonView.as_view()(_request("xy_judge"), pk=other.pk)
    assert TeamButtonView.as_view()(_request("xy_judge", "get"), pk=own.pk).status_code == 405


@pytest.mark.django_db
def test_post_action_view_shows_a_denial_as_a_message_only_when_told(teams):
    own, _other = teams
    denied = PermissionDenied("Not yours to press.")
    with pytest.raises(PermissionDenied):
        TeamButtonView.as_view(raises=denied)(_request("xy_judge"), pk=own.pk)
    request = _request("xy_judge")
    response = TeamButtonView.as_view(raises=denied, denied_as_message=True)(request, pk=own.pk)
    assert (response.status_code, response.url) == (302, own.get_absolute_url())
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [
        ("error", "Not yours to press.")
    ]


# Transitions ---------------------------------------------------------------------

TABLE = HANDOVER_TRANSITIONS


class _Row:
    """A row with a real status field's choices (the handover's), never saved."""

    def __init__(self, status):
        from personnel.models import Handover

        self._meta = Handover._meta
        self.status = status
        self.pk = 7


def test_move_follows_the_table():
    row = _Row(HandoverStatus.OPEN)
    assert allows(TABLE, row.status, HandoverStatus.COMPLETED)
    move(row, HandoverStatus.COMPLETED, TABLE)
    assert row.status == HandoverStatus.COMPLETED


def test_move_refuses_a_step_the_table_does_not_allow_and_changes_nothing():
    row = _Row(HandoverStatus.COMPLETED)
    with pytest.raises(ValidationError) as refused:
        move(row, HandoverStatus.CANCELLED, TABLE)
    assert row.status == HandoverStatus.COMPLETED
    assert refused.value.code == "transition"
    assert refused.value.messages == [
        f"This cannot go from “{HandoverStatus.COMPLETED.label}” to “{HandoverStatus.CANCELLED.label}”."
    ]
    # The service's own words and code (a decided request is a conflict: 409).
    with pytest.raises(ValidationError) as refused:
        move(row, HandoverStatus.OPEN, TABLE, message="Already %(status)s.", code="decided")
    assert refused.value.messages == [f"Already {HandoverStatus.COMPLETED.label}."]
    assert validation_error_status(refused.value) == 409
    # An unknown state allows nothing; an internal error for a job's bookkeeping.
    with pytest.raises(RuntimeError, match="row 7"):
        move(
            _Row("gone"), HandoverStatus.OPEN, TABLE, message=lambda r: "row 7", error=RuntimeError
        )


def test_ensure_allowed_checks_without_changing_anything():
    ensure_allowed(TABLE, HandoverStatus.OPEN, HandoverStatus.CANCELLED)
    with pytest.raises(ValidationError) as refused:
        ensure_allowed(
            TABLE, HandoverStatus.CANCELLED, HandoverStatus.OPEN, labels={"cancelled": "Gone"}
        )
    assert refused.value.messages == ["This cannot go from “Gone” to “open”."]


def test_a_refused_step_can_belong_to_the_field_where_the_state_was_chosen():
    """``on_field``: the refusal lands on the form's (or the API's) field, with its code."""
    row = _Row(HandoverStatus.COMPLETED)
    with pytest.raises(ValidationError) as refused:
        move(row, HandoverStatus.OPEN, TABLE, code="decided", on_field="note")
    assert row.status == HandoverStatus.COMPLETED
    assert list(refused.value.message_dict) == ["note"]
    assert validation_error_status(refused.value) == 409
    form = NoteForm(data={"note": "x"})
    assert form.is_valid()
    apply_validation_error(form, refused.value)
    assert form.errors["note"] == [
        f"This cannot go from “{HandoverStatus.COMPLETED.label}” to “{HandoverStatus.OPEN.label}”."
    ]


# Errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (ValidationError("x", code="stale"), 409),
        (ValidationError("x", code="decided"), 409),
        (ValidationError({"number": ValidationError("x", code="duplicate")}), 409),
        (ValidationError([ValidationError("x", code="conflict")]), 409),
        (ValidationError("x", code="transition"), 400),
        (ValidationError("x"), 400),
        (ValidationError({"amount": ["x"]}), 400),
    ],
)
def test_a_refusal_that_collides_with_the_data_is_a_conflict(error, status):
    assert validation_error_status(error) == status


def test_api_answers_a_service_refusal_per_field_with_its_status():
    from haikou_exec.api import exception_handler

    response = exception_handler(
        ValidationError({"amount": ValidationError("Too much.", code="overdraw")}), {}
    )
    assert (response.status_code, response.data) == (400, {"amount": ["Too much."]})
    response = exception_handler(ValidationError("Changed meanwhile.", code="stale"), {})
    assert (response.status_code, response.data) == (
        409,
        {"non_field_errors": ["Changed meanwhile."]},
    )


def test_the_login_lockout_reads_the_client_address_by_the_one_rule(settings):
    """django-axes counts failed logins per client address: the same address the
    audit trail records (haikou_exec.client), not ipware's own proxy rule."""
    from axes.helpers import get_client_ip_address

    from haikou_exec.client import client_ip

    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    settings.TRUSTED_PROXY_COUNT = 1
    assert get_client_ip_address(request) == client_ip(request) == "203.0.113.7"
    settings.TRUSTED_PROXY_COUNT = 0
    assert get_client_ip_address(request) == client_ip(request) == "10.0.0.1"


def test_form_errors_go_on_the_named_field_or_on_top():
    form = NoteForm(data={"note": "x"})
    form.is_valid()
    apply_validation_error(form, ValidationError({"note": ["a"], "__all__": ["b"], "zz": ["c"]}))
    assert form.errors["note"] == ["a"]
    assert form.non_field_errors() == ["b", "c"]
    form = NoteForm(data={"note": "x"})
    form.is_valid()
    apply_validation_error(form, ValidationError(["d", "e"]))
    assert form.non_field_errors() == ["d", "e"]


@pytest.mark.django_db
def test_an_api_404_speaks_the_readers_language_and_names_no_model(client, django_user_model):
    """get_object_or_404 says "No Team matches the given query." in English; an id
    outside the caller's scope is the same 404 (the restriction point)."""
    user = django_user_model.objects.create_user("reader_404", password="x")
    client.force_login(user)
    response = client.get("/api/v1/teams/999999999/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 404
    assert response.json()["detail"] == "未找到，或不在您可查看的范围内。"
    assert "Team" not in response.content.decode()


@pytest.mark.django_db
def test_a_body_that_is_not_json_is_refused_in_the_readers_words(client):
    response = client.post(
        "/api/v1/auth/token/",
        "{username: x",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "请求正文不是合法的 JSON（第 1 行第 2 列）。"}
