"""Full-text search over a stored tsvector (PostgreSQL only).

The search used to build the tsvector of every row while it searched: seconds over a
quarter of a million items. The database now keeps it in a generated column with a GIN
index, from exactly the expression the search used before (the public text when there
is one, the Dutch and the simple configuration, title weight A, description weight B).
The model does not know the column: SQLite (the demo) has no tsvector and keeps its
icontains search, and Django never writes it. ``OnderwerpQuerySet.zoeken`` reads it.
"""

from django.db import migrations

_TEKST = "COALESCE(NULLIF(publieke_{veld}, ''), {veld})"
_VECTOR = " || ".join(
    f"setweight(to_tsvector('{config}'::regconfig, {_TEKST.format(veld=veld)}), '{gewicht}')"
    for veld, gewicht in (("titel", "A"), ("beschrijving", "B"))
    for config in ("dutch", "simple")
)
VOORUIT = [
    f"ALTER TABLE initiatieven_onderwerp ADD COLUMN zoekvector tsvector "
    f"GENERATED ALWAYS AS ({_VECTOR}) STORED",
    "CREATE INDEX onderwerp_zoekvector_idx ON initiatieven_onderwerp USING gin (zoekvector)",
]
TERUG = [
    "DROP INDEX IF EXISTS onderwerp_zoekvector_idx",
    "ALTER TABLE initiatieven_onderwerp DROP COLUMN IF EXISTS zoekvector",
]


def _uitvoeren(opdrachten):
    def uitvoeren(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for opdracht in opdrachten:
            schema_editor.execute(opdracht)

    return uitvoeren


class Migration(migrations.Migration):
    dependencies = [("initiatieven", "0002_bezoeken_contactmomenten")]

    operations = [migrations.RunPython(_uitvoeren(VOORUIT), _uitvoeren(TERUG), elidable=False)]
