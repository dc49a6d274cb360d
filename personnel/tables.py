import django_tables2 as tables

from courts.tables import court_row_attrs
from personnel.models import Officer


class OfficerTable(tables.Table):
    name = tables.Column(linkify=True)

    class Meta:
        model = Officer
        fields = ("name", "badge_number", "role", "bureau", "phone", "is_active")
        row_attrs = court_row_attrs(lambda o: o.bureau.court)
