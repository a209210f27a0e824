"""Once added the closed-practice search's link to a records request.

The closed-practice guide is its own app now (recordright.closed_practices, whose first
migration owns that column), so the directory no longer depends on requests. Kept,
empty, so that installs which applied it keep a consistent history.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0002_create_search_indexes'),
    ]

    operations = []
