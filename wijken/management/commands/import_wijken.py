from django.core.management.base import BaseCommand, CommandError

from wijken.services import ImportGeweigerd, wijken_importeren


class Command(BaseCommand):
    help = (
        "Load or update the wards and neighbourhoods of a municipality from a CSV in the CBS "
        "wijk- en buurtkaart convention (GM_CODE, GM_NAAM, WK_CODE, WK_NAAM, BU_CODE, "
        "BU_NAAM; optional PORTAAL_WK_CODE/PORTAAL_WK_NAAM for the portal's own ward, JAAR "
        "and key figures such as AANT_INW). All or nothing; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "bestand", help="Path of the CSV file (UTF-8; comma, semicolon or tab)."
        )
        parser.add_argument(
            "--jaar", type=int, help="Year of the key figures without a JAAR column."
        )

    def handle(self, *args, bestand, jaar=None, **options):
        try:
            with open(bestand, encoding="utf-8-sig", newline="") as f:
                resultaat = wijken_importeren(bestand=f, jaar=jaar)
        except OSError as exc:
            raise CommandError(f"Cannot read {bestand}: {exc.strerror}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{bestand} is not UTF-8 text.") from exc
        except ImportGeweigerd as exc:
            for regel, fout in exc.fouten:
                self.stderr.write(f"line {regel}: {fout}")
            raise CommandError(
                f"The file was refused ({len(exc.fouten)} error(s)); nothing was imported."
            ) from exc
        for naam, telling in (
            ("wards", resultaat.wijken),
            ("neighbourhoods", resultaat.buurten),
            ("key figures", resultaat.kerncijfers),
        ):
            self.stdout.write(
                f"{naam}: {telling.aangemaakt} created, {telling.bijgewerkt} updated, "
                f"{telling.ongewijzigd} unchanged"
            )
        self.stdout.write(self.style.SUCCESS("Import complete."))
