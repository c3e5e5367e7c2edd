"""Migration operations for what only PostgreSQL has, which do nothing on SQLite (the embedded
default), so one migration history serves both."""

from __future__ import annotations

from django.contrib.postgres.operations import AddIndexConcurrently, TrigramExtension
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import ProjectState


def _on_postgresql(schema_editor: BaseDatabaseSchemaEditor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


class AddIndexConcurrentlyOnPostgreSQL(AddIndexConcurrently):
    """Build an index without locking the table's writes (``CREATE INDEX CONCURRENTLY``: the
    migration must be ``atomic = False``) on PostgreSQL; on any other database nothing happens.

    For an index SQLite cannot have (GIN, operator classes), keep it out of the model state:
    wrap the operation in ``SeparateDatabaseAndState(database_operations=[...])`` and leave it
    out of the model's ``Meta.indexes``. SQLite rebuilds a table from the model state when a
    column changes, and would then fail on an index of the state it cannot create."""

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if _on_postgresql(schema_editor):
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if _on_postgresql(schema_editor):
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return f"{super().describe()} (PostgreSQL only)"


class TrigramExtensionKept(TrigramExtension):
    """Enable pg_trgm on PostgreSQL (elsewhere nothing, like Django's). Reversing leaves it enabled
    where Django's drops it (and fails on SQLite): it may have been enabled before, and objects
    other than ours may use it."""

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        pass
