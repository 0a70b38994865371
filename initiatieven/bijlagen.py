"""Checking a resident's attachments: photos (JPEG, PNG) and PDF documents only.

The type is decided by the file's *content*, never by its name or the content type the
browser sent: a ``.png`` that is really SVG, an ``x.jpg.html`` with HTML in it, or a file
with the wrong magic bytes is refused. Images are decoded and encoded again, which
drops EXIF (with any GPS position) and anything hidden after the image data; the EXIF
orientation is applied first so the photo stays the right way up. PDFs are written again
without their metadata (author, title, the program that made them). Every file is stored
under a random name; the name the resident gave is kept only as text.

``controleer_bijlage(upload)`` returns a dict fit for
``Bijlage.objects.create(onderwerp=..., **dict)`` or raises ``ValidationError``.

Shared with ``meedenken`` (attachments of a question and of a response): the check,
``download`` (the one way a stored attachment leaves the portal, after the caller's
permission check), ``publieke_naam_sql`` and ``bestanden_verwijderen_na_commit``.
"""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Case, CharField, Value, When
from django.db.models.functions import Cast, Concat
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

#: Larger images are refused: a small file can unpack into gigabytes (a decompression
#: bomb). 40 million pixels is more than any phone camera makes.
MAX_PIXELS = 40_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

NAAM_MAX = 200

#: Pillow format → (content type, extension of the stored file).
_AFBEELDINGEN = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}
PDF_KOP = b"%PDF-"

#: The extension of an attachment's generated name, by its content type.
EXTENSIES = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}

#: For the file input's ``accept`` attribute: only a hint to the browser's file chooser.
ACCEPT = "image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"


def oorspronkelijke_naam(naam: str | None) -> str:
    """The name the resident's file had, without any folder, control characters or more
    than NAAM_MAX characters; only ever shown as text, never used to store the file."""
    naam = (naam or "").replace("\\", "/").rsplit("/", 1)[-1]
    naam = "".join(t for t in naam if t.isprintable()).strip()
    if len(naam) > NAAM_MAX:
        # Keep the end: it has the extension a person recognises.
        naam = naam[: NAAM_MAX - 41] + "…" + naam[-40:]
    return naam or "bestand"


def _willekeurige_naam(extensie: str) -> str:
    return f"{uuid.uuid4().hex}.{extensie}"


def _fout(code: str, naam: str, **params) -> ValidationError:
    berichten = {
        "leeg": _("“%(naam)s” is empty."),
        "te_groot": _("“%(naam)s” is larger than %(max)s."),
        "soort": _(
            "“%(naam)s” is not a photo (JPEG or PNG) or a PDF document. "
            "Only these kinds of files can be added."
        ),
        "pixels": _("“%(naam)s” has too many pixels. Make the photo smaller and try again."),
        "kapot": _("“%(naam)s” could not be read. It may be damaged."),
        "versleuteld": _(
            "“%(naam)s” is protected with a password. Save it again without a password and "
            "try again."
        ),
    }
    return ValidationError(berichten[code], code=code, params={"naam": naam, **params})


def controleer_bijlage(upload) -> dict:
    """Check one uploaded file by its content and return what to store.

    Returns ``{"bestand": ContentFile (random name), "oorspronkelijke_naam",
    "inhoudstype", "grootte"}``; raises ValidationError with a message that names the file.
    """
    naam = oorspronkelijke_naam(getattr(upload, "name", ""))
    grootte = upload.size or 0
    if grootte == 0:
        raise _fout("leeg", naam)
    if grootte > settings.BIJLAGE_MAX_BYTES:
        raise _fout("te_groot", naam, max=filesizeformat(settings.BIJLAGE_MAX_BYTES))
    upload.seek(0)
    kop = upload.read(len(PDF_KOP))
    upload.seek(0)
    if kop == PDF_KOP:
        inhoud = _pdf_zonder_metagegevens(upload.read(), naam)
        return {
            "bestand": ContentFile(inhoud, name=_willekeurige_naam("pdf")),
            "oorspronkelijke_naam": naam,
            "inhoudstype": "application/pdf",
            "grootte": len(inhoud),
        }
    inhoud, inhoudstype, extensie = _afbeelding_opnieuw(upload, naam)
    return {
        "bestand": ContentFile(inhoud, name=_willekeurige_naam(extensie)),
        "oorspronkelijke_naam": naam,
        "inhoudstype": inhoudstype,
        "grootte": len(inhoud),
    }


def _pdf_zonder_metagegevens(inhoud: bytes, naam: str) -> bytes:
    """The PDF written again without its document information (author, title, creator,
    the program and dates) and its XMP metadata: a word processor puts the resident's
    name there, and an attachment of an item or a response can be public (a respondent
    who chose to be anonymous must be named nowhere). Pages and their content are kept
    as they are. A PDF that cannot be read is refused, as a damaged image is."""
    # Imported here, not with the module: pypdf is about 25 MB per process, and only an
    # upload of a PDF needs it, not every view that serves or lists attachments.
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import DependencyError, PyPdfError
    from pypdf.generic import NameObject

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pypdf warns about every repairable flaw
            lezer = PdfReader(io.BytesIO(inhoud))
            if lezer.is_encrypted and not lezer.decrypt(""):
                raise _fout("versleuteld", naam)
            schrijver = PdfWriter(clone_from=lezer)
            schrijver.metadata = None
            schrijver.root_object.pop(NameObject("/Metadata"), None)
            # Without a reference the XMP (and the old document information) would still
            # be written as loose objects: leave out what nothing refers to any more.
            schrijver.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
            uit = io.BytesIO()
            schrijver.write(uit)
    except ValidationError:
        raise
    except DependencyError:
        # Encrypted with AES, which needs a cryptography library the portal leaves out.
        raise _fout("versleuteld", naam) from None
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        # What a damaged or hostile file makes the parser raise; never a 500.
        raise _fout("kapot", naam) from None
    return uit.getvalue()


def _afbeelding_opnieuw(upload, naam: str) -> tuple[bytes, str, str]:
    """Decode a JPEG or PNG and encode it again without its metadata."""
    with warnings.catch_warnings():
        # Pillow warns between 1x and 2x MAX_IMAGE_PIXELS and raises above; both refuse.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(upload, formats=list(_AFBEELDINGEN)) as beeld:
                formaat = beeld.format
                # Checked here too: the warnings filter is process-wide, not per thread.
                if beeld.width * beeld.height > MAX_PIXELS:
                    raise _fout("pixels", naam)
                beeld.verify()
            upload.seek(0)
            with Image.open(upload, formats=[formaat]) as beeld:
                beeld.load()
                beeld = ImageOps.exif_transpose(beeld)
                return _opslaan(beeld, formaat)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _fout("pixels", naam) from None
        except UnidentifiedImageError:
            raise _fout("soort", naam) from None
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError):
            # Truncated or malformed data that Pillow recognised but could not decode.
            raise _fout("kapot", naam) from None


def _opslaan(beeld: Image.Image, formaat: str) -> tuple[bytes, str, str]:
    inhoudstype, extensie = _AFBEELDINGEN[formaat]
    # Pillow copies some metadata from ``info`` (a JPEG comment, a PNG's ICC profile):
    # keep only what the picture needs to look right.
    beeld.info = {k: v for k, v in beeld.info.items() if k == "transparency"}
    uit = io.BytesIO()
    if formaat == "JPEG":
        if beeld.mode not in ("RGB", "L"):
            beeld = beeld.convert("RGB")
        beeld.save(uit, format="JPEG", quality=85, optimize=True)
    else:
        beeld.save(uit, format="PNG", optimize=True)
    return uit.getvalue(), inhoudstype, extensie


def publieke_naam(pk: int, inhoudstype: str) -> str:
    """The name others see and download an attachment as, never taken from the upload."""
    return f"bijlage-{pk}{EXTENSIES.get(inhoudstype, '')}"


def publieke_naam_sql():
    """``publieke_naam`` as an SQL expression, to overwrite ``oorspronkelijke_naam`` of
    many rows in one update (retention: an original name may name the person)."""
    return Concat(
        Value("bijlage-"),
        Cast("pk", CharField()),
        Case(
            *(When(inhoudstype=t, then=Value(ext)) for t, ext in EXTENSIES.items()),
            default=Value(""),
        ),
    )


def bestanden_verwijderen_na_commit(namen, storage=None) -> None:
    """Delete stored files once the rows are gone for good: a rollback must not leave
    rows without files."""
    namen = [naam for naam in namen if naam]
    storage = storage or default_storage

    def verwijder():
        for naam in namen:
            storage.delete(naam)

    if namen:
        transaction.on_commit(verwijder)


def download(bijlage, *, naam: str) -> FileResponse:
    """A stored attachment (a model with ``bestand`` and ``inhoudstype``) as a download
    named ``naam``. The caller has checked that this person may have it; a missing file
    is a 404."""
    try:
        bestand = bijlage.bestand.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(
        bestand,
        as_attachment=True,
        filename=naam,
        content_type=bijlage.inhoudstype or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    # What it belongs to can be taken offline again: it must not linger in any cache.
    response["Cache-Control"] = "private, no-store"
    return response
