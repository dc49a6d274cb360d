"""The electronic dossier (电子卷宗) and the documents generated into it."""

import re

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.choices import DocumentKind, DossierCategory
from courts.access import CourtScoped

# The file names the services give the documents they generate.
GENERATED_NAME = re.compile(r"^[a-z_]+-.+\.pdf$")


def dossier_upload_path(instance, filename: str) -> str:
    # Stored under a random name: the user's file name never touches the disk path.
    return f"dossier/{instance.case_id}/{instance.sha256[:2]}/{instance.sha256}"


@pghistory.track(exclude=["file"])
class DossierFile(CourtScoped):
    access_court_path = "case__court"

    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="dossier_files",
    )
    category = models.CharField(_("category"), max_length=20, choices=DossierCategory.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=dossier_upload_path, max_length=300)
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(_("content type (sniffed)"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dossier file")
        verbose_name_plural = _("dossier files")
        ordering = ["category", "uploaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "sha256"], name="dossier_file_once_per_case")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:dossier_download", kwargs={"pk": self.pk})

    @property
    def shown_file_name(self) -> str:
        """The name an uploaded file came with; a generated document's
        ("enforcement_notice-12.pdf", "…-（2026）琼0105执1号.pdf") says nothing its title does not."""
        return "" if GENERATED_NAME.match(self.original_name) else self.original_name

    @property
    def previewable(self) -> bool:
        return self.content_type == "application/pdf" or self.content_type.startswith("image/")


@pghistory.track()
class GeneratedDocument(CourtScoped):
    access_court_path = "case__court"

    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    kind = models.CharField(_("document"), max_length=40, choices=DocumentKind.choices)
    dossier_file = models.OneToOneField(
        DossierFile, verbose_name=_("file"), on_delete=models.PROTECT, related_name="document"
    )
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    generated_at = models.DateTimeField(_("generated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["-generated_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.case}"
