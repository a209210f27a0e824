"""Signature.drawing moves to the streaming file store: a checksum column, Fernet files re-encrypted."""

from django.db import migrations, models

import recordright.filestore.fields
import recordright.letters.models
from recordright.filestore import legacy


def reencrypt(apps, schema_editor):
    legacy.reencrypt_field(apps.get_model("letters", "Signature"), "drawing", "drawing_sha256")


def back_to_fernet(apps, schema_editor):
    legacy.back_to_fernet(apps.get_model("letters", "Signature"), "drawing", "drawing_sha256")


class Migration(migrations.Migration):

    dependencies = [
        ("letters", "0001_add_signature"),
    ]

    operations = [
        migrations.AddField(
            model_name="signature",
            name="drawing_sha256",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="signature",
            name="drawing",
            field=recordright.filestore.fields.EncryptedFileField(blank=True, sha256_field="drawing_sha256", upload_to=recordright.letters.models.signature_upload_path, verbose_name="drawn signature"),
        ),
        migrations.RunPython(reencrypt, back_to_fernet),
    ]
