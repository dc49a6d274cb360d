"""Inspections: the whole follow-up, and photos checked by content and served
only through the permission-checked view."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from equipment.choices import CheckResult, EquipmentCategory, InspectionStatus
from equipment.models import ComplianceScore, EquipmentInspection, InspectionPhoto
from equipment.services.inspections import schedule_inspection
from haikou_exec.models import Notification
from tests.conftest import english
from tests.equipment.factories import make_standard, png_bytes, user


@pytest.fixture
def inspection(courts, today):
    make_standard("district", EquipmentCategory.RECORDER, 10)
    return schedule_inspection(user=user("zy_leader"), court=courts["琼0105"], scheduled_on=today)


@pytest.mark.django_db
def test_schedule_results_rectify_and_follow_up(
    courts, login, today, django_capture_on_commit_callbacks
):
    leader, director = login("zy_leader"), login("xy_director")
    with django_capture_on_commit_callbacks(execute=True):
        response = leader.post(
            reverse("equipment:inspection_schedule"),
            {"court": courts["琼0105"].pk, "scheduled_on": today.isoformat()},
        )
    inspection = EquipmentInspection.objects.get()
    assert response.status_code == 302 and inspection.status == InspectionStatus.SCHEDULED
    assert Notification.objects.filter(recipient__username="xy_director").count() == 1
    lines = list(inspection.check_items.order_by("sort_order"))
    assert len(lines) >= 1
    # The district cannot record results; the intermediate court can.
    url = reverse("equipment:inspection_results", args=[inspection.pk])
    assert director.get(url).status_code == 403
    data = {"conducted_on": today.isoformat(), "summary": "台账与实物不符"}
    for i, line in enumerate(lines):
        data[f"result_{line.pk}"] = CheckResult.FAIL if i == 0 else CheckResult.PASS
    missing_deadline = leader.post(url, data)
    assert missing_deadline.status_code == 200
    assert "rectification_deadline" in missing_deadline.context["form"].errors
    data["rectification_deadline"] = (today + datetime.timedelta(days=30)).isoformat()
    assert leader.post(url, data).status_code == 302
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.RECTIFYING
    assert ComplianceScore.objects.get(court=courts["琼0105"]).inspection == inspection
    # The district reports; another district does not even see the page.
    report = reverse("equipment:rectification_report", args=[inspection.pk])
    assert login("lh_judge").get(report).status_code == 404
    assert login("xy_judge").get(report).status_code == 404
    assert director.post(report, {"note": "已补齐台账"}).status_code == 302
    # Rejected with a new deadline, reported again, accepted.
    review = reverse("equipment:rectification_review", args=[inspection.pk])
    assert director.get(review).status_code == 403
    no_deadline = leader.post(review, {"accepted": "0", "note": "未整改到位"})
    assert "new_deadline" in no_deadline.context["form"].errors
    new_deadline = (today + datetime.timedelta(days=10)).isoformat()
    leader.post(review, {"accepted": "0", "note": "未整改到位", "new_deadline": new_deadline})
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.RECTIFYING
    assert inspection.rectification_deadline.isoformat() == new_deadline
    director.post(report, {"note": "已全部整改"})
    leader.post(review, {"accepted": "1", "note": "整改到位"})
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.CLOSED and inspection.closed_at
    assert [f.kind for f in inspection.follow_ups.order_by("recorded_at")] == [
        "reported",
        "rejected",
        "reported",
        "accepted",
    ]
    page = login("xy_judge").get(inspection.get_absolute_url()).content.decode()
    assert "已全部整改" in page and "整改到位" in page


@pytest.mark.django_db
def test_photo_that_lies_about_its_type_is_refused(inspection, login):
    client = login("zy_leader")
    url = reverse("equipment:inspection_photo_add", args=[inspection.pk])
    lies = [
        SimpleUploadedFile("scene.jpg", b"<?php system($_GET['c']); ?>", content_type="image/jpeg"),
        SimpleUploadedFile("scene.png", b"%PDF-1.4\n%...", content_type="image/png"),
        SimpleUploadedFile("scene.png", png_bytes()[:40], content_type="image/png"),  # truncated
        SimpleUploadedFile(
            "scene.gif", png_bytes(fmt="GIF"), content_type="image/gif"
        ),  # not allowed
    ]
    for upload in lies:
        response = english(client).post(url, {"image": upload, "caption": "现场"})
        assert response.status_code == 200, upload.name
        assert response.context["form"].errors["image"] == [
            "The file is not a JPEG, PNG or WebP picture."
        ]
    assert not InspectionPhoto.objects.exists()
    assert not default_storage.exists(f"equipment/inspections/{inspection.pk}")


@pytest.mark.django_db
def test_real_photo_is_stored_under_our_name_and_served_to_the_scope_only(inspection, login):
    # A real PNG sent with a misleading name and type is a PNG.
    upload = SimpleUploadedFile("report.pdf", png_bytes((40, 30)), content_type="application/pdf")
    response = login("xy_director").post(
        reverse("equipment:inspection_photo_add", args=[inspection.pk]),
        {"image": upload, "caption": "整改后的保管柜"},
    )
    assert response.status_code == 302
    photo = InspectionPhoto.objects.get()
    assert (photo.content_type, photo.width, photo.height) == ("image/png", 40, 30)
    assert photo.image.name.endswith(".png") and "report" not in photo.image.name
    served = login("zy_leader").get(photo.get_absolute_url())
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == png_bytes((40, 30))
    assert login("xy_judge").get(photo.get_absolute_url()).status_code == 200
    assert login("lh_judge").get(photo.get_absolute_url()).status_code == 404
    from django.test import Client

    assert Client().get(photo.get_absolute_url()).status_code == 302
    # A judge may look but not upload.
    assert (
        login("xy_judge")
        .get(reverse("equipment:inspection_photo_add", args=[inspection.pk]))
        .status_code
        == 404
    )


@pytest.mark.django_db
def test_api_lists_inspections_with_court_and_schedules_for_leadership_only(
    inspection, login, today
):
    body = login("xy_judge").get("/api/v1/equipment-inspections/").json()
    assert [row["court"] for row in body["results"]] == ["琼0105"]
    assert body["results"][0]["check_items"]
    assert login("lh_judge").get("/api/v1/equipment-inspections/").json()["count"] == 0
    payload = {"court": "琼0106", "scheduled_on": (today + datetime.timedelta(days=3)).isoformat()}
    assert login("xy_director").post("/api/v1/equipment-inspections/", payload).status_code == 403
    created = login("zy_leader").post("/api/v1/equipment-inspections/", payload)
    assert created.status_code == 201 and created.json()["court"] == "琼0106"
    past = {"court": "琼0106", "scheduled_on": "2020-01-01"}
    refused = login("zy_leader").post("/api/v1/equipment-inspections/", past)
    assert refused.status_code == 400 and "scheduled_on" in refused.json()


@pytest.mark.django_db
def test_the_follow_up_through_the_api(inspection, login, today):
    leader, director = login("zy_leader"), login("xy_director")
    base = f"/api/v1/equipment-inspections/{inspection.pk}"
    lines = list(inspection.check_items.order_by("sort_order"))
    results = [{"id": line.pk, "result": "pass"} for line in lines]
    results[0]["result"] = "fail"
    payload = {"conducted_on": today.isoformat(), "results": results}
    # Only the intermediate court records results; a failure needs a deadline.
    assert (
        director.post(f"{base}/results/", payload, content_type="application/json").status_code
        == 403
    )
    missing = leader.post(f"{base}/results/", payload, content_type="application/json")
    assert missing.status_code == 400 and "rectification_deadline" in missing.json()
    payload["rectification_deadline"] = (today + datetime.timedelta(days=20)).isoformat()
    done = leader.post(f"{base}/results/", payload, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "rectifying"
    assert done.json()["check_items"][0]["result"] == "fail"
    # Another district neither reports nor learns the inspection exists.
    other = login("lh_judge").post(
        f"{base}/report-rectification/", {"note": "x"}, content_type="application/json"
    )
    assert other.status_code == 404
    reported = director.post(
        f"{base}/report-rectification/", {"note": "已整改"}, content_type="application/json"
    )
    assert reported.status_code == 200 and reported.json()["status"] == "rectification_reported"
    photo = director.post(
        f"{base}/photos/", {"image": SimpleUploadedFile("a.jpg", png_bytes()), "caption": "整改后"}
    )
    assert photo.status_code == 201 and photo.json()["content_type"] == "image/png"
    lie = director.post(f"{base}/photos/", {"image": SimpleUploadedFile("a.jpg", b"GIF89a-not")})
    assert lie.status_code == 400 and "image" in lie.json()
    accepted = leader.post(
        f"{base}/review-rectification/",
        {"accepted": True, "note": "验收通过"},
        content_type="application/json",
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "closed"
    again = leader.post(f"{base}/cancel/", {"reason": "x"}, content_type="application/json")
    assert again.status_code == 400  # a closed inspection cannot be cancelled
