"""The table of Django's database cache (the default cache, config/settings/base.py).

`createcachetable` does nothing when the table exists, so this is safe on a database where
an operator already ran it. The table is created whatever VIGIE_CACHE_URL says, so switching
back to the database cache later needs no extra step. Undoing this migration keeps it.
"""

from django.core.management import call_command
from django.db import migrations

TABLE = "vigie_cache"  # config.env.DATABASE_CACHE_TABLE when this migration was written


def create_cache_table(apps, schema_editor):
    call_command(
        "createcachetable",
        TABLE,
        database=schema_editor.connection.alias,
        verbosity=0,
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0004_rate_limit_counter")]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=False),
    ]
