from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijken.models import gemeentecode_validator
from wijken.services import ImportGeweigerd, wijken_importeren

#: Errors printed at most; the rest are counted (a national file can have thousands).
MAX_FOUTEN = 200
#: Wards and neighbourhoods no longer in the file, listed at most.
MAX_VERVALLEN = 100


class Command(BaseCommand):
    help = (
        "Load or update the wards and neighbourhoods of a municipality from a file as CBS "
        "publishes it: the StatLine table 'Kerncijfers wijken en buurten' exported as CSV, "
        "the wijk- en buurtkaart (its GeoPackage, or the neighbourhoods' attribute table as "
        "CSV), or the portal's own CSV (GM_CODE, GM_NAAM, WK_CODE, WK_NAAM, BU_CODE, "
        "BU_NAAM). All or nothing; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "bestand",
            help="The file: CSV (UTF-8; comma, semicolon or tab) or GeoPackage (.gpkg).",
        )
        parser.add_argument(
            "--gemeente",
            action="append",
            dest="gemeenten",
            metavar="GM0363",
            help="Import this municipality from a file of several (may be repeated).",
        )
        parser.add_argument(
            "--alle-gemeenten",
            action="store_true",
            help="Import every municipality in the file (for a regional or national portal).",
        )
        parser.add_argument(
            "--jaar",
            type=int,
            help="Year of the key figures, for a file without a year (StatLine's export).",
        )
        parser.add_argument(
            "--vervallen-archiveren",
            action="store_true",
            help=(
                "Archive the wards and neighbourhoods of these municipalities that are no "
                "longer in the file (a CBS re-division). They keep their page, history, "
                "items and groups; nothing is deleted."
            ),
        )
        parser.add_argument(
            "--taal",
            choices=[code for code, _naam in settings.LANGUAGES],
            help="Language of the messages (default: the portal's language).",
        )

    def handle(self, *args, bestand, taal=None, **options):
        # Every line this command prints in one language, the person's choice or else the
        # portal's (the service's messages are translated when they are made).
        with translation.override(taal or translation.get_language() or settings.LANGUAGE_CODE):
            self._importeren(bestand, **options)

    def _importeren(
        self, bestand, *, gemeenten, alle_gemeenten, jaar, vervallen_archiveren, **options
    ):
        gemeenten = [gm.strip().upper() for gm in gemeenten or []]
        for gm in gemeenten:
            if not gemeentecode_validator.regex.match(gm):
                raise CommandError(
                    _("--gemeente %(code)s: %(uitleg)s")
                    % {"code": gm, "uitleg": gemeentecode_validator.message}
                )
        try:
            resultaat = wijken_importeren(
                bestand=bestand,
                jaar=jaar,
                gemeenten=gemeenten or None,
                alle_gemeenten=alle_gemeenten,
                vervallen_archiveren=vervallen_archiveren,
            )
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(bestand)s: %(reden)s")
                % {"bestand": bestand, "reden": exc.strerror}
            ) from exc
        except ImportGeweigerd as exc:
            for regel, fout in exc.fouten[:MAX_FOUTEN]:
                self.stderr.write(f"{exc.plaats(regel)}: {fout}" if regel else fout)
            if len(exc.fouten) > MAX_FOUTEN:
                self.stderr.write(_("… and %d more errors.") % (len(exc.fouten) - MAX_FOUTEN))
            if exc.advies:
                self.stderr.write(exc.advies)
            raise CommandError(
                ngettext(
                    "The file was refused (%(aantal)d error); nothing was imported.",
                    "The file was refused (%(aantal)d errors); nothing was imported.",
                    len(exc.fouten),
                )
                % {"aantal": len(exc.fouten)}
            ) from exc
        self._verslag(resultaat)

    def _verslag(self, resultaat):
        self.stdout.write(_("Read: %s.") % resultaat.formaat)
        if resultaat.leeg:
            self.stderr.write(
                self.style.WARNING(_("The file holds no neighbourhoods: nothing was imported."))
            )
            return
        gemeenten = ", ".join(f"{code} {naam}" for code, naam in resultaat.gemeenten[:10])
        if len(resultaat.gemeenten) > 10:
            gemeenten += ", …"
        self.stdout.write(
            ngettext(
                "Municipality: %(gemeenten)s.",
                "%(aantal)d municipalities: %(gemeenten)s.",
                len(resultaat.gemeenten),
            )
            % {"aantal": len(resultaat.gemeenten), "gemeenten": gemeenten}
        )
        if resultaat.jaren:
            self.stdout.write(_("Key figures of %s.") % ", ".join(str(j) for j in resultaat.jaren))
        for naam, telling in (
            (_("Wards"), resultaat.wijken),
            (_("Neighbourhoods"), resultaat.buurten),
            (_("Key figures"), resultaat.kerncijfers),
            (_("Neighbourhood boundaries"), resultaat.grenzen),
        ):
            self.stdout.write(
                _("%(wat)s: %(nieuw)d created, %(bijgewerkt)d updated, %(gelijk)d unchanged.")
                % {
                    "wat": naam,
                    "nieuw": telling.aangemaakt,
                    "bijgewerkt": telling.bijgewerkt,
                    "gelijk": telling.ongewijzigd,
                }
            )
        hersteld = resultaat.herstelde_wijken + resultaat.herstelde_buurten
        if hersteld:
            self.stdout.write(_("In use again (they were archived):"))
            self._lijst(hersteld)
        vervallen = resultaat.vervallen_wijken + resultaat.vervallen_buurten
        if vervallen:
            aantallen = _("%(wijken)s and %(buurten)s") % {
                "wijken": ngettext("%d ward", "%d wards", len(resultaat.vervallen_wijken))
                % len(resultaat.vervallen_wijken),
                "buurten": ngettext(
                    "%d neighbourhood", "%d neighbourhoods", len(resultaat.vervallen_buurten)
                )
                % len(resultaat.vervallen_buurten),
            }
            if resultaat.gearchiveerd:
                kop = _(
                    "No longer in the file, archived as no longer in use from %(jaar)d: "
                    "%(aantallen)s. They keep their page, history, items and groups."
                ) % {"aantallen": aantallen, "jaar": resultaat.vervallen_per}
                self.stdout.write(kop)
                self._lijst(vervallen)
            else:
                kop = (
                    _(
                        "No longer in the file (a CBS re-division?): %s. They are still in use "
                        "in the portal."
                    )
                    % aantallen
                )
                self.stderr.write(self.style.WARNING(kop))
                self._lijst(vervallen, uit=self.stderr)
                self.stderr.write(
                    _(
                        "Run the import again with --vervallen-archiveren to archive them: "
                        "they keep their page, history, items and groups, but are no longer "
                        "listed or offered."
                    )
                )
        self.stdout.write(self.style.SUCCESS(_("Import complete.")))

    def _lijst(self, rijen, *, uit=None):
        uit = uit or self.stdout
        for code, naam in rijen[:MAX_VERVALLEN]:
            uit.write(f"  {code} {naam}")
        if len(rijen) > MAX_VERVALLEN:
            uit.write("  " + _("… and %d more.") % (len(rijen) - MAX_VERVALLEN))
