"""The database cache table (settings.CACHES) that holds login lockout counters, so every
web worker shares them and a restart does not forget them."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):

    dependencies = [("accounts", "0001_create_user")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
