"""The vendor-specific search structures: FTS5 on SQLite, tsvector/trigram GIN on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    from recordright.directory.schema import create_search_structures

    create_search_structures(schema_editor.connection)


def drop(apps, schema_editor):
    from recordright.directory.schema import drop_search_structures

    drop_search_structures(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_create_directory_tables")]
    operations = [migrations.RunPython(create, drop)]
