"""The full-text index over vault_searchitem: FTS5 with triggers on SQLite, a generated
tsvector column with a GIN index on PostgreSQL (recordright.vault.search)."""

from django.db import migrations


def create(apps, schema_editor):
    from recordright.vault.search import backend_for

    with schema_editor.connection.cursor() as cursor:
        backend_for(schema_editor.connection.vendor).create(cursor)


def drop(apps, schema_editor):
    from recordright.vault.search import backend_for

    with schema_editor.connection.cursor() as cursor:
        backend_for(schema_editor.connection.vendor).drop(cursor)


class Migration(migrations.Migration):
    dependencies = [("vault", "0001_create_vault_tables")]
    operations = [migrations.RunPython(create, drop)]
