"""Accent- and case-insensitive search on names: "indie" finds "Indië".

``Zoekvorm(expressie)`` is a name folded for comparison: lower case, accents removed. On
PostgreSQL that is ``unaccent`` (the extension is created by a migration) under ``lower``;
on SQLite, which has neither, it is the Python function :func:`zoekvorm`, registered on
every connection. Both sides of a comparison go through the same function, so a search
term is folded exactly as the names it is compared with.
"""

import unicodedata

from django.db.models import CharField, Func


def zoekvorm(tekst: str | None) -> str | None:
    """``tekst`` folded: case-folded, then decomposed with the combining accents dropped
    ("Indië" → "indie", "Straße" → "strasse")."""
    if tekst is None:
        return None
    ontleed = unicodedata.normalize("NFKD", tekst.casefold())
    return "".join(teken for teken in ontleed if not unicodedata.combining(teken))


#: The name of the SQLite function behind :class:`Zoekvorm`.
SQLITE_FUNCTIE = "wijkportaal_zoekvorm"


class Zoekvorm(Func):
    """A text expression folded for search and for a stable order (see the module).

    On PostgreSQL under the "C" collation: comparisons and ordering then go by code point
    whatever the database's locale, as they do on SQLite, so names sort and group the
    same way on both."""

    arity = 1
    output_field = CharField()
    # Other databases: case-insensitive only.
    function = "LOWER"

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template='(LOWER(UNACCENT(%(expressions)s)) COLLATE "C")',
            **extra_context,
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function=SQLITE_FUNCTIE, **extra_context)


def sqlite_functie_registreren(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: give a SQLite connection :func:`zoekvorm`."""
    # A wrapper not connected yet gets it from the signal when it connects.
    if connection.vendor == "sqlite" and connection.connection is not None:
        connection.connection.create_function(SQLITE_FUNCTIE, 1, zoekvorm, deterministic=True)
