"""Audit entries outlive patients and accounts, record sign-ins and refusals, and are
chained by hash. Existing entries are chained in the order they were written."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ACTIONS = [
    ("view", "viewed"), ("download", "downloaded"), ("create", "created"),
    ("update", "changed"), ("delete", "deleted"), ("share", "shared access"),
    ("revoke", "removed access"), ("send", "sent"), ("export", "exported"),
    ("refused", "was refused access to"), ("login", "signed in"),
    ("login_failed", "failed to sign in"), ("locked", "sign-in paused after failed attempts"),
    ("logout", "signed out"), ("email", "changed email addresses"),
    ("password", "changed the password"), ("two_factor", "changed two-factor sign-in"),
]


def chain_existing_entries(apps, schema_editor):
    from recordright.audit import chain

    entry_model = apps.get_model("audit", "AuditEntry")
    head_model = apps.get_model("audit", "AuditChainHead")
    prev_hash, seq = chain.GENESIS, 0
    for entry in entry_model.objects.order_by("at", "id").iterator(chunk_size=2000):
        seq += 1
        entry.seq, entry.prev_hash = seq, prev_hash
        entry.hash = chain.digest(prev_hash, chain.fields_of(entry))
        entry.save(update_fields=["seq", "prev_hash", "hash"])
        prev_hash = entry.hash
    head_model.objects.update_or_create(pk=1, defaults={"last_seq": seq, "last_hash": prev_hash})


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_create_audit_entry"),
        ("patients", "0001_create_patients_and_access"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("last_seq", models.PositiveBigIntegerField(default=0)),
                ("last_hash", models.CharField(max_length=64)),
            ],
        ),
        migrations.AddField(model_name="auditentry", name="seq",
                            field=models.PositiveBigIntegerField(null=True)),
        migrations.AddField(model_name="auditentry", name="address",
                            field=models.CharField(blank=True, max_length=45, default=""),
                            preserve_default=False),
        migrations.AddField(model_name="auditentry", name="prev_hash",
                            field=models.CharField(max_length=64, default=""),
                            preserve_default=False),
        migrations.AddField(model_name="auditentry", name="hash",
                            field=models.CharField(max_length=64, default=""),
                            preserve_default=False),
        migrations.AlterField(model_name="auditentry", name="at",
                              field=models.DateTimeField(db_index=True)),
        migrations.AlterField(
            model_name="auditentry", name="user",
            field=models.ForeignKey(blank=True, db_constraint=False, null=True,
                                    on_delete=django.db.models.deletion.DO_NOTHING,
                                    related_name="audit_entries", to=settings.AUTH_USER_MODEL)),
        migrations.AlterField(
            model_name="auditentry", name="patient",
            field=models.ForeignKey(blank=True, db_constraint=False, null=True,
                                    on_delete=django.db.models.deletion.DO_NOTHING,
                                    related_name="audit_entries", to="patients.patient")),
        migrations.AlterField(model_name="auditentry", name="action",
                              field=models.CharField(choices=ACTIONS, max_length=20)),
        migrations.RunPython(chain_existing_entries, migrations.RunPython.noop),
        migrations.AlterField(model_name="auditentry", name="seq",
                              field=models.PositiveBigIntegerField(unique=True)),
    ]
