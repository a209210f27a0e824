"""SQLite: the word table typo corrections read (``directory.terms``), from the FTS index."""

from django.db import migrations


def create(apps, schema_editor):
    from recordright.directory.schema import create_term_table

    create_term_table(schema_editor.connection)


def drop(apps, schema_editor):
    from recordright.directory.schema import drop_term_table

    drop_term_table(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_add_city_to_search_index")]
    operations = [migrations.RunPython(create, drop)]
