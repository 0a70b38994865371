from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from wijkportaal import demo

_GEEN_EMAIL = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}


class Command(BaseCommand):
    help = "Seed the fictional demo municipality (demo mode only; safe to run again)."

    def handle(self, *args, **options):
        try:
            # The seed walks items through the workflow like real people would; the emails
            # those steps queue go nowhere (the demo accounts have no real mailboxes).
            with override_settings(MAILERS=_GEEN_EMAIL), transaction.atomic():
                demo.seed(stdout=self.stdout)
        except demo.DemoNietToegestaan as exc:
            raise CommandError(
                "The demo seed creates accounts with a published password and runs only "
                "with DEMO=1 (as `make demo` does)."
            ) from exc
        self.stdout.write(self.style.SUCCESS("Demo municipality ready. Demo accounts:"))
        for email, _naam, rol in demo.DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<28} {rol.label}")
        self.stdout.write(f"  password for all: {demo.DEMO_WACHTWOORD}")
