"""Attachments are checked by content, re-encoded without metadata, and stored under a
random name (QUALITY.md bad input 17 and 18)."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, StreamObject

from initiatieven.bijlagen import MAX_PIXELS, NAAM_MAX, controleer_bijlage, oorspronkelijke_naam
from initiatieven.models import Bijlage
from tests.bestanden import PDF, pdf
from tests.initiatieven.factories import OnderwerpFactory

WILLEKEURIG = re.compile(r"^[0-9a-f]{32}\.(jpg|png|pdf)$")
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
HTML = b"<!doctype html><html><script>alert(document.cookie)</script></html>"


def jpeg_met_gps(*, breedte=40, hoogte=20, orientatie=None) -> bytes:
    """A small JPEG with a GPS position, a camera make and a comment in its metadata."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Telefoon"
    if orientatie:
        exif[ExifTags.Base.Orientation] = orientatie
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (52.0, 22.0, 1.5),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (4.0, 53.0, 2.0),
    }
    uit = io.BytesIO()
    Image.new("RGB", (breedte, hoogte), "red").save(uit, "JPEG", exif=exif, comment=b"thuis")
    return uit.getvalue()


def png_met_metadata() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Dorpsstraat 1")
    exif = Image.Exif()
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N"}
    uit = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 128, 0, 128)).save(uit, "PNG", pnginfo=info, exif=exif)
    return uit.getvalue()


def heeft_geen_metadata(inhoud: bytes) -> bool:
    with Image.open(io.BytesIO(inhoud)) as beeld:
        return (
            not beeld.getexif()
            and "exif" not in beeld.info
            and "comment" not in beeld.info
            and "Comment" not in beeld.info
        )


def upload(naam: str, inhoud: bytes, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, inhoud, content_type=content_type)


def fout_code(upload_) -> str:
    with pytest.raises(ValidationError) as fout:
        controleer_bijlage(upload_)
    return fout.value.code


# --- accepted, cleaned --------------------------------------------------------------------


def test_jpeg_opnieuw_gecodeerd_zonder_exif_en_gps():
    origineel = jpeg_met_gps()
    assert not heeft_geen_metadata(origineel)  # the fixture really has metadata

    bijlage = controleer_bijlage(upload("vakantie.jpg", origineel))

    inhoud = bijlage["bestand"].read()
    assert heeft_geen_metadata(inhoud)
    assert b"Telefoon" not in inhoud and b"thuis" not in inhoud
    assert bijlage["inhoudstype"] == "image/jpeg"
    assert bijlage["grootte"] == len(inhoud)
    assert bijlage["oorspronkelijke_naam"] == "vakantie.jpg"
    assert WILLEKEURIG.match(bijlage["bestand"].name)
    assert bijlage["bestand"].name.endswith(".jpg")


def test_exif_orientatie_wordt_toegepast_voor_het_weggooien():
    bijlage = controleer_bijlage(upload("staand.jpg", jpeg_met_gps(orientatie=6)))
    with Image.open(io.BytesIO(bijlage["bestand"].read())) as beeld:
        assert beeld.size == (20, 40)  # turned upright, then the tag dropped


def test_png_zonder_tekst_en_exif_en_transparantie_blijft():
    bijlage = controleer_bijlage(upload("kaart.png", png_met_metadata(), "image/png"))
    inhoud = bijlage["bestand"].read()
    assert heeft_geen_metadata(inhoud)
    assert b"Dorpsstraat" not in inhoud
    assert bijlage["inhoudstype"] == "image/png"
    assert bijlage["bestand"].name.endswith(".png")
    with Image.open(io.BytesIO(inhoud)) as beeld:
        assert beeld.mode == "RGBA"


def test_pdf_op_inhoud():
    bijlage = controleer_bijlage(upload("plan.pdf", PDF, "application/pdf"))
    assert bijlage["inhoudstype"] == "application/pdf"
    assert len(PdfReader(bijlage["bestand"]).pages) == 1
    assert bijlage["bestand"].name.endswith(".pdf")


XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Jan de Vries</dc:creator>'
    b'</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def _met_xmp(inhoud: bytes) -> bytes:
    schrijver = PdfWriter(clone_from=PdfReader(io.BytesIO(inhoud)))
    stroom = StreamObject()
    stroom.set_data(XMP)
    stroom.update({NameObject("/Type"): NameObject("/Metadata")})
    schrijver.root_object[NameObject("/Metadata")] = schrijver._add_object(stroom)
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()


def test_pdf_zonder_metagegevens_van_de_maker():
    # A word processor writes the author into the document information and the XMP.
    inhoud = _met_xmp(
        pdf(
            paginas=3,
            metagegevens={
                "/Author": "Jan de Vries",
                "/Creator": "Writer van Jan de Vries",
                "/Title": "Brief van Jan de Vries, Dorpsstraat 12",
                "/Producer": "Een tekstverwerker",
            },
        )
    )
    assert inhoud.count(b"Jan de Vries") >= 3
    bijlage = controleer_bijlage(upload("brief.pdf", inhoud, "application/pdf"))
    schoon = bijlage["bestand"].read()
    assert b"Jan de Vries" not in schoon and b"Dorpsstraat" not in schoon
    lezer = PdfReader(io.BytesIO(schoon))
    assert len(lezer.pages) == 3
    assert not lezer.metadata or "/Author" not in lezer.metadata
    assert "/Metadata" not in lezer.trailer["/Root"]
    assert bijlage["grootte"] == len(schoon)


def test_pdf_met_wachtwoord_geweigerd_zonder_wachtwoord_voor_openen_schoongemaakt():
    def versleuteld(gebruiker: str) -> bytes:
        schrijver = PdfWriter(
            clone_from=PdfReader(io.BytesIO(pdf(metagegevens={"/Author": "Jan"})))
        )
        schrijver.encrypt(user_password=gebruiker, owner_password="eigenaar", algorithm="RC4-128")
        uit = io.BytesIO()
        schrijver.write(uit)
        return uit.getvalue()

    assert (
        fout_code(upload("geheim.pdf", versleuteld("geheim"), "application/pdf")) == "versleuteld"
    )
    # Protected only against changes (opens without a password): read, and cleaned.
    bijlage = controleer_bijlage(upload("open.pdf", versleuteld(""), "application/pdf"))
    lezer = PdfReader(bijlage["bestand"])
    assert not lezer.is_encrypted and len(lezer.pages) == 1
    assert not lezer.metadata or "/Author" not in lezer.metadata


@pytest.mark.parametrize(
    "inhoud",
    [b"%PDF-1.4 geen pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", PDF[:-40]],
)
def test_kapotte_pdf_geweigerd(inhoud):
    assert fout_code(upload("kapot.pdf", inhoud, "application/pdf")) == "kapot"


def test_soort_volgt_de_inhoud_niet_de_naam_of_het_type_van_de_browser():
    # A real JPEG named .png and sent as text/html is stored as what it is.
    bijlage = controleer_bijlage(upload("foto.png", jpeg_met_gps(), "text/html"))
    assert bijlage["inhoudstype"] == "image/jpeg"
    assert bijlage["bestand"].name.endswith(".jpg")


def test_x_jpg_html_met_een_echte_foto_krijgt_een_willekeurige_naam():
    bijlage = controleer_bijlage(upload("x.jpg.html", jpeg_met_gps()))
    assert WILLEKEURIG.match(bijlage["bestand"].name)
    assert bijlage["oorspronkelijke_naam"] == "x.jpg.html"  # only ever shown as text


@pytest.mark.parametrize(
    ("naam", "verwacht"),
    [
        ("../../x.jpg", "x.jpg"),
        ("..\\..\\windows\\x.jpg", "x.jpg"),
        ("/etc/passwd", "passwd"),
        ("a\x00b\nc.jpg", "abc.jpg"),
        ("", "bestand"),
        ("..", ".."),
    ],
)
def test_oorspronkelijke_naam_zonder_pad(naam, verwacht):
    assert oorspronkelijke_naam(naam) == verwacht


def test_pad_in_de_naam_wordt_nooit_de_opslagnaam(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path
    gegevens = controleer_bijlage(upload("../../x.jpg", jpeg_met_gps()))
    bijlage = Bijlage.objects.create(onderwerp=OnderwerpFactory(), **gegevens)
    assert re.match(r"^bijlagen/\d{4}/\d{2}/[0-9a-f]{32}\.jpg$", bijlage.bestand.name)
    assert (tmp_path / bijlage.bestand.name).is_file()
    assert bijlage.oorspronkelijke_naam == "x.jpg"


def test_lange_naam_ingekort_met_extensie():
    naam = oorspronkelijke_naam("a" * 500 + ".jpg")
    assert len(naam) <= NAAM_MAX
    assert naam.endswith(".jpg")


# --- refused --------------------------------------------------------------------------------


def test_leeg_bestand_geweigerd():
    assert fout_code(upload("leeg.jpg", b"")) == "leeg"


def test_te_groot_geweigerd_zonder_te_lezen(settings):
    settings.BIJLAGE_MAX_BYTES = 1000
    assert fout_code(upload("groot.pdf", PDF + b"0" * 1000, "application/pdf")) == "te_groot"


@pytest.mark.parametrize(
    ("naam", "inhoud"),
    [
        ("pagina.html", HTML),
        ("x.jpg.html", HTML),
        ("plaatje.png", SVG),
        ("plaatje.svg", SVG),
        ("foto.jpg", b"GIF89a" + b"\x00" * 40),
        ("foto.jpg", b"MZ\x90\x00" + b"\x00" * 60),  # an executable
        ("foto.jpg", b"just some text that is not an image"),
    ],
)
def test_verkeerde_inhoud_geweigerd(naam, inhoud):
    assert fout_code(upload(naam, inhoud)) == "soort"


def test_andere_beeldformaten_geweigerd():
    for formaat in ("GIF", "BMP", "WEBP", "TIFF"):
        uit = io.BytesIO()
        Image.new("RGB", (5, 5)).save(uit, formaat)
        assert fout_code(upload(f"foto.{formaat.lower()}", uit.getvalue())) == "soort", formaat


def test_afgebroken_jpeg_geweigerd():
    inhoud = jpeg_met_gps(breedte=400, hoogte=400)
    assert fout_code(upload("kapot.jpg", inhoud[: len(inhoud) // 2])) in {"kapot", "soort"}


def test_pdf_kop_is_nodig():
    assert fout_code(upload("plan.pdf", b"%PDX-1.7 nope", "application/pdf")) == "soort"


@pytest.mark.parametrize("pixels", [MAX_PIXELS + 1_000_000, 2 * MAX_PIXELS + 1_000_000])
def test_decompressiebom_geweigerd(pixels):
    # A few kilobytes of PNG that would unpack into tens of millions of pixels.
    breedte = 10_000
    uit = io.BytesIO()
    Image.new("1", (breedte, pixels // breedte)).save(uit, "PNG")
    assert len(uit.getvalue()) < 200_000
    assert fout_code(upload("bom.png", uit.getvalue(), "image/png")) == "pixels"
