"""What the vault keeps: documents (originals in the file store), the entries read from
them, where each entry came from, raw FHIR chunk files and the search index's rows.

Originals, raw FHIR and extracted text never sit on disk in plain: files go through
``recordright.filestore`` (encrypted), rows live in the encrypted database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recordright.vault.choices import Arrival, Category, Kind, Status


class Document(models.Model):
    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE,
                                related_name="vault_documents")
    provider = models.ForeignKey("providers.Provider", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="vault_documents")
    request = models.ForeignKey("requests.RecordsRequest", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="vault_documents")
    # A ZIP member or a PDF embedded in a C-CDA is a document of its own, under its container.
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    received_on = models.DateField(_("received on"))
    arrival = models.CharField(_("how it came"), max_length=10, choices=Arrival.choices)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    media_type = models.CharField(max_length=100, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    # The original, verbatim, in the encrypted file store.
    stored_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField()
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PROCESSING)
    # For people: why it failed, or what could not be read in it.
    message = models.TextField(_("message"), blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    author = models.CharField(_("from"), max_length=300, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    # The text layer, OCR text or narrative: a row in the encrypted database.
    text = models.TextField(blank=True)
    text_source = models.CharField(max_length=10, blank=True)  # "layer", "ocr", "narrative"
    # FHIR: resources counted by type; C-CDA: unmapped entries by templateId.
    resources = models.JSONField(default=dict, blank=True)
    unmapped = models.JSONField(default=dict, blank=True)
    # Documents it refers to but does not carry: [{"name": file or address, "description"}].
    references = models.JSONField(default=list, blank=True)
    # Files written while reading it (raw FHIR chunks), so an interrupted import can clean up.
    work_files = models.JSONField(default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # "host:pid" of the process reading it: a dead one's import is cleaned up at once.
    claimed_by = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            # The same file twice is stored once ("duplicate"); a failed try does not count.
            models.UniqueConstraint(fields=["patient", "sha256"], condition=~Q(status="failed"),
                                    name="vault_document_unique_file"),
        ]
        indexes = [
            models.Index(fields=["patient", "status"], name="vault_doc_patient_status"),
            models.Index(fields=["request"], name="vault_doc_request"),
        ]

    def __str__(self) -> str:
        return self.original_name


class Entry(models.Model):
    """One clinical fact, shown once however many documents carry it (see EntrySource)."""

    # Indexed by the composite indexes below, which all start with the patient.
    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE,
                                related_name="vault_entries", db_index=False)
    # The first document it came from; every source is an EntrySource.
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="entries")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    title = models.CharField(_("title"), max_length=500)
    date = models.DateField(_("date"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=60, blank=True)
    codes = models.JSONField(default=list, blank=True)  # [{"system", "code", "display"}]
    value_text = models.CharField(_("value"), max_length=200, blank=True)
    value_number = models.FloatField(null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    reference_range = models.CharField(_("normal range"), max_length=200, blank=True)
    abnormal_flag = models.CharField(_("flag"), max_length=10, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    provider = models.CharField(_("provider"), max_length=300, blank=True)
    source_ref = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "fingerprint"],
                                    name="vault_entry_unique_fact"),
        ]
        indexes = [
            models.Index(fields=["patient", "date"], name="vault_entry_patient_date"),
            models.Index(fields=["patient", "category", "date"],
                         name="vault_entry_patient_category"),
        ]

    def __str__(self) -> str:
        return self.title


class EntrySource(models.Model):
    """One document that states an entry's fact (a CCD and a FHIR bundle of the same visit)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="sources")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="entry_sources")
    source_ref = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "document"],
                                               name="vault_entry_source_unique")]

    def __str__(self) -> str:
        return f"{self.entry_id} from {self.document_id}"


class FhirChunk(models.Model):
    """A compressed, encrypted file of raw FHIR resources (NDJSON), named in the file store and
    addressed by the SHA-256 of its plain content: raw JSON stays out of database rows."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="fhir_chunks")
    sequence = models.PositiveIntegerField()
    stored_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)  # of the stored (compressed) bytes: the check's
    digest = models.CharField(max_length=64)  # of the plain NDJSON: the content address
    resource_count = models.PositiveIntegerField()
    resource_types = models.JSONField(default=dict)

    class Meta:
        ordering = ["document", "sequence"]
        constraints = [models.UniqueConstraint(fields=["document", "sequence"],
                                               name="vault_fhir_chunk_sequence")]
        indexes = [models.Index(fields=["digest"], name="vault_fhir_chunk_digest")]

    def __str__(self) -> str:
        return f"{self.document_id}#{self.sequence}"


class SearchItem(models.Model):
    """One searchable text: a document's text or an entry. The full-text index (FTS5 on
    SQLite, a tsvector GIN index on PostgreSQL, see search.py) is built over these rows;
    ids grow with time, so "newest first" is an id order."""

    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE, related_name="+",
                                db_index=False)  # the (patient, id) index below
    # The patient as a word in the index ("p42"), so the full-text match filters by patient.
    patient_token = models.CharField(max_length=24)
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="search_items")
    entry = models.ForeignKey(Entry, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="search_items")
    date = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["patient", "id"], name="vault_search_patient")]

    def __str__(self) -> str:
        return self.title
