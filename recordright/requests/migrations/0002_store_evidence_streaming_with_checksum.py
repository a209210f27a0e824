"""RequestEvent.evidence moves to the streaming file store: a checksum column, Fernet files re-encrypted."""

from django.db import migrations, models

import recordright.filestore.fields
import recordright.requests.models
from recordright.filestore import legacy


def reencrypt(apps, schema_editor):
    legacy.reencrypt_field(apps.get_model("requests", "RequestEvent"), "evidence", "evidence_sha256")


def back_to_fernet(apps, schema_editor):
    legacy.back_to_fernet(apps.get_model("requests", "RequestEvent"), "evidence", "evidence_sha256")


class Migration(migrations.Migration):

    dependencies = [
        ("requests", "0001_create_requests_and_events"),
    ]

    operations = [
        migrations.AddField(
            model_name="requestevent",
            name="evidence_sha256",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="requestevent",
            name="evidence",
            field=recordright.filestore.fields.EncryptedFileField(blank=True, sha256_field="evidence_sha256", upload_to=recordright.requests.models.evidence_upload_path, verbose_name="evidence (scan, photo, email)"),
        ),
        migrations.RunPython(reencrypt, back_to_fernet),
    ]
