"""Who references stored files: the rows that name them, so a check can find orphans.

Each app registers its file fields in its ``AppConfig.ready()``::

    registry.register(RequestEvent, "evidence")

which also deletes a row's file once the row's deletion commits (cascades included). Code that
keeps file names some other way (the vault's content-addressed chunks) registers a source: a
callable yielding ``Reference``s. ``recordright check`` compares the union of all sources with
the files in the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import models
from django.db.models.signals import post_delete

from recordright.filestore import store


@dataclass(frozen=True)
class Reference:
    """One stored file that something names.

    ``sha256`` is the plaintext checksum kept beside it: ``None`` when that source keeps none
    (the file is then only authenticated), ``""`` when it should have one and does not.
    ``owner`` says who names it, without any health data (e.g. "requests.requestevent 12").
    """

    name: str
    sha256: str | None
    owner: str


Source = Callable[[], Iterable[Reference]]
_sources: dict[str, Source] = {}
_fields: dict[tuple[str, str], tuple[type[models.Model], str]] = {}


def register_source(label: str, source: Source) -> None:
    """Add (or replace) a source of references, e.g. ``register_source("vault chunks", f)``."""
    _sources[label] = source


def register(model: type[models.Model], field: str) -> None:
    """Register a model's file field; deleting a row then deletes its file after the commit."""
    file_field = model._meta.get_field(field)
    if not isinstance(file_field, models.FileField):
        raise TypeError(f"{model._meta.label}.{field} is not a file field")
    key = (model._meta.label_lower, field)
    if key in _fields:
        return
    _fields[key] = (model, field)
    sha256_field = getattr(file_field, "sha256_field", "")
    register_source(f"{model._meta.label_lower}.{field}",
                    lambda: _field_references(model, field, sha256_field))
    post_delete.connect(_delete_file_with_row(field), sender=model, weak=False,
                        dispatch_uid=f"filestore:{model._meta.label_lower}.{field}")


def registered_fields() -> list[tuple[type[models.Model], str]]:
    return list(_fields.values())


def _delete_file_with_row(field: str) -> Callable[..., None]:
    def receiver(sender, instance, **kwargs) -> None:
        name = getattr(instance, field).name
        if store.is_store_name(name or ""):
            store.delete_on_commit(name)
    return receiver


def _field_references(model: type[models.Model], field: str,
                      sha256_field: str) -> Iterator[Reference]:
    columns = ["pk", field, *([sha256_field] if sha256_field else [])]
    # The base manager: rows a default manager hides (an undone timeline entry) name files too.
    rows = model._base_manager.exclude(**{field: ""}).exclude(**{f"{field}__isnull": True})
    for row in rows.values_list(*columns).iterator(chunk_size=2000):
        yield Reference(name=row[1], sha256=row[2] if sha256_field else None,
                        owner=f"{model._meta.label_lower} {row[0]}")


def references() -> Iterator[Reference]:
    """Every reference from every source."""
    for source in list(_sources.values()):
        yield from source()
