"""Every search filter becomes a token of the text index (ZIP3, entity type, active), the
PostgreSQL tsvector weights names A and place B, and the word table gets a prefix index."""

from django.db import migrations


def forward(apps, schema_editor):
    from recordright.directory import schema, terms

    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema.rebuild_fts(connection)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS npi_search_tsv")
            for name, sql in schema.vendor_index_statements(connection):
                if name == "npi_search_tsv":
                    cursor.execute(sql)
    with connection.cursor() as cursor:
        for _name, sql in terms.index_statements(connection.vendor):
            if "npi_term_prefix" in sql:
                cursor.execute(sql.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_record_the_importing_process")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
