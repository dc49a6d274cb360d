"""What the admin writes (haikou_exec.admin_site: ``WrittenByServicesAdmin`` and
``EditedInAdmin``).

A record a page writes through its service is only shown in the admin: otherwise a
director with the model's permissions could add a monthly report's submission
marked on time, a property-query answer that never came, a supervision reply
marked not late, or move an affairs task's time limit, past the service that
keeps the rule. The admin keeps only what it is the place for; that list is
reviewed here, so a new editable admin fails this test until someone says why."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.forms.models import model_to_dict
from django.test import RequestFactory

from haikou_exec.admin_site import (
    CourtAdminSite,
    EditedInAdmin,
    RestrictedAdmin,
    SuperuserOnlyAdminMixin,
    WrittenByServicesAdmin,
)

# What the admin is the place to keep, and why (no page writes these).
EDITED_IN_THE_ADMIN = {
    # The organisation and its calendar (DOMAIN.md §1; §2 "Holiday calendar").
    "courts.Court",
    "courts.Bureau",
    "courts.Holiday",
    "courts.CalendarYear",
    # The rules' configuration: node limits, measure terms, time limits, thresholds.
    "cases.NodeDefinition",
    "cases.MeasureTermRule",
    "cases.SuggestionSettings",
    "command_center.TaskTimeLimit",
    "supervision.AlertRule",
    "supervision.ScoringSheet",
    "supervision.ScoringItem",
    "assessment.ReportingRule",
    "equipment.ComplianceWeighting",
    "personnel.RotationPolicy",
    "personnel.Specialty",
    # The registers the system administrator keeps: officers' particulars (their
    # bureau, role and account stay read-only), teams and their members; positions
    # by superusers only (they are recorded on the officer's page).
    "personnel.Officer",
    "personnel.Team",
    "personnel.TeamMembership",
    "personnel.Position",
    # The outside institutions' roster: contact, on it or not, qualifications (each
    # admitted on the roster page).
    "command_center.Institution",
    # A case's words only (title issuer and number, cause); never filed here.
    "cases.EnforcementCase",
}


def _ours():
    for model, model_admin in sorted(
        admin.site._registry.items(), key=lambda kv: kv[0]._meta.label
    ):
        if not isinstance(model_admin, SuperuserOnlyAdminMixin):
            yield model, model_admin


def test_every_admin_of_ours_says_whether_it_writes():
    kinds = {}
    for model, model_admin in _ours():
        assert isinstance(model_admin, (WrittenByServicesAdmin, EditedInAdmin)), model
        if isinstance(model_admin, EditedInAdmin):
            kinds[model._meta.label] = type(model_admin).__name__
    assert set(kinds) == EDITED_IN_THE_ADMIN, set(kinds) ^ EDITED_IN_THE_ADMIN


def test_an_admin_that_does_not_say_is_refused_where_it_is_registered():
    from cases.models import Petition

    site = CourtAdminSite(name="probe")
    with pytest.raises(ImproperlyConfigured, match="WrittenByServicesAdmin"):
        site.register(Petition, type("PetitionAdmin", (RestrictedAdmin,), {}))
    site.register(Petition, type("PetitionAdmin", (WrittenByServicesAdmin,), {}))
    assert Petition in site._registry


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["admin", "zy_leader", "xy_director", "supervisor"])
def test_what_a_page_writes_is_neither_added_changed_nor_deleted_in_the_admin(
    username, city, login
):
    """For every service-written model: the admin grants no write, and a POST to its
    add page and to the change and delete pages of a row changes nothing (403)."""
    user = get_user_model().objects.get(username=username)
    request = RequestFactory().get("/admin/")
    request.user = user
    client = login(username)
    posted = 0
    for model, model_admin in _ours():
        if not isinstance(model_admin, WrittenByServicesAdmin):
            continue
        opts = model._meta
        assert not model_admin.has_add_permission(request), opts.label
        assert not model_admin.has_change_permission(request), opts.label
        assert not model_admin.has_delete_permission(request), opts.label
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        count = model._default_manager.count()
        assert client.post(f"{base}add/", {}).status_code in (302, 403), opts.label
        obj = model_admin.get_queryset(request).order_by("pk").first()
        if obj is not None:
            before = model_to_dict(obj)
            fields = {name: "0" for name, value in before.items() if isinstance(value, (int, str))}
            assert client.post(f"{base}{obj.pk}/change/", fields).status_code == 403, opts.label
            response = client.post(f"{base}{obj.pk}/delete/", {"post": "yes"})
            assert response.status_code == 403, opts.label
            obj.refresh_from_db()
            assert model_to_dict(obj) == before, opts.label
            posted += 1
        assert model._default_manager.count() == count, opts.label
    assert posted > 60 if username in ("admin", "zy_leader", "supervisor") else posted > 40


@pytest.mark.django_db
def test_a_director_reads_what_the_pages_wrote_in_the_admin(city, login):
    """Shown without a save button, and JSON in words: a monthly report's figures by
    their names; other JSON as a link to the record's page, the data folded."""
    import re

    from haikou_exec.admin_json import json_fields

    user = get_user_model().objects.get(username="zy_leader")
    client = login("zy_leader")
    request = RequestFactory().get("/admin/")
    request.user = user
    read = 0
    for model, model_admin in _ours():
        if not json_fields(model) or not isinstance(model_admin, WrittenByServicesAdmin):
            continue
        obj = model_admin.get_queryset(request).order_by("pk").first()
        if obj is None:
            continue
        opts = model._meta
        page = client.get(f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/")
        assert page.status_code == 200, opts.label
        body = page.content.decode()
        assert 'name="_save"' not in body, opts.label
        assert "此处仅供查看" in body, opts.label  # and says where the work is done
        content = body.split('id="content"', 1)[1]
        unfolded = re.sub(r'<details class="json-data">.*?</details>', "", content, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", unfolded)  # what the page says, not its attributes
        assert "{&quot;" not in text and '{"' not in text and "[{" not in text, opts.label
        read += 1
    assert read >= 8
    report = client.get(f"/admin/assessment/monthlyreport/{_report_pk()}/change/")
    body = report.content.decode()
    assert "执行到位率（%）" in body and "rate_recovery" not in body


def _report_pk() -> int:
    from assessment.models import MonthlyReport

    return MonthlyReport.objects.order_by("pk").values_list("pk", flat=True)[0]


@pytest.mark.django_db
def test_the_index_puts_what_the_reader_keeps_here_first(city, login):
    """A court's system administrator keeps officers and teams: those lead the
    index; the registers the pages write follow, folded."""
    body = login("xy_admin").get("/admin/").content.decode()
    kept, shown = body.split('id="content-main"', 1)[1].split('class="admin-index-shown"', 1)
    assert "在此维护" in kept and "仅供查看" in shown
    assert "/admin/personnel/team/" in kept and "/admin/personnel/officer/" in kept
    assert "/admin/personnel/team/" not in shown
    assert "/admin/command_center/affairstask/" in shown
    assert "/admin/command_center/affairstask/" not in kept


def test_an_app_with_both_kinds_is_split_between_the_two_lists():
    from haikou_exec.admin_site import split_by_what_is_kept_here
    from personnel.models import Officer, Position, Team

    def entry(model, add, change):
        return {"model": model, "perms": {"add": add, "change": change, "view": True}}

    team, officer = entry(Team, True, True), entry(Officer, False, True)
    position = entry(Position, False, False)
    kept, shown = split_by_what_is_kept_here(
        [{"name": "队伍管理", "models": [team, position, officer]}], admin.site._registry
    )
    assert kept == [{"name": "队伍管理", "models": [team, officer]}]
    assert shown == [{"name": "队伍管理", "models": [position]}]


@pytest.mark.django_db
def test_records_a_library_offers_to_change_on_a_read_only_form_are_shown(login):
    """Login records (django-axes) say 修改 to a superuser, but nothing on them is
    written here: they follow, folded."""
    body = login("admin").get("/admin/").content.decode()
    kept, shown = body.split('id="content-main"', 1)[1].split('class="admin-index-shown"', 1)
    assert "/admin/axes/accessattempt/" in shown and "/admin/axes/accessattempt/" not in kept
    assert "/admin/auth/user/" in kept and "/admin/courts/holiday/" in kept
