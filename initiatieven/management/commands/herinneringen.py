"""Daily reminders: each ward advisor gets one email listing their overdue first
responses and the 'not possible yet' items whose revisit date has come.

Run once a day (cron or a scheduled task): ``manage.py herinneringen``. An advisor with
nothing overdue or due gets no email. Two queries, whatever the number of wards.
"""

from collections import defaultdict

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from initiatieven.models import Onderwerp
from wijken.notificaties import mail_na_commit


def _per_adviseur(queryset) -> dict:
    per = defaultdict(list)
    for onderwerp in queryset.filter(
        wijk__wijkadviseur__isnull=False, wijk__wijkadviseur__is_active=True
    ).select_related("wijk__wijkadviseur", "thema"):
        per[onderwerp.wijk.wijkadviseur].append(onderwerp)
    return per


class Command(BaseCommand):
    help = "Email every ward advisor their overdue first responses and due revisits."

    def handle(self, *args, **options):
        translation.activate(settings.LANGUAGE_CODE)
        te_laat = _per_adviseur(Onderwerp.objects.te_laat().order_by("eerste_reactie_voor"))
        herbezien = _per_adviseur(Onderwerp.objects.te_herbezien().order_by("herbezien_op"))
        verstuurd = 0
        # In one transaction so that mail_na_commit's on_commit hooks fire at its end.
        with transaction.atomic():
            for adviseur in sorted(set(te_laat) | set(herbezien), key=lambda a: a.pk):
                if mail_na_commit(
                    template_basis="initiatieven/email/herinnering",
                    context={
                        "adviseur": adviseur,
                        "te_laat": te_laat.get(adviseur, []),
                        "herbezien": herbezien.get(adviseur, []),
                        "portaal_url": settings.PORTAAL_URL,
                    },
                    onderwerp=lambda: _("Reminder: items in your wards need you"),
                    ontvangers=[adviseur],
                ):
                    verstuurd += 1
        self.stdout.write(_("%(aantal)d reminder email(s) sent.") % {"aantal": verstuurd})
