"""The admin obeys the access model (issue "Trust", DESIGN.md "Access").

Every registered ModelAdmin is discovered, so a new one cannot slip through: it
either uses the restricted bases (haikou_exec.admin_site) or is for superusers only.
Then, with a city's data in place, each role's changelists, change pages and
permissions are checked row by row against ``restrict()``; and the holes found by
hand are replayed as HTTP posts (another court's party, case and extension; a
director promoting himself)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from courts.access import CHANGE, VIEW
from haikou_exec.admin_site import (
    RestrictedAdminMixin,
    SuperuserOnlyAdminMixin,
    _RestrictedInlineMixin,
)
from tests.platform.sweep import allowed, first_object_per_court

ADMIN_ROLES = ["xy_director", "xy_admin", "supervisor", "xy_judge"]


def _restrictable(model) -> bool:
    return hasattr(model._default_manager.all(), "restrict")


def _registered():
    return sorted(admin.site._registry.items(), key=lambda kv: kv[0]._meta.label)


def test_every_admin_is_under_the_access_model():
    loose = []
    for model, model_admin in _registered():
        if isinstance(model_admin, SuperuserOnlyAdminMixin):
            # Only models outside the restriction point may be handed to superusers.
            if _restrictable(model):
                loose.append(f"{model._meta.label}: restricted model with a superuser-only admin")
            continue
        if not isinstance(model_admin, RestrictedAdminMixin):
            loose.append(f"{model._meta.label}: {type(model_admin).__name__}")
        for inline in model_admin.inlines:
            if not issubclass(inline, _RestrictedInlineMixin):
                loose.append(f"{model._meta.label} inline {inline.__name__}")
    assert not loose, loose
    # Third-party admins (accounts, tokens, schedules) are superusers' only.
    from django.contrib.auth.models import Group

    assert isinstance(admin.site._registry[get_user_model()], SuperuserOnlyAdminMixin)
    assert isinstance(admin.site._registry[Group], SuperuserOnlyAdminMixin)


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.mark.django_db
@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_admin_reads_and_writes_only_in_scope(role, city, login):
    """For every admin of a restricted model: the changelist queryset is inside
    ``restrict(view)``; for one row per court, the admin's view and change
    permissions agree with ``restrict``; another court's change page is not served
    to a district role; no third-party admin is open below superuser."""
    user = get_user_model().objects.get(username=role)
    request = _request(user)
    client = login(role)
    checked = opened = 0
    for model, model_admin in _registered():
        if not _restrictable(model):
            assert not (
                isinstance(model_admin, SuperuserOnlyAdminMixin)
                and model_admin.has_view_permission(request)
            ), model._meta.label
            continue
        manager = model._default_manager
        visible = set(manager.restrict(user, VIEW).values_list("pk", flat=True))
        changeable = set(manager.restrict(user, CHANGE).values_list("pk", flat=True))
        listed = set(model_admin.get_queryset(request).values_list("pk", flat=True))
        assert listed <= visible, (role, model._meta.label)
        for obj in first_object_per_court(model):
            may_view = model_admin.has_view_permission(request, obj)
            may_change = model_admin.has_change_permission(request, obj)
            assert not may_view or obj.pk in visible, (role, model._meta.label, obj.pk)
            assert not may_change or obj.pk in changeable, (role, model._meta.label, obj.pk)
            assert not model_admin.has_delete_permission(request, obj) or obj.pk in set(
                manager.restrict(user, "delete").values_list("pk", flat=True)
            )
            checked += 1
            if not hasattr(obj, "scope_court"):
                continue  # no court of its own: checked against restrict() above
            if not allowed(role, obj) and model_admin.has_module_permission(request):
                opts = model._meta
                url = f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/"
                response = client.get(url)
                # The admin answers a row outside the queryset by redirecting to its
                # index with "does not exist": the row itself is never shown.
                assert response.status_code in (302, 403, 404), (role, url)
                location = response.get("Location", "")
                # To the admin's index ("does not exist") or, below staff, its login.
                assert location.startswith("/admin/login/") or url not in location, url
                opened += 1
    assert checked > 100
    if role != "supervisor":  # the supervisor sees every court
        assert opened > 20


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["xy_director", "xy_admin"])
def test_changelists_show_only_the_courts_rows(role, city, login):
    client = login(role)
    for path, model in [
        ("/admin/cases/party/", "cases.Party"),
        ("/admin/personnel/officer/", "personnel.Officer"),
        ("/admin/personnel/team/", "personnel.Team"),
    ]:
        from django.apps import apps

        model = apps.get_model(model)
        response = client.get(path)
        if response.status_code == 403:
            continue
        assert response.status_code == 200, (role, path)
        pks = {int(pk) for pk in re.findall(rf"{path}(\d+)/change/", response.content.decode())}
        assert pks, (role, path)
        for obj in model._default_manager.filter(pk__in=pks):
            assert obj.scope_court.code == "琼0105", (role, path, obj.pk)


def _form_data(page) -> dict:
    """What the browser would post back: the admin form's values and each inline's
    management form (no inline rows)."""
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or field.disabled:
            continue
        data[name] = value
    for formset in page.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def _party_of(court_code):
    from cases.models import Party

    return Party.objects.filter(case__court__code=court_code).select_related("case").first()


@pytest.mark.django_db
def test_director_cannot_read_or_rename_another_courts_party(city, login):
    client = login("xy_director")
    party = _party_of("琼0106")
    url = f"/admin/cases/party/{party.pk}/change/"
    response = client.get(url, follow=True)
    assert party.id_number not in response.content.decode()
    response = client.post(url, {"name": "改名测试", "role": party.role, "kind": party.kind})
    party.refresh_from_db()
    assert party.name != "改名测试"
    assert response.status_code in (302, 403, 404)


@pytest.mark.django_db
def test_own_courts_party_shows_a_masked_id_number(city, login):
    client = login("xy_director")
    party = _party_of("琼0105")
    body = client.get(f"/admin/cases/party/{party.pk}/change/").content.decode()
    assert party.id_number not in body
    assert party.id_number[-4:] in body and "****" in body


@pytest.mark.django_db
def test_director_cannot_edit_another_courts_case_nor_approve_its_extension(city, login):
    from cases.models import DeadlineExtension, EnforcementCase

    client = login("xy_director")
    case = EnforcementCase.objects.filter(court__code="琼0106").first()
    response = client.post(
        f"/admin/cases/enforcementcase/{case.pk}/change/", {"cause": "被改写的案由"}
    )
    assert response.status_code in (302, 403, 404)
    case.refresh_from_db()
    assert case.cause != "被改写的案由"
    extension = DeadlineExtension.objects.filter(node__case__court__code="琼0106").first()
    if extension is not None:
        before = extension.status
        client.post(
            f"/admin/cases/deadlineextension/{extension.pk}/change/",
            {"status": "approved", "days": extension.days, "node": extension.node_id},
        )
        extension.refresh_from_db()
        assert extension.status == before


@pytest.mark.django_db
def test_extension_decisions_are_read_only_in_the_admin(city):
    from cases.models import DeadlineExtension

    request = _request(get_user_model().objects.get(username="xy_director"))
    model_admin = admin.site._registry[DeadlineExtension]
    assert {"status", "decided_by"} <= set(model_admin.get_readonly_fields(request, None))


@pytest.mark.django_db
def test_a_stale_case_edit_is_refused_and_a_save_bumps_the_version(city, login):
    from cases.models import EnforcementCase

    client = login("xy_director")
    case = EnforcementCase.objects.filter(court__code="琼0105").order_by("pk").first()
    url = f"/admin/cases/enforcementcase/{case.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    data = _form_data(page)
    data["cause"] = "民间借贷纠纷（管理端更正）"
    # Someone else saves first.
    EnforcementCase.objects.filter(pk=case.pk).update(version=case.version + 1)
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the message
    assert "他人已修改" in response.content.decode() or "someone else" in (
        response.content.decode().lower()
    )
    case.refresh_from_db()
    assert case.cause != "民间借贷纠纷（管理端更正）"
    # With the current version the save goes through and bumps it.
    data["expected_version"] = case.version
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = EnforcementCase.objects.get(pk=case.pk)
    assert saved.cause == "民间借贷纠纷（管理端更正）"
    assert saved.version == case.version + 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["xy_director", "xy_admin", "xy_judge"])
def test_no_one_changes_their_own_bureau_role_or_account(role, city, login):
    from courts.models import Bureau
    from personnel.models import Officer

    client = login(role)
    me = Officer.objects.select_related("user").get(user__username=role)
    intermediate = Bureau.objects.get(court__code="琼01", kind="enforcement")
    before = (me.bureau_id, me.role, me.user_id, me.is_active)
    url = f"/admin/personnel/officer/{me.pk}/change/"
    client.post(
        url,
        {
            "name": me.name,
            "bureau": intermediate.pk,
            "role": "director",
            "user": get_user_model().objects.get(username="admin").pk,
            "is_active": "on",
            "positions-TOTAL_FORMS": "1",
            "positions-INITIAL_FORMS": "0",
            "positions-MIN_NUM_FORMS": "0",
            "positions-MAX_NUM_FORMS": "1000",
            "positions-0-bureau": intermediate.pk,
            "positions-0-post": "director",
            "positions-0-started_on": "2020-01-01",
        },
    )
    me.refresh_from_db()
    assert (me.bureau_id, me.role, me.user_id, me.is_active) == before
    assert not me.positions.filter(bureau=intermediate).exists()
    # Nor through accounts and groups: those admins are superusers' only.
    assert client.get(f"/admin/auth/user/{me.user_id}/change/").status_code in (302, 403)
    assert client.get("/admin/auth/group/").status_code in (302, 403)
    # Nor through the API (officers are read-only there).
    api = client.patch(
        f"/api/v1/officers/{me.pk}/",
        {"bureau": intermediate.pk, "role": "director"},
        content_type="application/json",
    )
    assert api.status_code in (200, 403, 404, 405)  # 200: bureau and role are read-only
    me.refresh_from_db()
    assert (me.bureau_id, me.role) == before[:2]


@pytest.mark.django_db
def test_no_one_records_a_position_for_themselves(city):
    from django.core.exceptions import PermissionDenied

    from personnel.models import Officer
    from personnel.services.positions import record_position

    director = Officer.objects.select_related("bureau", "user").get(user__username="xy_director")
    with pytest.raises(PermissionDenied):
        record_position(
            by=director.user,
            officer=director,
            bureau=director.bureau,
            post="deputy_director",
            started_on=datetime.date(2020, 1, 1),
        )


@pytest.mark.django_db
def test_autocomplete_lists_only_rows_in_scope(city, login):
    from cases.models import EnforcementCase

    client = login("xy_director")
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "cases",
            "model_name": "party",
            "field_name": "case",
            "term": "执",
        },
    )
    assert response.status_code == 200
    ids = [int(r["id"]) for r in response.json()["results"]]
    assert ids
    courts = set(EnforcementCase.objects.filter(pk__in=ids).values_list("court__code", flat=True))
    assert courts == {"琼0105"}


@pytest.mark.django_db
def test_system_administrator_keeps_the_courts_officers_only(city, login):
    from personnel.models import Officer

    client = login("xy_admin")
    colleague = (
        Officer.objects.filter(bureau__court__code="琼0105")
        .exclude(user__username="xy_admin")
        .first()
    )
    other = Officer.objects.filter(bureau__court__code="琼0106").first()
    url = f"/admin/personnel/officer/{colleague.pk}/change/"
    data = _form_data(client.get(url))
    data["phone"] = "13800000000"
    assert client.post(url, data).status_code == 302
    colleague.refresh_from_db()
    assert colleague.phone == "13800000000"
    response = client.get(f"/admin/personnel/officer/{other.pk}/change/")
    assert response.status_code == 302


@pytest.mark.django_db
def test_deadlines_and_what_moves_them_are_not_edited_in_the_admin(city, login):
    """A director's admin shows their court's deadlines, pauses and extensions, its
    measures, auction rounds and what the 终本 conditions read (findings,
    investigation steps, the applicant's interview), but changes none: a due date
    moves only by the services (a stopped clock, an extension the president
    approved), a seizure's term only by a renewal, an auction's price only within
    its rules, a closing's facts only as recorded on the case page."""
    import datetime as dt

    from cases.models import (
        ApplicantInterview,
        AuctionRound,
        CaseNode,
        ClockPause,
        DeadlineExtension,
        InvestigationStep,
        Measure,
        PropertyFinding,
    )

    client = login("xy_director")
    node = CaseNode.objects.filter(case__court__code="琼0105").order_by("pk").first()
    due = node.due_on
    form = {"due_on": (due + dt.timedelta(days=90)).isoformat(), "base_due_on": "2030-01-01"}
    response = client.post(f"/admin/cases/casenode/{node.pk}/change/", form)
    assert response.status_code == 403
    node.refresh_from_db()
    assert node.due_on == due
    page = client.get(f"/admin/cases/casenode/{node.pk}/change/").content.decode()
    start = node.computation[0]
    assert start["step"] == "start"
    # The computation in words, as the case page reads it, not its JSON.
    day = dt.date.fromisoformat(start["date"])
    counted = f"自{day.year}年{day.month}月{day.day}日{start['event']}起算"
    assert counted in page and '"step"' not in page
    for model in (
        CaseNode,
        ClockPause,
        DeadlineExtension,
        Measure,
        AuctionRound,
        PropertyFinding,
        InvestigationStep,
        ApplicantInterview,
    ):
        model_admin = admin.site._registry[model]
        request = _request(get_user_model().objects.get(username="xy_director"))
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request, None)
        assert not model_admin.has_delete_permission(request, None)
    extension = DeadlineExtension.objects.filter(node__case__court__code="琼0105").first()
    if extension is not None:
        days = extension.days
        client.post(
            f"/admin/cases/deadlineextension/{extension.pk}/change/",
            {"days": days + 30, "node": extension.node_id, "status": extension.status},
        )
        extension.refresh_from_db()
        assert extension.days == days
    measure = Measure.objects.filter(case__court__code="琼0105").order_by("pk").first()
    expires = measure.expires_on
    response = client.post(
        f"/admin/cases/measure/{measure.pk}/change/",
        {"expires_on": "2040-01-01", "description": measure.description, "kind": measure.kind},
    )
    assert response.status_code == 403
    measure.refresh_from_db()
    assert measure.expires_on == expires
    # Nor does an investigation step appear there to meet a 终本 condition.
    steps = InvestigationStep.objects.count()
    response = client.post(
        "/admin/cases/investigationstep/add/",
        {"case": node.case_id, "kind": "field_investigation", "done_on": "2026-06-01"},
    )
    assert response.status_code == 403 and InvestigationStep.objects.count() == steps


@pytest.mark.django_db
def test_a_cases_dates_team_and_closing_are_not_edited_in_the_admin(city, login):
    """A director corrects a case's words in the admin (the cause), not what the
    services keep: its filing date and amount (the clocks and the ledger read
    them), its team (分案, logged), its closing; and no case is filed there."""
    import datetime as dt

    from cases.models import EnforcementCase

    client = login("xy_director")
    case = EnforcementCase.objects.filter(court__code="琼0105").order_by("pk").first()
    url = f"/admin/cases/enforcementcase/{case.pk}/change/"
    data = _form_data(client.get(url))
    data.update(
        cause="买卖合同纠纷（更正）",
        filed_on=(case.filed_on - dt.timedelta(days=200)).isoformat(),
        amount_claimed="1.00",
        team="",
        termination_reason="no_property",
        performance_basis="full",
    )
    assert client.post(url, data).status_code == 302
    saved = EnforcementCase.objects.get(pk=case.pk)
    assert saved.cause == "买卖合同纠纷（更正）"
    for field in (
        "filed_on",
        "amount_claimed",
        "team_id",
        "termination_reason",
        "performance_basis",
        "case_type",
    ):
        assert getattr(saved, field) == getattr(case, field), field
    assert client.get("/admin/cases/enforcementcase/add/").status_code == 403


@pytest.mark.django_db
def test_an_alert_rules_parameters_are_edited_one_field_each_in_the_admin(city, login):
    """Not as JSON typed by hand: the rule's days is a number field, labelled in
    words and held to the same limits as the rule page; a wrong value is refused
    and nothing is stored."""
    from supervision.choices import AlertRuleCode
    from supervision.models import AlertRule

    rule = AlertRule.objects.get(code=AlertRuleCode.PROPERTY_WITHOUT_MEASURE)
    client = login("admin")
    url = f"/admin/supervision/alertrule/{rule.pk}/change/"
    page = client.get(url)
    html = page.content.decode()
    assert 'name="param_days"' in html and 'name="parameters"' not in html
    assert "发现财产后采取控制措施的期限（天）" in html  # labelled in words
    data = _form_data(page)
    before = dict(rule.parameters)
    data["param_days"] = "0"
    refused = client.post(url, data)
    assert refused.status_code == 200 and refused.context["adminform"].form.errors["param_days"]
    rule.refresh_from_db()
    assert rule.parameters == before
    data["param_days"] = "14"
    assert client.post(url, data).status_code == 302
    rule.refresh_from_db()
    assert rule.parameters["days"] == 14
    listing = client.get("/admin/supervision/alertrule/").content.decode()
    assert '{"days"' not in listing and "14" in listing


@pytest.mark.django_db
def test_a_nodes_limit_per_kind_of_title_is_one_field_each_in_the_admin(city, login):
    """The closing node's shorter limit for non-litigation administrative titles (3
    months instead of 6, DOMAIN.md §2) as a number field per kind of title, in the
    node's unit; 0 is refused and nothing stored; a blank field takes the general
    limit (the key is dropped); the deadline service reads what is stored."""
    from cases.models import NodeDefinition

    node = NodeDefinition.objects.get(code="closing")
    client = login("admin")
    url = f"/admin/cases/nodedefinition/{node.pk}/change/"
    page = client.get(url)
    html = page.content.decode()
    assert 'name="origin_limit_overrides"' not in html
    assert "非诉行政执行的期限（个月）" in html
    data = _form_data(page)
    assert data["param_admin_non_litigation"] == 3
    data["param_admin_non_litigation"] = "0"
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["param_admin_non_litigation"]
    node.refresh_from_db()
    assert node.origin_limit_overrides == {"admin_non_litigation": 3}
    data["param_admin_non_litigation"] = "4"
    data["param_arbitration"] = ""
    assert client.post(url, data).status_code == 302
    node.refresh_from_db()
    assert node.origin_limit_overrides == {"admin_non_litigation": 4}
    data["param_admin_non_litigation"] = ""
    assert client.post(url, data).status_code == 302
    node.refresh_from_db()
    assert node.origin_limit_overrides == {}
