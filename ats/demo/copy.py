"""COPY-speed inserts of model instances for the demo data and the benchmarks: bulk_create spends
most of its time building SQL text (two thirds of a 500,000-candidate fill); COPY streams rows.

Only for fresh rows of plain models: no signals and no save(), but each field's pre_save (auto_now)
and Python-side defaults as the instances carry them. Primary keys are drawn from the table's sequence first, so the instances
come back with them, as bulk_create's do.
"""
from __future__ import annotations

from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import AutoField, BigAutoField, Model


def copy_insert(objs: Sequence[Model]) -> list[Model]:
    """Insert `objs` (all of one model) with COPY; returns them with their primary keys set."""
    if not objs:
        return list(objs)
    model = type(objs[0])
    meta = model._meta
    fields = list(meta.concrete_fields)
    pk = meta.pk
    connection = connections[DEFAULT_DB_ALIAS]  # not the thread-local proxy: it is asked per value
    with connection.cursor() as cursor:
        if isinstance(pk, (AutoField, BigAutoField)):
            missing = [obj for obj in objs if obj.pk is None]
            if missing:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [meta.db_table, pk.column, len(missing)],
                )
                for obj, (value,) in zip(missing, cursor.fetchall()):
                    obj.pk = value
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        with cursor.cursor.copy(f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                # pre_save, as bulk_create: auto_now stamps and the like.
                copy.write_row([field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields])
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
    return list(objs)
