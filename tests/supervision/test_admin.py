"""Every supervision and assessment model has an admin whose pages open."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.supervision.populate import populate


@pytest.mark.django_db
def test_every_model_is_in_the_admin_and_its_pages_open(login, org, sup_ref):
    from assessment.reference_data import seed_reference_data

    seed_reference_data()
    populate(rounds=1)
    client = login("admin")
    for label in ("supervision", "assessment"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__.endswith("Event"):
                continue  # the audit trail (pghistory) has its own admin
            assert model in admin.site._registry, model
            opts = model._meta
            changelist = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
            assert changelist.status_code == 200, model
            obj = model._default_manager.order_by("pk").first()
            if obj is not None:
                change = client.get(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
                )
                assert change.status_code == 200, model


@pytest.mark.django_db
def test_a_scoring_sheets_grade_thresholds_are_fields_not_json(login, org, sup_ref):
    """The thresholds ``grade_for`` reads, one labelled field per grade: a value
    over 100 is refused in Chinese and nothing is stored; 95 is stored and grades."""
    from decimal import Decimal

    from supervision.models import ScoringSheet

    sheet = ScoringSheet.objects.order_by("pk").first()
    client = login("zy_leader")
    url = reverse("admin:supervision_scoringsheet_change", args=[sheet.pk])
    page = client.get(url)
    body = page.content.decode()
    assert 'name="grade_bands"' not in body
    assert "评为“优秀”的最低得分率（%）" in body
    data = {
        "name": sheet.name,
        "version": sheet.version,
        "is_active": "on",
        "description": sheet.description,
        "param_excellent": "120",
        "param_good": "80",
        "param_qualified": "60",
    }
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
        for form in formset.formset.initial_forms:
            data.update({form.add_prefix(k): v for k, v in form.initial.items() if v is not None})
            data[form.add_prefix("id")] = form.instance.pk
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "100" in refused.content.decode()
    sheet.refresh_from_db()
    assert sheet.grade_bands.get("excellent") == 90
    data["param_excellent"] = "95"
    saved = client.post(url, data)
    assert saved.status_code == 302, [
        f.formset.errors for f in saved.context["inline_admin_formsets"]
    ]
    sheet.refresh_from_db()
    assert sheet.grade_bands["excellent"] == 95
    assert sheet.grade_for(Decimal("94"), Decimal("100")) == "good"
    # The list reads them in words.
    listed = client.get(reverse("admin:supervision_scoringsheet_changelist"))
    assert "评为“优秀”的最低得分率（%）：95" in listed.content.decode()
