"""SQLite: the FTS ``place`` column gains a city token (``c<city>``); refill it."""

from django.db import migrations


def rebuild(apps, schema_editor):
    from recordright.directory.schema import rebuild_fts

    rebuild_fts(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_add_search_records_request")]
    operations = [migrations.RunPython(rebuild, rebuild)]
