# The portal's date style (see wijkportaal/formats/__init__.py); the short formats too,
# so that nothing falls back to Django's "07-12-2026 03:11".
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
