"""Dates and moments in the portal's one style, for text written in Python.

A date reads "7 december 2026", a moment "7 december 2026, 15:11" (the formats module
``wijkportaal.formats`` sets them per language). Templates write ``|date`` and
``|date:"DATETIME_FORMAT"``; Python code calls these, never ``strftime``. Here, in the
lowest app, so that every app may use them.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format


def datum(waarde: datetime.date) -> str:
    """A date (or the local date of a moment) in the portal's style."""
    if isinstance(waarde, datetime.datetime) and timezone.is_aware(waarde):
        waarde = timezone.localtime(waarde)
    return date_format(waarde, "DATE_FORMAT")


def moment(waarde: datetime.datetime) -> str:
    """A moment, in local time, in the portal's style."""
    if timezone.is_aware(waarde):
        waarde = timezone.localtime(waarde)
    return date_format(waarde, "DATETIME_FORMAT")
