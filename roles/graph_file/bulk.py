"""
Write many rows and their history rows fast: one ``executemany`` per table.

At the joined graph's size (about 40,000 rows) Django's ``bulk_create`` spends most of its time
compiling SQL value by value, and simple-history's ``bulk_history_create`` builds a model
instance per historical row. Here every row becomes a tuple of database values (converted only
for the fields that need it: decimals, JSON, dates) and one parametrised INSERT takes them all.
The history rows are what a save would write: the row's values, the time, "+" or "~", and the
signed-in user when the load runs in a request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connections, models, router
from django.utils import timezone
from simple_history.models import HistoricalRecords

BATCH_SIZE = 1000
# Field types whose Python value is already the database value on SQLite and PostgreSQL.
PLAIN_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}


def _converter(field: models.Field, connection: Any) -> Callable[[Any], Any] | None:
    if field.get_internal_type() in PLAIN_TYPES:
        return None
    return lambda value: None if value is None else field.get_db_prep_save(value, connection)


def _executemany(model: type[models.Model], fields: Sequence[models.Field], rows: Iterable[list]) -> None:
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    converters = [(index, convert) for index, field in enumerate(fields) if (convert := _converter(field, connection))]
    batch: list[list] = []
    with connection.cursor() as cursor:
        for row in rows:
            for index, convert in converters:
                row[index] = convert(row[index])
            batch.append(row)
            if len(batch) == BATCH_SIZE:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def insert_with_history(model: type[models.Model], objs: list[models.Model], key: tuple[str, ...] | None) -> None:
    """
    Insert new rows and their "created" history rows; set each instance's primary key.

    ``key`` names the fields (attnames) that identify a row, so the new rows' keys are read back
    in one query; a model without one goes through ``bulk_create``, which returns them.
    """
    if not objs:
        return
    if key is None:
        model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)
    else:
        fields = [field for field in model._meta.concrete_fields if not field.primary_key]
        _executemany(model, fields, ([getattr(obj, field.attname) for field in fields] for obj in objs))
        pks = {tuple(row[:-1]): row[-1] for row in model._default_manager.values_list(*key, "pk")}
        for obj in objs:
            obj.pk = pks[tuple(getattr(obj, name) for name in key)]
            obj._state.adding = False
    _history(model, objs, "+")


def update_with_history(model: type[models.Model], objs: list[models.Model], fields: Sequence[str]) -> None:
    """Update changed rows (fewer: Django's bulk_update) and write their "changed" history rows."""
    if not objs:
        return
    model._default_manager.bulk_update(objs, fields, batch_size=BATCH_SIZE)
    _history(model, objs, "~")


def _history(model: type[models.Model], objs: list[models.Model], kind: str) -> None:
    history = model.history.model  # type: ignore[attr-defined]
    fields = [field for field in history._meta.concrete_fields if not field.primary_key]
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    extra = {
        "history_date": timezone.now(),
        "history_type": kind,
        "history_change_reason": None,
        "history_user_id": user.pk if user is not None and user.is_authenticated else None,
    }
    names = [field.attname for field in fields]
    _executemany(
        history,
        fields,
        ([extra[name] if name in extra else getattr(obj, name) for name in names] for obj in objs),
    )
