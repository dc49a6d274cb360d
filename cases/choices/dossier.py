"""The electronic dossier (电子卷宗) and the documents the system issues."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierCategory(models.TextChoices):
    FILING = "filing", _("Filing materials")
    TITLE = "title", _("Title of execution")
    PROPERTY = "property", _("Property investigation")
    MEASURES = "measures", _("Measures")
    FUNDS = "funds", _("Case funds")
    DOCUMENTS = "documents", _("Documents issued")
    HEARING = "hearing", _("Interviews and hearings")
    MEDIA = "media", _("Audio and video")
    OTHER = "other", _("Other")


class DocumentKind(models.TextChoices):
    ENFORCEMENT_NOTICE = "enforcement_notice", _("Enforcement notice (执行通知书)")
    PROPERTY_REPORT_ORDER = "property_report_order", _("Property-report order (报告财产令)")
    CONSUMPTION_RESTRICTION_ORDER = (
        "consumption_restriction_order",
        _("Consumption restriction order (限制消费令)"),
    )
    CLOSING_NOTICE = "closing_notice", _("Closing notice (结案通知书)")
    DISHONEST_REMOVAL = (
        "dishonest_removal",
        _("Decision removing the dishonest listing (删除失信信息决定书)"),
    )
    RESTRICTION_LIFTED = (
        "restriction_lifted",
        _("Lifting of the consumption restriction (解除限制消费令)"),
    )
