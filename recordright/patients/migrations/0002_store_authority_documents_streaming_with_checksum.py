"""PatientAccess.authority_document moves to the streaming file store: a checksum column, Fernet files re-encrypted."""

from django.db import migrations, models

import recordright.filestore.fields
import recordright.patients.models
from recordright.filestore import legacy


def reencrypt(apps, schema_editor):
    legacy.reencrypt_field(apps.get_model("patients", "PatientAccess"), "authority_document", "authority_document_sha256")


def back_to_fernet(apps, schema_editor):
    legacy.back_to_fernet(apps.get_model("patients", "PatientAccess"), "authority_document", "authority_document_sha256")


class Migration(migrations.Migration):

    dependencies = [
        ("patients", "0001_create_patients_and_access"),
    ]

    operations = [
        migrations.AddField(
            model_name="patientaccess",
            name="authority_document_sha256",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="patientaccess",
            name="authority_document",
            field=recordright.filestore.fields.EncryptedFileField(blank=True, sha256_field="authority_document_sha256", upload_to=recordright.patients.models.authority_upload_path, verbose_name="document showing your authority"),
        ),
        migrations.RunPython(reencrypt, back_to_fernet),
    ]
