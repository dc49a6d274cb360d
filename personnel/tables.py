"""Tables of the personnel pages. Every row says its court (``data-court``)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from courts.models import Bureau
from courts.tables import court_row_attrs
from personnel.choices import Post, RotationStatus
from personnel.models import (
    DirectorAppointment,
    DutyReport,
    Handover,
    Officer,
    Position,
    ResearchOutput,
    RotationPlan,
    RotationPolicy,
    Secondment,
    Seminar,
    TalentPoolMember,
    Team,
    Training,
    TrialExchange,
)
from personnel.selectors import STAFFING_POSTS, duration_text, standing_of


class OfficerTable(tables.Table):
    name = tables.Column(linkify=True)
    current_post = tables.Column(verbose_name=_("Current post"), orderable=False)
    age = tables.Column(verbose_name=_("Age"), accessor="birth_date", orderable=True)

    class Meta:
        model = Officer
        fields = (
            "name",
            "badge_number",
            "role",
            "current_post",
            "bureau",
            "age",
            "education",
            "legal_qualification",
            "phone",
            "is_active",
        )
        row_attrs = court_row_attrs(lambda o: o.bureau.court)

    def render_current_post(self, value):
        return Post(value).label if value in Post.values else "—"

    def render_age(self, record):
        return record.age if record.age is not None else "—"

    def order_age(self, queryset, is_descending):
        # Older first when descending means earlier birth dates first.
        return queryset.order_by(("" if is_descending else "-") + "birth_date"), True


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


class PositionTable(tables.Table):
    officer = tables.Column(linkify=lambda record: record.officer.get_absolute_url())
    post = tables.Column(linkify=True)

    class Meta:
        model = Position
        fields = ("officer", "bureau", "post", "is_acting", "started_on", "ended_on", "end_reason")
        row_attrs = court_row_attrs(lambda p: p.bureau.court)


_STATUS_BADGE = {
    RotationStatus.DUE: "danger",
    RotationStatus.COMING_DUE: "warning",
    RotationStatus.NOT_DUE: "secondary",
}


class RotationWatchTable(tables.Table):
    """Current leaders with their consecutive years (from the history)."""

    officer = tables.Column(linkify=lambda record: record.officer.get_absolute_url())
    run_started_on = tables.Column(
        verbose_name=_("Consecutive since"), empty_values=(), orderable=False
    )
    served = tables.Column(verbose_name=_("Served"), empty_values=(), orderable=False)
    due_on = tables.Column(verbose_name=_("Due on"), empty_values=(), orderable=False)
    status = tables.Column(verbose_name=_("Rotation"), empty_values=(), orderable=False)

    class Meta:
        model = Position
        fields = ("officer", "bureau", "post", "is_acting", "started_on")
        sequence = ("officer", "bureau", "post", "is_acting", "started_on", "run_started_on")
        row_attrs = court_row_attrs(lambda p: p.bureau.court)

    def _standing(self, record):
        if not hasattr(self, "_policy"):
            self._policy = RotationPolicy.current()  # once per page, not per row
        cached = getattr(record, "_standing", None)
        if cached is None:
            cached = record._standing = standing_of(record, policy=self._policy)
        return cached

    def render_run_started_on(self, record):
        s = self._standing(record)
        return s.run_started_on if s else "—"

    def render_served(self, record):
        s = self._standing(record)
        return duration_text(s.served) if s else "—"

    def render_due_on(self, record):
        s = self._standing(record)
        return s.due_on if s else "—"

    def render_status(self, record):
        s = self._standing(record)
        if s is None:
            return "—"
        return format_html(
            '<span class="badge text-bg-{}" data-rotation="{}">{}</span>',
            _STATUS_BADGE[s.status],
            s.status,
            RotationStatus(s.status).label,
        )


def _officer_link(bureau_id, post, value, css=""):
    url = reverse("personnel:officer_list") + f"?bureau={bureau_id}&post={post}"
    return format_html('<a class="{}" href="{}">{}</a>', css, url, value)


class PostQuotaColumn(tables.Column):
    """Quota / actual for one post; the actual links to the officers holding it."""

    def __init__(self, post: str, **kwargs):
        self.post = post
        super().__init__(
            verbose_name=_("%(post)s (quota / actual)") % {"post": Post(post).label},
            empty_values=(),
            orderable=False,
            **kwargs,
        )

    def render(self, record):
        quota = getattr(record, f"quota_{self.post}")
        actual = getattr(record, f"actual_{self.post}")
        over = quota is not None and actual > quota
        return format_html(
            "{} / {}",
            "—" if quota is None else quota,
            _officer_link(record.pk, self.post, actual, "text-danger fw-bold" if over else ""),
        )


class StaffingTable(tables.Table):
    """Per bureau: headcount (编制) against officers in service, and per post the
    quota (职数) against current holders; every figure links to the officers."""

    name = tables.Column(verbose_name=_("Bureau"))
    headcount = tables.Column(verbose_name=_("Approved headcount"), orderable=False)
    in_service = tables.Column(verbose_name=_("In service"), orderable=False)
    vacancies = tables.Column(verbose_name=_("Vacancies"), empty_values=(), orderable=False)

    class Meta:
        model = Bureau
        fields = ("name", "court")
        row_attrs = court_row_attrs(lambda b: b.court)

    def __init__(self, *args, **kwargs):
        extra = [(f"post_{post}", PostQuotaColumn(post)) for post in STAFFING_POSTS]
        super().__init__(*args, extra_columns=extra, **kwargs)

    def render_in_service(self, record, value):
        url = reverse("personnel:officer_list") + f"?bureau={record.pk}&is_active=true"
        return format_html('<a href="{}">{}</a>', url, value)

    def render_headcount(self, value):
        return value if value is not None else "—"

    def render_vacancies(self, record):
        if record.headcount is None:
            return "—"
        gap = record.headcount - record.in_service
        return format_html('<span class="{}">{}</span>', "text-danger" if gap < 0 else "", gap)


class RotationPlanTable(tables.Table):
    title = tables.Column(linkify=True)
    item_count = tables.Column(verbose_name=_("Officers"), orderable=False)

    class Meta:
        model = RotationPlan
        fields = ("title", "court", "status", "item_count", "created_by", "created_at")
        row_attrs = court_row_attrs(lambda p: p.court)


class TrialExchangeTable(tables.Table):
    officer = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta:
        model = TrialExchange
        fields = ("officer", "bureau", "direction", "department", "started_on", "ended_on")
        row_attrs = court_row_attrs(lambda e: e.bureau.court)


class HandoverTable(tables.Table):
    officer = tables.Column(linkify=lambda record: record.get_absolute_url())
    item_count = tables.Column(verbose_name=_("Items"), orderable=False)
    open_count = tables.Column(verbose_name=_("Not yet moved"), orderable=False)

    class Meta:
        model = Handover
        fields = ("officer", "bureau", "handover_on", "status", "item_count", "open_count")
        row_attrs = court_row_attrs(lambda h: h.bureau.court)


class AppointmentTable(tables.Table):
    candidate = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta:
        model = DirectorAppointment
        fields = ("candidate", "bureau", "effective_on", "status", "proposed_at", "decided_at")
        row_attrs = court_row_attrs(lambda a: a.bureau.court)


class TalentPoolTable(tables.Table):
    officer = tables.Column(linkify=lambda record: record.get_absolute_url())
    court = tables.Column(
        verbose_name=_("Court"), accessor="officer__bureau__court", orderable=False
    )
    specialties = tables.Column(verbose_name=_("Specialties"), orderable=False, empty_values=())

    class Meta:
        model = TalentPoolMember
        fields = ("officer", "court", "specialties", "joined_on", "left_on")
        row_attrs = court_row_attrs(lambda m: m.officer.bureau.court)

    def render_specialties(self, record):
        return "、".join(s.name for s in record.specialties.all()) or "—"


class SeminarTable(tables.Table):
    topic = tables.Column(linkify=True)
    participant_count = tables.Column(verbose_name=_("Participants"), orderable=False)

    class Meta:
        model = Seminar
        fields = ("topic", "court", "held_on", "participant_count")
        row_attrs = court_row_attrs(lambda s: s.court)


class ResearchOutputTable(tables.Table):
    title = tables.Column(linkify=True)
    authors = tables.Column(verbose_name=_("Authors"), orderable=False, empty_values=())

    class Meta:
        model = ResearchOutput
        fields = ("title", "kind", "court", "authors", "completed_on", "venue")
        row_attrs = court_row_attrs(lambda r: r.court)

    def render_authors(self, record):
        return format_html_join(
            "、",
            '<a href="{}">{}</a>',
            ((a.get_absolute_url(), a.name) for a in record.authors.all()),
        )


class SecondmentTable(tables.Table):
    officer = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta:
        model = Secondment
        fields = ("officer", "home_bureau", "host_bureau", "post", "started_on", "ended_on")
        row_attrs = court_row_attrs(lambda s: s.home_bureau.court)


class TrainingTable(tables.Table):
    title = tables.Column(linkify=True)
    participant_count = tables.Column(verbose_name=_("Participants"), orderable=False)

    class Meta:
        model = Training
        fields = (
            "title",
            "court",
            "organiser",
            "starts_on",
            "ends_on",
            "hours",
            "participant_count",
        )
        row_attrs = court_row_attrs(lambda t: t.court)


class DutyReportTable(tables.Table):
    officer = tables.Column(linkify=lambda record: record.get_absolute_url())
    attachment_count = tables.Column(verbose_name=_("Attachments"), orderable=False)

    class Meta:
        model = DutyReport
        fields = (
            "officer",
            "bureau",
            "year",
            "status",
            "submitted_at",
            "score",
            "attachment_count",
        )
        row_attrs = court_row_attrs(lambda r: r.bureau.court)
