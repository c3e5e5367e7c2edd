"""Signals about production items, so that higher domains (approvals, notifications...) follow moves
made by lower ones without the lower ones importing them (the import-linter layers)."""

from django.dispatch import Signal

#: Sent inside the transaction that moved an item, after its timeline event was written.
#: Keyword arguments: ``item`` (the saved ProductionItem), ``from_stage`` and ``to_stage`` (Stage).
#: Receivers that start work elsewhere should do it with ``transaction.on_commit``.
item_stage_entered = Signal()
