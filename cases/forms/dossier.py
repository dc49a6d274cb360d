"""Forms of the electronic dossier and the generated documents. The file is
checked by content in the dossier service (type sniffed, size limited, name
neutralised); the form only collects it."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cases.choices import DocumentKind, DossierCategory
from cases.forms.base import CaseForm


class DossierUploadForm(CaseForm):
    category = forms.ChoiceField(choices=DossierCategory.choices, label=_("Category"))
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the file's name."),
    )
    file = forms.FileField(label=_("File"), max_length=200, allow_empty_file=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, images, Word, Excel, PowerPoint, audio or video; at most %(file)s MB (video and audio %(video)s MB). "
            "The type is recognised from the content, not from the name; archives are refused."
        ) % {"file": settings.DOSSIER_MAX_FILE_MB, "video": settings.DOSSIER_MAX_VIDEO_MB}
        self.fields["file"].widget.attrs["accept"] = (
            ".pdf,.jpg,.jpeg,.png,.gif,.webp,.tif,.tiff,.bmp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,"
            ".mp4,.mov,.avi,.mkv,.webm,.mp3,.wav,.m4a"
        )


class DocumentGenerateForm(CaseForm):
    # The release documents are issued by releasing the measure (services.releases).
    kind = forms.ChoiceField(
        choices=[
            (value, label)
            for value, label in DocumentKind.choices
            if value not in (DocumentKind.DISHONEST_REMOVAL, DocumentKind.RESTRICTION_LIFTED)
        ],
        label=_("Document"),
        widget=forms.RadioSelect,
    )
