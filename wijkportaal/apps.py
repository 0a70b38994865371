from django.apps import AppConfig
from django.utils.translation import gettext_noop

#: Django 6.1's label of an empty choice (``django.db.models.fields.BLANK_CHOICE_LABEL``)
#: is missing from Django's Dutch catalogue: listed here, it is in ours, which Django
#: consults first (LOCALE_PATHS), so every select shows it in Dutch.
LEGE_KEUZE = gettext_noop("- Select an option -")


class WijkportaalConfig(AppConfig):
    name = "wijkportaal"
    verbose_name = "Wijkportaal"

    def ready(self):
        # Registers the deploy checks for running on several servers.
        from wijkportaal import checks  # noqa: F401
