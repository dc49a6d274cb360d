from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

PEOPLE_TABS = [
    ("personnel:home", _("Overview")),
    ("personnel:officer_list", _("Officers")),
    ("personnel:position_list", _("Positions")),
    ("personnel:staffing", _("Headcount and quotas")),
    ("personnel:structure", _("Age and knowledge structure")),
    ("personnel:rotation_watch", _("Rotation watch")),
    ("personnel:rotationplan_list", _("Rotation plans")),
    ("personnel:trialexchange_list", _("Exchanges")),
    ("personnel:handover_list", _("Handovers")),
    ("personnel:appointment_list", _("Director appointments")),
    ("personnel:talent_list", _("Talent pool")),
    ("personnel:seminar_list", _("Seminars")),
    ("personnel:research_list", _("Research")),
    ("personnel:secondment_list", _("Secondments")),
    ("personnel:training_list", _("Training")),
    ("personnel:dutyreport_list", _("Reports of duties")),
]


@register.simple_tag
def people_tabs():
    return PEOPLE_TABS


@register.filter
def show(value):
    """A detail value for people: yes/no for booleans, a dash for nothing, dates
    in the user's language, a user by their name."""
    import datetime

    from django.contrib.auth.models import AbstractBaseUser
    from django.utils import formats, timezone

    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, AbstractBaseUser):
        return value.get_full_name() or value.first_name or value.get_username()
    return value
