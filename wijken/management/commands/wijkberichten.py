import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from wijken.models import Volger
from wijken.volgen import berichten_versturen

#: The digest stops this long before the run: a change still being saved when the command
#: starts (its moment already set, not yet committed) goes into the next digest instead of
#: being skipped.
MARGE = datetime.timedelta(minutes=1)


class Command(BaseCommand):
    help = (
        "Email every weekly follower of a ward the news since their last email (a week, "
        "when run weekly). Followers without news get nothing. Run it once a week, e.g. "
        "Monday 07:00 from cron (docs/volgen.md). Safe to run again: each email moves the "
        "follower's 'news up to' forward, so nothing is sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count the emails that would be sent; send nothing, change nothing.",
        )
        parser.add_argument(
            "--direct",
            action="store_true",
            help=(
                "Also catch up the followers who chose an email right away (should a "
                "task have been lost)."
            ),
        )

    def handle(self, *args, dry_run=False, direct=False, **options):
        tot = timezone.now() - MARGE
        soorten = [("weekly", Volger.objects.wekelijks())]
        if direct:
            soorten.append(("immediate", Volger.objects.direct()))
        for naam, volgers in soorten:
            aantal = berichten_versturen(volgers, tot=tot, proef=dry_run)
            werkwoord = "would be sent" if dry_run else "sent"
            self.stdout.write(f"{naam.capitalize()} followers: {aantal} email(s) {werkwoord}.")
