"""The closed-practice guide's models, moved out of the directory app.

Installs from before the move already have both tables (created by the directory's
migrations, with their rows): this migration only takes them over. New installs get them
created here. The reverse keeps the tables and their rows.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TABLES = (("closed_practices", "ClosedPracticeSearch"), ("closed_practices", "ClosedPracticeStep"))


def create_missing_tables(apps, schema_editor):
    existing = set(schema_editor.connection.introspection.table_names())
    for app_label, name in TABLES:
        model = apps.get_model(app_label, name)
        if model._meta.db_table not in existing:
            schema_editor.create_model(model)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('patients', '0001_create_patients_and_access'),
        ('requests', '0001_create_requests_and_events'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='ClosedPracticeSearch',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('npi', models.CharField(blank=True, max_length=10, verbose_name='NPI')),
                    ('doctor_name', models.CharField(max_length=200, verbose_name='doctor or practice')),
                    ('credential', models.CharField(blank=True, max_length=100)),
                    ('practice_address', models.CharField(blank=True, max_length=300, verbose_name='practice address')),
                    ('city', models.CharField(blank=True, max_length=100, verbose_name='city')),
                    ('state', models.CharField(blank=True, max_length=2, verbose_name='state')),
                    ('zip_code', models.CharField(blank=True, max_length=10, verbose_name='ZIP code')),
                    ('reason', models.CharField(choices=[('deactivated', 'The NPI was deactivated'), ('retired', 'The doctor retired'), ('moved', 'The doctor moved'), ('died', 'The doctor died'), ('sold', 'The practice was sold or merged'), ('unknown', "The practice closed, I don't know why")], default='unknown', max_length=20, verbose_name='what happened')),
                    ('last_seen', models.CharField(blank=True, help_text='For example “2015” or “spring 2019”.', max_length=40, verbose_name='practised there until')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('patient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='closed_practice_searches', to='patients.patient')),
                    ('records_request', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='closed_practice_searches', to='requests.recordsrequest')),
                ],
                options={
                    'db_table': 'directory_closedpracticesearch',
                    'ordering': ['-created_at', '-id'],
                },
            ),
            migrations.CreateModel(
                name='ClosedPracticeStep',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('order', models.PositiveSmallIntegerField()),
                    ('kind', models.CharField(choices=[('same_doctor', 'The same doctor at a newer address'), ('successor', "The practice's successor or buyer"), ('local_society', 'The local or county medical society'), ('state_society', 'The state medical society or medical board'), ('hospital', 'A hospital where the doctor had privileges')], max_length=20)),
                    ('title', models.CharField(max_length=300)),
                    ('npi', models.CharField(blank=True, max_length=10)),
                    ('contact_name', models.CharField(blank=True, max_length=200)),
                    ('address', models.CharField(blank=True, max_length=300)),
                    ('phone', models.CharField(blank=True, max_length=20)),
                    ('fax', models.CharField(blank=True, max_length=20)),
                    ('status', models.CharField(choices=[('todo', 'To do'), ('done', 'Found the records'), ('no_answer', 'No answer or not there')], default='todo', max_length=10)),
                    ('notes', models.TextField(blank=True, verbose_name='call notes')),
                    ('done_on', models.DateField(blank=True, null=True, verbose_name='date')),
                    ('search', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='steps', to='closed_practices.closedpracticesearch')),
                ],
                options={
                    'db_table': 'directory_closedpracticestep',
                    'ordering': ['search', 'order', 'id'],
                },
            ),
        ]),
        migrations.RunPython(create_missing_tables, migrations.RunPython.noop),
    ]
