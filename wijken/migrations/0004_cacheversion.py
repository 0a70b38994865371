from django.db import migrations, models


class Migration(migrations.Migration):
    """The page cache's versions per key replace the one data version."""

    dependencies = [
        ("wijken", "0003_gegevensversie"),
    ]

    operations = [
        migrations.DeleteModel(name="Gegevensversie"),
        migrations.CreateModel(
            name="CacheVersion",
            fields=[
                ("key", models.CharField(max_length=200, primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "page cache version",
                "verbose_name_plural": "page cache versions",
            },
        ),
    ]
