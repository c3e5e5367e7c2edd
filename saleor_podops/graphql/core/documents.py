"""Parsed and validated GraphQL documents, kept in a small LRU cache. A client sends the same few
documents over and over (the dashboard has about seventy, each under 1 KB) with different variables,
and parsing plus validating one costs about as much as the SQL of a list page. Only the document is
cached: it is executed anew, with the caller's variables and permissions, on every request.

The cache is bounded by the documents' total length (a parsed document takes about 60 bytes per
character), so a client sending ever new documents cannot grow it past a few tens of MB; a document
longer than ``MAX_CACHED_LENGTH`` is checked on every request."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection
from dataclasses import dataclass

from graphql import (
    ASTValidationRule,
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    parse,
    validate,
    validate_schema,
)

MAX_CACHED_LENGTH = 20_000
CACHE_BUDGET = 500_000  # characters of all cached documents together (about 30 MB parsed)


@dataclass(frozen=True)
class CheckedDocument:
    """A document ready to execute, or why it cannot be (syntax or validation errors)."""

    document: DocumentNode | None
    errors: tuple[GraphQLError, ...]


def _check(
    schema: GraphQLSchema, query: str, rules: Collection[type[ASTValidationRule]] | None
) -> CheckedDocument:
    schema_errors = validate_schema(schema)
    if schema_errors:
        return CheckedDocument(None, tuple(schema_errors))
    try:
        document = parse(query)
    except GraphQLError as error:
        return CheckedDocument(None, (error,))
    errors = validate(schema, document, rules)
    return CheckedDocument(None if errors else document, tuple(errors))


_Key = tuple[GraphQLSchema, tuple[type[ASTValidationRule], ...] | None, str]


class DocumentCache:
    """Least recently used documents first out, within a budget of characters. Thread-safe; two
    threads missing the same document at once both check it (same result), one copy is kept."""

    def __init__(self, *, budget: int = CACHE_BUDGET, max_length: int = MAX_CACHED_LENGTH) -> None:
        self.budget = budget
        self.max_length = max_length
        self._entries: OrderedDict[_Key, CheckedDocument] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def checked(
        self,
        schema: GraphQLSchema,
        query: str,
        rules: Collection[type[ASTValidationRule]] | None = None,
    ) -> CheckedDocument:
        if len(query) > self.max_length:
            return _check(schema, query, rules)
        key: _Key = (schema, tuple(rules) if rules is not None else None, query)
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return found
            self.misses += 1
        checked = _check(schema, query, rules)
        with self._lock:
            if key not in self._entries:
                self._entries[key] = checked
                self._size += len(query)
                while self._size > self.budget:
                    (_, _, old_query), _ = self._entries.popitem(last=False)
                    self._size -= len(old_query)
        return checked

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0
            self.hits = self.misses = 0


documents = DocumentCache()
