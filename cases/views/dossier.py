"""The electronic dossier (电子卷宗) and generated documents: upload, a
permission-checked download with preview, and document generation. Files live
under MEDIA_ROOT, outside the web root, and are only ever served by this view."""

from __future__ import annotations

import mimetypes
import os

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views import View

from cases.choices import DocumentKind
from cases.forms.dossier import DocumentGenerateForm, DossierUploadForm
from cases.models import DossierFile, EnforcementCase
from cases.services import documents, dossier
from cases.views.base import CaseActionView
from courts.access import VIEW
from haikou_exec.downloads import as_download

# Only these are shown inline; anything else is always a download.
PREVIEW_TYPES = (
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/bmp",
)


class DossierUploadView(CaseActionView):
    form_class = DossierUploadForm
    title = _("Add a file to the dossier")

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("category"):
            initial["category"] = self.request.GET["category"]
        return initial

    def perform(self, form):
        d = form.cleaned_data
        record, created = dossier.add_dossier_file(
            user=self.request.user,
            case_id=self.case.pk,
            upload=d["file"],
            category=d["category"],
            title=d["title"],
        )
        if created:
            messages.success(
                self.request,
                _("“%(title)s” added to the dossier (%(type)s).")
                % {
                    "title": record.title,
                    "type": dossier.ALLOWED_TYPES.get(record.content_type, record.content_type),
                },
            )
        else:
            messages.info(
                self.request,
                _(
                    "The same file is already in the dossier as “%(title)s”; it was not stored twice."
                )
                % {"title": record.title},
            )
        return record

    def get_success_url(self):
        return self.case.get_absolute_url() + "#dossier"


def download_name(record: DossierFile) -> str:
    """The stored (neutralised) name, with the extension of what the content
    really is: a PNG uploaded as ``scan.pdf`` downloads as ``scan.pdf.png``."""
    name = record.original_name or "file"
    expected = mimetypes.guess_all_extensions(record.content_type, strict=False)
    ext = os.path.splitext(name)[1].lower()
    if expected and ext not in expected:
        preferred = mimetypes.guess_extension(record.content_type, strict=False) or expected[0]
        name = f"{name}{'.jpg' if preferred in ('.jpe', '.jfif') else preferred}"
    return name


class DossierDownloadView(LoginRequiredMixin, View):
    """Serve one dossier file to a user who may see its case (404 otherwise, like
    every object outside the scope). A download by default; ``?preview=1`` shows
    PDFs and images inline. The content type is the sniffed one and the browser
    is told not to second-guess it."""

    def get(self, request, pk):
        visible_cases = EnforcementCase.objects.restrict(request.user, VIEW).values("pk")
        record = get_object_or_404(DossierFile.objects.filter(case_id__in=visible_cases), pk=pk)
        inline = request.GET.get("preview") == "1" and record.content_type in PREVIEW_TYPES
        try:
            handle = record.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            handle, content_type=record.content_type or "application/octet-stream"
        )
        # RFC 6266 with an ASCII fallback and the UTF-8 name (issue 16).
        as_download(response, download_name(record), inline=inline)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "no-referrer"
        if inline and record.content_type.startswith("image/"):
            # An image shown alone: nothing in it may run or load anything.
            response["Content-Security-Policy"] = (
                "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
            )
        return response


class DocumentGenerateView(CaseActionView):
    """执行通知书, 报告财产令, 限制消费令, 结案通知书: rendered to PDF and saved
    into the dossier."""

    form_class = DocumentGenerateForm
    title = _("Generate a document")

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("kind") in DocumentKind.values:
            initial["kind"] = self.request.GET["kind"]
        return initial

    def perform(self, form):
        document = documents.generate_document(
            user=self.request.user, case_id=self.case.pk, kind=form.cleaned_data["kind"]
        )
        messages.success(
            self.request,
            _("%(document)s generated and saved in the dossier.")
            % {"document": document.get_kind_display()},
        )
        return document

    def get_success_url(self):
        return self.case.get_absolute_url() + "#dossier"
