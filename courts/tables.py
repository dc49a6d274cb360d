import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from courts.models import Bureau, Court


def court_row_attrs(court_getter):
    """Every row says which court it belongs to (the permission sweep reads this)."""
    return {"data-court": lambda record: court_getter(record).code}


class CourtTable(tables.Table):
    name = tables.Column(linkify=True)
    officer_count = tables.Column(verbose_name=_("Officers in service"), orderable=False)

    class Meta:
        model = Court
        fields = ("name", "code", "tier", "parent", "officer_count")
        row_attrs = court_row_attrs(lambda c: c)


class BureauTable(tables.Table):
    name = tables.Column(linkify=True)
    officer_count = tables.Column(verbose_name=_("Officers in service"), orderable=False)

    class Meta:
        model = Bureau
        fields = ("name", "court", "kind", "business_superior", "management_court", "officer_count")
        row_attrs = court_row_attrs(lambda b: b.court)
