"""Append-only history tables, enforced by PostgreSQL itself.

Histories (stage changes, outcome and job-status changes, the activity log) are facts about the
past: reports read them, and nothing may rewrite them, whether a service, the admin or a hand-typed
SQL statement. One trigger function guards them all: an UPDATE may only set to NULL the columns
that a deleted user, stage, candidate or job cascades into (ON DELETE SET NULL), and an UPDATE or
DELETE of anything else is refused unless the transaction declared an erasure (`erasure()`), which
only the services that delete a person or scrub their personal data use.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

ERASURE_SETTING = "ats.erasure"

APPEND_ONLY_FUNCTION = f"""
CREATE OR REPLACE FUNCTION ats_append_only() RETURNS trigger AS $$
DECLARE
    nullable text[] := TG_ARGV;  -- the ON DELETE SET NULL columns
    col text;
BEGIN
    -- An erasure may delete rows, or scrub a person's data out of them (UPDATE), and nothing else may.
    IF current_setting('{ERASURE_SETTING}', true) = 'on' THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '% is append-only: row % cannot be deleted', TG_TABLE_NAME, OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF (to_jsonb(NEW) - nullable) = (to_jsonb(OLD) - nullable) THEN
        FOREACH col IN ARRAY nullable LOOP
            IF to_jsonb(NEW) -> col <> 'null'::jsonb AND to_jsonb(NEW) -> col <> to_jsonb(OLD) -> col THEN
                RAISE EXCEPTION '% is append-only: row % cannot be changed', TG_TABLE_NAME, OLD.id
                    USING ERRCODE = 'integrity_constraint_violation';
            END IF;
        END LOOP;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only: row % cannot be changed', TG_TABLE_NAME, OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def append_only_sql(table: str, *nullable_columns: str) -> str:
    """SQL that puts `table` under the append-only trigger (for a RunSQL in a migration)."""
    arguments = ", ".join(f"'{column}'" for column in nullable_columns)
    return (
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};"
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION ats_append_only({arguments});"
    )


def drop_append_only_sql(table: str) -> str:
    return f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};"


@contextmanager
def erasure() -> Iterator[None]:
    """Inside: history rows may be deleted or scrubbed, for the rest of this transaction only (SET LOCAL).

    For the services that erase a person or delete what their history hangs on; they record that
    they did so in the activity log, which itself keeps no personal data of the erased.
    """
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', true)", [ERASURE_SETTING])
        yield
        # On an error the transaction rolls back and the setting with it; on success it is switched
        # off again so the rest of the caller's transaction is guarded as before.
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'off', true)", [ERASURE_SETTING])
