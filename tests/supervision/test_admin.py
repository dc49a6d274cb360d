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
