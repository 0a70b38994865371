"""Daily retention run: what the privacy statement promises to remove, and when.

``manage.py bewaartermijnen`` anonymises the submitter's personal data of items closed
longer than ``BEWAARTERMIJN_AFGESLOTEN_DAGEN`` and deletes resident accounts never
confirmed after ``BEWAARTERMIJN_ONBEVESTIGD_DAGEN`` (see docs/privacy.md). Safe to run
again: a second run finds nothing more to do. ``--dry-run`` only counts.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from initiatieven.bewaartermijnen import onbevestigde_accounts_verwijderen, onderwerpen_anonimiseren
from meedenken.mijngegevens import inbreng_anonimiseren


class Command(BaseCommand):
    help = "Anonymise closed items past their retention period and delete unconfirmed accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be done; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        translation.activate(settings.LANGUAGE_CODE)
        # One moment for both, so a run is consistent whatever its duration.
        nu = timezone.now()
        onderwerpen = onderwerpen_anonimiseren(nu=nu, dry_run=dry_run)
        accounts = onbevestigde_accounts_verwijderen(nu=nu, dry_run=dry_run)
        inbreng = inbreng_anonimiseren(nu=nu, dry_run=dry_run)
        if dry_run:
            self.stdout.write(_("Dry run: nothing was changed."))
        self.stdout.write(
            _(
                "Responses to closed questions anonymised: %(aantal)d "
                "(attachments deleted: %(bijlagen)d)."
            )
            % {"aantal": inbreng.aantal, "bijlagen": inbreng.bijlagen}
        )
        self.stdout.write(
            _("Closed items anonymised: %(aantal)d (attachments deleted: %(bijlagen)d).")
            % {"aantal": onderwerpen.aantal, "bijlagen": onderwerpen.bijlagen}
        )
        self.stdout.write(
            _("Unconfirmed accounts deleted: %(aantal)d (draft attachments deleted: %(bijlagen)d).")
            % {"aantal": accounts.aantal, "bijlagen": accounts.bijlagen}
        )
