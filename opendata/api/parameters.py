"""Parameter types shared by the endpoints: text without NUL, CBS codes, ids in range."""

from typing import Annotated

from pydantic import AfterValidator, Field

#: The largest id a PostgreSQL bigint holds: a larger one is a bad request, not a 500.
MAX_ID = 2**63 - 1


def _zonder_nul(waarde: str) -> str:
    # PostgreSQL cannot store or compare a NUL character; a form refuses it as well.
    if "\x00" in waarde:
        raise ValueError("must not contain a NUL character")
    return waarde


Tekst = Annotated[str, AfterValidator(_zonder_nul)]
Wijkcode = Annotated[
    str,
    Field(
        pattern=r"^WK[0-9]{4}[0-9A-Z]{2}$",
        description="A CBS ward code: WK, four digits, two digits or capitals (WK036301).",
    ),
]
Gemeentecode = Annotated[
    str, Field(pattern=r"^GM[0-9]{4}$", description="A CBS municipality code (GM0363).")
]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
