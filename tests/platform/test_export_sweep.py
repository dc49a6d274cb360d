"""Every export (PDF, Excel, downloads) as every demo role: a row inside the role's
scope answers 200, one outside it 404, as its page does (issue "Trust" 3).

Export URLs are discovered from the URL configuration by name and route, and each
must be listed in EXPORTS with the model it serves, so a new export cannot be added
without being swept."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.conftest import DEMO_LOGINS
from tests.platform.sweep import allowed, first_object_per_court
from tests.platform.test_permission_sweep import _walk

EXPORT_ROUTE = re.compile(r"(export|download|report\.pdf|\.xlsx|\.csv|print|attachments)")

# url name → (model label, extra URL kwargs per variant); None: not tied to a row.
EXPORTS = {
    "cases:dossier_download": ("cases.DossierFile", [{}]),
    "command_center:attachment_download": ("command_center.FieldRecordAttachment", [{}]),
    "supervision:joint_export": ("supervision.JointInspection", [{"fmt": "xlsx"}, {"fmt": "pdf"}]),
    "assessment:assessment_pdf": ("assessment.BureauAssessment", [{}]),
    "assessment:report_export": ("assessment.MonthlyReport", [{"fmt": "xlsx"}, {"fmt": "pdf"}]),
    "personnel:dutyreport_attachment": ("personnel.DutyReportAttachment", [{}]),
    "equipment:import_template": None,  # the blank import template, no data
}
# Upload forms whose route looks like an export.
NOT_EXPORTS = {"personnel:dutyreport_attach"}


def discover_exports() -> set[str]:
    from django.urls import get_resolver

    found = set()
    for namespace, pattern in _walk(get_resolver().url_patterns):
        route = str(pattern.pattern)
        if namespace.startswith("admin") or not pattern.name:
            continue
        if EXPORT_ROUTE.search(route) or EXPORT_ROUTE.search(pattern.name):
            found.add(f"{namespace}{pattern.name}")
    return found


def test_every_export_is_listed_for_the_sweep():
    found = discover_exports() - NOT_EXPORTS
    assert found == set(EXPORTS), found ^ set(EXPORTS)


def _file_rows():
    """A dossier file and a field-record attachment in two courts, with content."""
    from django.core.files.base import ContentFile

    from cases.models import DossierFile, EnforcementCase
    from command_center.models import FieldRecord, FieldRecordAttachment

    for code in ("琼0105", "琼0106"):
        case = EnforcementCase.objects.filter(court__code=code).order_by("pk").first()
        dossier = DossierFile(
            case=case,
            category="other",
            title="测试材料",
            original_name="材料.pdf",
            content_type="application/pdf",
            size=8,
            sha256="0" * 64,
        )
        dossier.file.save("sweep.pdf", ContentFile(b"%PDF-1.4"), save=False)
        dossier.save()
        record = FieldRecord.objects.filter(court__code=code).order_by("pk").first()
        if record is not None:
            attachment = FieldRecordAttachment(
                record=record,
                title="现场照片",
                original_name="现场.jpg",
                content_type="image/jpeg",
                size=3,
                sha256="1" * 64,
                uploaded_by=get_user_model().objects.get(username="admin"),
            )
            attachment.file.save("sweep.jpg", ContentFile(b"\xff\xd8\xff"), save=False)
            attachment.save()


@pytest.mark.django_db
@pytest.mark.parametrize("role", DEMO_LOGINS)
def test_export_sweep_as_role(role, city, login, settings, tmp_path):
    from django.apps import apps

    settings.MEDIA_ROOT = str(tmp_path)
    _file_rows()
    client = login(role)
    user = get_user_model().objects.get(username=role)
    opened = 0
    for name, spec in EXPORTS.items():
        if spec is None:
            assert client.get(reverse(name)).status_code in (200, 403), name
            continue
        label, variants = spec
        model = apps.get_model(label)
        opts = model._meta
        readable = user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
        visible = set(model._default_manager.restrict(user, "view").values_list("pk", flat=True))

        def in_scope(obj, visible=visible):
            # A row of a court: the role's courts; a row with its own rule (an
            # assessment is seen once published): the page's restriction.
            return allowed(role, obj) if hasattr(obj, "scope_court") else obj.pk in visible

        inside, outside = {}, {}
        for obj in first_object_per_court(model):
            (inside if in_scope(obj) else outside).setdefault("first", obj)
        for obj in (*inside.values(), *outside.values()):
            for extra in variants:
                response = client.get(reverse(name, kwargs={"pk": obj.pk, **extra}))
                expected = (200,) if in_scope(obj) and readable else (404,)
                if label == "assessment.BureauAssessment" and expected == (200,):
                    expected = (200, 403)  # reading assessments is a role of its own
                assert response.status_code in expected, (
                    role,
                    name,
                    extra,
                    obj.pk,
                    getattr(getattr(obj, "scope_court", None), "code", None),
                    response.status_code,
                )
                opened += 1
    assert opened >= 6, opened
