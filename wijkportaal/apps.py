from django.apps import AppConfig


class WijkportaalConfig(AppConfig):
    name = "wijkportaal"
    verbose_name = "Wijkportaal"
