"""Small template helpers for item pages: age in days, and in words; a status's colour."""

import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from initiatieven.workflow import TOESTANDEN

register = template.Library()


@register.filter
def statuskleur(status: str) -> str:
    """The Bootstrap colour of a status badge, as the workflow declares it."""
    toestand = TOESTANDEN.get(status)
    return toestand.kleur if toestand else "primary"


@register.filter
def dagen_sinds(moment) -> int | str:
    """Whole days from ``moment`` (a datetime or date) until today; empty for none."""
    if not moment:
        return ""
    if isinstance(moment, datetime.datetime):
        moment = timezone.localdate(moment)
    return (timezone.localdate() - moment).days


@register.filter
def dagen_geleden(moment) -> str:
    """How long ago ``moment`` (a datetime or date) was, in words: "today", "yesterday",
    "3 days ago"; empty for none. Never "0 days ago"."""
    dagen = dagen_sinds(moment)
    if dagen == "":
        return ""
    if dagen <= 0:
        return gettext("today")
    if dagen == 1:
        return gettext("yesterday")
    return ngettext("%(dagen)d day ago", "%(dagen)d days ago", dagen) % {"dagen": dagen}
