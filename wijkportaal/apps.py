from django.apps import AppConfig


class WijkportaalConfig(AppConfig):
    name = "wijkportaal"
    verbose_name = "Wijkportaal"

    def ready(self):
        # Registers the deploy checks for running on several servers.
        from wijkportaal import checks  # noqa: F401
