"""The closed-practice guide moved out of the directory app without losing a row."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from recordright.closed_practices.models import ClosedPracticeSearch, ClosedPracticeStep


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_an_install_from_before_the_move_keeps_its_searches(patient):
    search = ClosedPracticeSearch.objects.create(patient=patient, doctor_name="Dr Ada Synthetic")
    ClosedPracticeStep.objects.create(search=search, order=1, kind="successor", title="Call")
    # Before the move the tables belonged to the directory app and this app had no migration:
    # unapplying it leaves exactly that (its reverse keeps the tables and their rows).
    _migrate([("closed_practices", None)])
    tables = connection.introspection.table_names()
    assert {"directory_closedpracticesearch", "directory_closedpracticestep"} <= set(tables)

    _migrate(MigrationLoader(connection).graph.leaf_nodes())

    kept = ClosedPracticeSearch.objects.get()
    assert kept.pk == search.pk and kept.doctor_name == "Dr Ada Synthetic"
    assert kept.steps.get().title == "Call"


def test_the_directory_migrations_depend_on_no_other_app():
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    for key, node in graph.nodes.items():
        if key[0] == "directory":
            assert {app for app, _name in node.dependencies} <= {"directory"}, key
