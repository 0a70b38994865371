"""Files a resident might upload, made for the tests: real PDFs (the portal reads and
writes every uploaded PDF again, so a few bytes that merely start like one are refused)."""

import io

from pypdf import PdfWriter


def pdf(*, paginas: int = 1, metagegevens: dict | None = None) -> bytes:
    """A PDF of ``paginas`` blank A4 pages, with document information such as
    ``{"/Author": "…"}`` where given (as a word processor writes it)."""
    schrijver = PdfWriter()
    for _ in range(paginas):
        schrijver.add_blank_page(width=595, height=842)
    if metagegevens:
        schrijver.add_metadata(metagegevens)
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()


#: One blank page, no metadata.
PDF = pdf()
