"""SQLite: the FTS5 index keeps columns, not positions (detail=column): rebuilt.
PostgreSQL: the search tsvector gets marked 2- and 3-letter prefix words and marked
place tokens instead of weights (schema.TSVECTOR), and its GIN index is split into
partial indexes by NPI range (schema.search_ranges)."""

from django.db import migrations


def forward(apps, schema_editor):
    from recordright.directory import schema

    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema.rebuild_fts(connection)
        return
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for name in ["npi_search_tsv", *schema.search_index_names()]:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
        for name, sql in schema.vendor_index_statements(connection):
            if name.startswith("npi_search_tsv"):
                cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("directory", "0007_filter_tokens_in_the_search_index")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
