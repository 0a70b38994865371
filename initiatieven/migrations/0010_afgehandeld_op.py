from django.db import migrations, models

#: The moment each settled item was settled, from its history: the step into one of the
#: two final states (an item has at most one such step).
VULLEN = """
UPDATE initiatieven_onderwerp SET afgehandeld_op = (
    SELECT MAX(s.tijdstip) FROM initiatieven_statuswijziging s
    WHERE s.onderwerp_id = initiatieven_onderwerp.id AND s.naar IN ('afgerond', 'niet_mogelijk')
)
WHERE status IN ('afgerond', 'niet_mogelijk')
"""


class Migration(migrations.Migration):
    dependencies = [
        ("initiatieven", "0009_ingediend_index_alleen_ingediend"),
    ]

    operations = [
        migrations.AddField(
            model_name="onderwerp",
            name="afgehandeld_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="settled at"),
        ),
        migrations.RunSQL(VULLEN, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="onderwerp",
            index=models.Index(
                condition=models.Q(("afgehandeld_op__isnull", False)),
                fields=["wijk", "afgehandeld_op"],
                name="onderwerp_afgehandeld_idx",
            ),
        ),
    ]
