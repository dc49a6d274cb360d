from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def translate(value):
    """Translate a stored English msgid (evidence labels are stored untranslated)."""
    return gettext(str(value)) if value not in (None, "") else value
