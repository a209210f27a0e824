"""Patient search ignores accents and case (issue 14, item 7), on SQLCipher and PostgreSQL:
a stored, normalised key kept in step on save, filled for existing rows by a migration."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from recordright.patients.models import Patient, PatientAccess, Role
from recordright.patients.search import search_key

NAMES = ["María García", "José Núñez", "Zoë Müller-Łukasz", "Ōtani Shōhei", "Sam Synthetic"]


def test_the_key_drops_accents_and_case():
    assert search_key("María  GARCÍA") == "maria garcia"
    assert search_key("Núñez") == "nunez"
    assert search_key("Straße") == "strasse"
    assert search_key("ﬁnn") == "finn"  # a ligature, decomposed by NFKD


@pytest.fixture
def patients(owner):
    made = {}
    for name in NAMES:
        patient = Patient.objects.create(full_name=name, date_of_birth=date(1980, 1, 1))
        PatientAccess.objects.create(patient=patient, user=owner, role=Role.OWNER)
        made[name] = patient
    return made


def found(client, query: str) -> list[str]:
    response = client.get("/patients/", {"q": query})
    assert response.status_code == 200
    return [link.patient.full_name for link in response.context["links"]]


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected"), [
    ("garcia", ["María García"]), ("GARCÍA", ["María García"]), ("maria gar", ["María García"]),
    ("nunez", ["José Núñez"]), ("NÚÑEZ", ["José Núñez"]), ("muller", ["Zoë Müller-Łukasz"]),
    ("zoe", ["Zoë Müller-Łukasz"]), ("otani", ["Ōtani Shōhei"]), ("xyz", []),
])
def test_search_ignores_accents_and_case(owner_client, patients, query, expected):
    assert found(owner_client, query) == expected


@pytest.mark.django_db
def test_the_key_follows_renames_and_former_names(owner_client, patients):
    patient = patients["Sam Synthetic"]
    patient.full_name = "Sam Peña"
    patient.save(update_fields=["full_name"])
    assert found(owner_client, "pena") == ["Sam Peña"]
    patient.former_names = "Sam Ordóñez"
    patient.save()
    assert found(owner_client, "ordonez") == ["Sam Peña"]
    assert found(owner_client, "synthetic") == []


BEFORE = [("patients", "0003_allow_unknown_date_of_birth")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_key_of_existing_patients():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("patients")
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("patients", "Patient")
    old.objects.create(full_name="Renée Côté", former_names="Renée Dubé",
                       date_of_birth=date(1970, 2, 3))
    MigrationExecutor(connection).migrate(latest)
    assert Patient.objects.get(full_name="Renée Côté").search_name == "renee cote renee dube"
