"""What deleting something takes with it, in plain words, for the confirmation pages.

Django's deletion collector finds every row a delete would remove (cascades), every row it
would only unlink (``SET_NULL``) and every row that blocks it (``PROTECT``). Apps name their
models for people once, in ``AppConfig.ready()``::

    removal.name(RecordsRequest, "records request", "records requests")

Rows of models without a name (index rows, join tables) go too, but are not listed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import models, router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils.translation import ngettext

from recordright.filestore import registry

_names: dict[str, tuple[str, str]] = {}
# Models whose rows name stored files some other way than a registered file field.
_file_counters: dict[str, object] = {}


def name(model: type[models.Model], singular: str, plural: str) -> None:
    _names[model._meta.label_lower] = (singular, plural)


def count_files_with(model: type[models.Model], counter) -> None:
    """``counter(instances) -> int``: the stored files these rows name (the vault's)."""
    _file_counters[model._meta.label_lower] = counter


def _phrase(label: str, count: int) -> str | None:
    if label not in _names:
        return None
    singular, plural = _names[label]
    return ngettext("%(n)s %(what)s", "%(n)s %(what)s", count) % {
        "n": count, "what": singular if count == 1 else plural}


@dataclass
class Consequences:
    deleted: list[str] = field(default_factory=list)  # "3 records requests"
    unlinked: list[str] = field(default_factory=list)  # kept, no longer linked to it
    blocked_by: list[str] = field(default_factory=list)  # must go first (PROTECT)
    files: int = 0  # stored files that are deleted with the rows


def _count(objs) -> int:
    return objs.count() if hasattr(objs, "count") and not isinstance(objs, list) else len(objs)


def consequences(obj: models.Model) -> Consequences:
    """What deleting ``obj`` would delete, unlink or be blocked by (nothing is changed)."""
    out = Consequences()
    collector = Collector(using=router.db_for_write(type(obj)), origin=obj)
    try:
        collector.collect([obj])
    except (ProtectedError, RestrictedError) as error:
        blocking = Counter(row._meta.label_lower for row in error.args[1])
        out.blocked_by = [p for label, n in blocking.items() if (p := _phrase(label, n))]
        return out
    counts: Counter[str] = Counter()
    for model, instances in collector.data.items():
        counts[model._meta.label_lower] += len(instances)
        out.files += _files_named(model, instances)
    for queryset in collector.fast_deletes:
        counts[queryset.model._meta.label_lower] += queryset.count()
    counts[obj._meta.label_lower] -= 1
    out.deleted = [p for label, n in counts.items() if n > 0 and (p := _phrase(label, n))]
    unlinked: Counter[str] = Counter()
    for (fk, _value), groups in collector.field_updates.items():
        unlinked[fk.model._meta.label_lower] += sum(_count(group) for group in groups)
    out.unlinked = [p for label, n in unlinked.items() if n > 0 and (p := _phrase(label, n))]
    return out


def _files_named(model: type[models.Model], instances) -> int:
    total = 0
    for registered, field_name in registry.registered_fields():
        if registered is model:
            total += sum(1 for row in instances if getattr(row, field_name))
    counter = _file_counters.get(model._meta.label_lower)
    if counter is not None:
        total += counter(instances)
    return total
