import django_tables2 as tables

from courts.tables import court_row_attrs
from personnel.models import Officer, Team


class OfficerTable(tables.Table):
    name = tables.Column(linkify=True)

    class Meta:
        model = Officer
        fields = ("name", "badge_number", "role", "bureau", "phone", "is_active")
        row_attrs = court_row_attrs(lambda o: o.bureau.court)


class TeamTable(tables.Table):
    name = tables.Column(linkify=True)
    members = tables.TemplateColumn(
        "{% for m in record.current_memberships %}{{ m.get_role_display }}：{{ m.officer.name }}{% if not forloop.last %}，{% endif %}{% endfor %}",
        orderable=False,
    )

    class Meta:
        model = Team
        fields = ("name", "bureau", "members", "is_active")
        row_attrs = court_row_attrs(lambda t: t.bureau.court)
