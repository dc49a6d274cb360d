"""Annual reports of duties (述职, DOMAIN.md §1): a director submits text and
attachments to the intermediate court and the own court's party group; the
intermediate court scores it and the score is kept for the assessment."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from haikou_exec.models import Notification
from personnel.choices import DutyReportStatus
from personnel.models import DutyReport
from personnel.services import save_duty_report, score_duty_report

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
LAST_YEAR = timezone.localdate().year - 1


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path


def user(name):
    return get_user_model().objects.get(username=name)


def docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def test_submission_with_attachments_reaches_both_audiences(org, media):
    report = save_duty_report(
        by=user("xy_director"),
        year=LAST_YEAR,
        text="一、履职情况……",
        attachments=[
            SimpleUploadedFile("述职报告.pdf", PDF, content_type="text/plain"),
            SimpleUploadedFile("附表.docx", docx_bytes(), content_type="application/octet-stream"),
        ],
        submit=True,
    )
    assert report.status == DutyReportStatus.SUBMITTED and report.submitted_at
    assert report.to_intermediate_court and report.to_party_group
    types = sorted(report.attachments.values_list("content_type", flat=True))
    assert types[0] == "application/pdf" and "wordprocessingml" in types[1]
    stored = list(media.rglob("*.pdf"))
    assert len(stored) == 1 and stored[0].read_bytes() == PDF
    assert "述职" not in stored[0].name  # stored under a random name
    assert Notification.objects.filter(recipient__username="zy_leader").exists()
    with pytest.raises(ValidationError):  # a submitted report is final
        save_duty_report(by=user("xy_director"), year=LAST_YEAR, text="改", submit=True)


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("报告.pdf", b"MZ\x90\x00 not a pdf", "not an accepted file"),
        ("照片.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "should end in .png"),
        ("报告.docx", b"PK\x03\x04garbage", "not an accepted file"),
    ],
)
def test_attachments_are_checked_by_content(org, name, content, fragment):
    with translation.override("en"), pytest.raises(ValidationError) as err:
        save_duty_report(
            by=user("xy_director"),
            year=LAST_YEAR,
            text="报告",
            attachments=[SimpleUploadedFile(name, content, content_type="application/pdf")],
        )
    assert fragment in str(err.value)
    assert not DutyReport.objects.exists()  # nothing saved when a file is refused


def test_attachment_size_limit(org, settings):
    settings.PERSONNEL_ATTACHMENT_MAX_BYTES = 100
    with translation.override("en"), pytest.raises(ValidationError) as err:
        save_duty_report(
            by=user("xy_director"),
            year=LAST_YEAR,
            text="报告",
            attachments=[SimpleUploadedFile("a.pdf", PDF + b"0" * 200)],
        )
    assert "the limit is" in str(err.value)


def test_only_a_director_submits(org):
    with pytest.raises(PermissionDenied):
        save_duty_report(by=user("xy_judge"), year=LAST_YEAR, text="报告", submit=True)


def test_the_intermediate_court_scores_and_the_score_is_kept(org):
    report = save_duty_report(by=user("xy_director"), year=LAST_YEAR, text="报告", submit=True)
    for who in ("xy_director", "zy_judge", "lh_judge"):
        with pytest.raises(PermissionDenied):
            score_duty_report(by=user(who), report=report, score=90)
    with pytest.raises(ValidationError):
        score_duty_report(by=user("zy_leader"), report=report, score=101)
    score_duty_report(by=user("zy_leader"), report=report, score="91.5", comment="较好")
    report.refresh_from_db()
    assert report.status == DutyReportStatus.SCORED and report.score == Decimal("91.50")
    assert report.scored_by == user("zy_leader")
    assert Notification.objects.filter(recipient__username="xy_director").exists()


def test_nobody_scores_their_own_report(org):
    report = save_duty_report(by=user("zy_leader"), year=LAST_YEAR, text="报告", submit=True)
    with pytest.raises(PermissionDenied):
        score_duty_report(by=user("zy_leader"), report=report, score=99)


def test_downloads_only_through_the_permission_check(login, org):
    report = save_duty_report(
        by=user("xy_director"),
        year=LAST_YEAR,
        text="报告",
        attachments=[SimpleUploadedFile("述职报告.pdf", PDF)],
        submit=True,
    )
    attachment = report.attachments.get()
    url = f"/people/duty-reports/attachments/{attachment.pk}/"
    ok = login("zy_leader").get(url)
    assert ok.status_code == 200 and b"".join(ok.streaming_content) == PDF
    assert ok["Content-Type"] == "application/pdf"
    assert "attachment" in ok["Content-Disposition"]
    assert login("lh_judge").get(url).status_code == 404
    from django.test import Client

    assert Client().get(url).status_code == 302  # to the login page


def test_the_submission_page_and_the_score_page(login, org):
    client = login("xy_director")
    response = client.post(
        "/people/duty-reports/new/",
        {
            "year": LAST_YEAR,
            "text": "一、履职情况",
            "attachments": [SimpleUploadedFile("报告.pdf", PDF)],
            "submit": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = DutyReport.objects.get()
    assert report.status == DutyReportStatus.SUBMITTED and report.attachments.count() == 1
    scored = login("zy_leader").post(
        f"/people/duty-reports/{report.pk}/score/", {"score": "88", "comment": "好"}
    )
    assert scored.status_code == 302
    assert DutyReport.objects.get().score == Decimal("88.00")
    # A colleague of the same court sees the report, not the score.
    page = login("xy_judge").get(f"/people/duty-reports/{report.pk}/").content.decode()
    assert "一、履职情况" in page and 'id="score"' not in page
    api = login("xy_judge").get(f"/api/v1/duty-reports/{report.pk}/").json()
    assert api["score"] is None and api["court"] == "琼0105"
    assert login("xy_director").get(f"/api/v1/duty-reports/{report.pk}/").json()["score"] == "88.00"
