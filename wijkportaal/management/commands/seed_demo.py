from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wijkportaal import demo


class Command(BaseCommand):
    help = "Seed the fictional demo municipality (demo mode only; safe to run again)."

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
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
