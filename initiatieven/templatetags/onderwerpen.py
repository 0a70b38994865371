"""Small template helpers for item pages: age in days."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def dagen_sinds(moment) -> int | str:
    """Whole days from ``moment`` (a datetime or date) until today; empty for none."""
    if not moment:
        return ""
    if isinstance(moment, datetime.datetime):
        moment = timezone.localdate(moment)
    return (timezone.localdate() - moment).days
