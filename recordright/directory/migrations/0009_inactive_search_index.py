"""PostgreSQL: a GIN index over the deactivated NPIs only (schema.INACTIVE_INDEX: the
same tsvector as the search index, and the names' trigrams when pg_trgm is there,
``WHERE NOT active``): a search among them reads it in one statement instead of every
NPI range. SQLite: nothing (its FTS index answers the "a0" place token alone)."""

from django.db import migrations


def forward(apps, schema_editor):
    from recordright.directory import schema
    from recordright.directory.models import NpiRecord

    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for name, sql in schema.vendor_index_statements(connection):
            if name == schema.INACTIVE_INDEX:
                # A new database has it already (0002 creates every search index).
                cursor.execute(sql.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))
        # The statistics of the index's expression (the planner's estimate of "8a0").
        cursor.execute(f"ANALYZE {NpiRecord._meta.db_table}")


def backward(apps, schema_editor):
    from recordright.directory import schema

    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {schema.INACTIVE_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0008_directory_9m_search_indexes")]
    operations = [migrations.RunPython(forward, backward)]
