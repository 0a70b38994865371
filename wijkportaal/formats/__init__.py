"""The portal's one date style, per language (settings.FORMAT_MODULE_PATH).

A date reads "7 december 2026", a moment "7 december 2026, 15:11", in Dutch and English
alike: as the municipality writes to residents, never "07-12-2026 03:11" or "21 dec 2026".
Templates write ``|date`` and ``|date:"DATETIME_FORMAT"``; Python code uses
``wijken.datums``. What a language does not set here comes from Django's own formats.
"""
