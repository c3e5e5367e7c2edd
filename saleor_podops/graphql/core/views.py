"""The HTTP views of the staff and customer APIs: graphene-django's, except that a request's
document comes parsed and validated from the document cache (documents.py) and is then executed."""

from __future__ import annotations

from asyncio import gather
from collections.abc import Callable
from functools import partial
from types import CoroutineType
from typing import Any, NamedTuple

import orjson
from django.http import HttpRequest, HttpResponseBadRequest, HttpResponseNotAllowed
from graphene.relay.node import GlobalID
from graphene.types.resolver import attr_resolver, dict_or_attr_resolver, dict_resolver
from graphene_django import DjangoObjectType
from graphene_django.views import GraphQLView, HttpError
from graphene_file_upload.django import FileUploadGraphQLView
from graphql import (
    ExecutionContext,
    ExecutionResult,
    FieldNode,
    GraphQLEnumType,
    GraphQLField,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    OperationType,
    Undefined,
    execute,
    get_operation_ast,
)
from graphql.pyutils import Path

from .documents import documents


class PlainLeaf(NamedTuple):
    """A field whose value is an attribute (or key) of its parent, serialized as it is; or, for
    a relay ``id``, made its global id first."""

    attname: str
    default: Any
    from_dict: bool | None  # None: a dict's key or else an attribute (graphene's default)
    serialize: Callable[[Any], Any]
    non_null: bool
    to_global_id: Callable[[str, Any], str] | None = None
    global_type: str | None = None  # None: the parent type's name


_GRAPHENE_DEFAULT_RESOLVERS = {
    dict_or_attr_resolver: None,
    attr_resolver: False,
    dict_resolver: True,
}
_PLAIN_LEAF = "_podops_plain_leaf"
_UNKNOWN: Any = object()


def _attribute_read(resolve: Any) -> tuple[str, Any, bool | None] | None:
    """(attribute, default, from_dict) when ``resolve`` is graphene's default resolver, or
    graphene-django's ``resolve_id`` (a model's ``pk``)."""
    if resolve is DjangoObjectType.resolve_id:
        return "pk", None, False
    if (
        isinstance(resolve, partial)
        and resolve.func in _GRAPHENE_DEFAULT_RESOLVERS
        and len(resolve.args) == 2
        and not resolve.keywords
    ):
        attname, default = resolve.args
        return attname, default, _GRAPHENE_DEFAULT_RESOLVERS[resolve.func]
    return None


def plain_leaf(field: GraphQLField) -> PlainLeaf | None:
    """The field as a PlainLeaf when it takes no arguments, its type is a scalar or an enum and
    graphene resolves it with its default resolver (the type has no resolve_<field>), or with
    relay's global id of that (``GlobalID.id_resolver``); else None. Worked out once per field of
    the schema and kept on it."""
    known: PlainLeaf | None = field.__dict__.get(_PLAIN_LEAF, _UNKNOWN)
    if known is not _UNKNOWN:
        return known
    resolve = field.resolve
    plain = None
    field_type = field.type
    non_null = isinstance(field_type, GraphQLNonNull)
    named = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
    if not field.args and isinstance(named, GraphQLScalarType | GraphQLEnumType):
        read = _attribute_read(resolve)
        if read is not None:
            plain = PlainLeaf(*read, named.serialize, non_null)
        elif (
            isinstance(resolve, partial)
            and resolve.func is GlobalID.id_resolver
            and len(resolve.args) == 2
            and set(resolve.keywords) == {"parent_type_name"}
        ):
            parent_resolver, node = resolve.args
            read = _attribute_read(parent_resolver)
            if read is not None:
                type_name = resolve.keywords["parent_type_name"]
                plain = PlainLeaf(*read, named.serialize, non_null, node.to_global_id, type_name)
    field.__dict__[_PLAIN_LEAF] = plain
    return plain


def _is_coroutine(value: Any) -> bool:
    return isinstance(value, CoroutineType)


_NOT_PLAIN: Any = object()


def plain_value(leaf: PlainLeaf, source: Any, parent_type: GraphQLObjectType) -> Any:
    """The serialized value of a plain leaf of ``source``, or _NOT_PLAIN for anything but a
    plain success: a null for a non-null field (or a relay id, which makes a global id even of a
    null), an exception, a coroutine, a value its type cannot serialize."""
    try:
        from_dict = isinstance(source, dict) if leaf.from_dict is None else leaf.from_dict
        value = (
            source.get(leaf.attname, leaf.default)
            if from_dict
            else getattr(source, leaf.attname, leaf.default)
        )
        if value is None or value is Undefined:
            return None if not leaf.non_null and leaf.to_global_id is None else _NOT_PLAIN
        if isinstance(value, Exception) or _is_coroutine(value):
            return _NOT_PLAIN
        if leaf.to_global_id is not None:
            value = leaf.to_global_id(leaf.global_type or parent_type.name, value)
        serialized = leaf.serialize(value)
    except Exception:
        return _NOT_PLAIN
    return _NOT_PLAIN if serialized is None or serialized is Undefined else serialized


class SyncExecutionContext(ExecutionContext):
    """PodOps' resolvers are synchronous (the Django ORM): only a coroutine, an async resolver by
    mistake, is awaited. graphql-core's general check (hasattr ``__await__`` on every value) costs
    a few microseconds for each of the thousand fields of a list page.

    Most fields of a list page are plain leaves (``plain_leaf``): a column read and serialized.
    For those, graphql-core's general path (a path entry, resolve info, arguments, the resolver
    through graphene's default, completion by type, the check for a coroutine) is most of their
    cost; here ``execute_fields`` reads and serializes a plain leaf itself when that succeeds
    (``plain_value``), and hands every other field and case (a null for a non-null field, an
    exception, a value its type cannot serialize, any middleware) to graphql-core's own
    ``execute_field``, which answers and reports it as it always does."""

    is_awaitable = staticmethod(_is_coroutine)

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        fields: dict[str, list[FieldNode]],
    ) -> Any:
        manager = self.middleware_manager  # graphene-django's view passes one, mostly empty
        if manager is not None and manager.middlewares:
            return super().execute_fields(parent_type, source_value, path, fields)
        results: dict[str, Any] = {}
        awaitable_fields: list[str] = []
        type_fields = parent_type.fields
        for response_name, field_nodes in fields.items():
            field = type_fields.get(field_nodes[0].name.value)  # not __typename and the like
            leaf = plain_leaf(field) if field is not None else None
            if leaf is not None:
                value = plain_value(leaf, source_value, parent_type)
                if value is not _NOT_PLAIN:
                    results[response_name] = value
                    continue
            field_path = Path(path, response_name, parent_type.name)
            result = self.execute_field(parent_type, source_value, field_nodes, field_path)
            if result is not Undefined:
                results[response_name] = result
                if _is_coroutine(result):
                    awaitable_fields.append(response_name)
        if not awaitable_fields:
            return results

        async def get_results() -> dict[str, Any]:  # as graphql-core's own
            values = await gather(*(results[name] for name in awaitable_fields))
            results.update(zip(awaitable_fields, values, strict=True))
            return results

        return get_results()


class CachedDocumentsMixin:
    """Replaces GraphQLView.execute_graphql_request (parse, validate, execute). PodOps sets no
    ATOMIC_MUTATIONS: each mutation runs its action in its own transaction. Answers are encoded
    by orjson (graphene-django's json.dumps builds an encoder per answer and is several times
    slower on a list page); ``?pretty`` answers as graphene-django does."""

    def json_encode(self, request: HttpRequest, d: Any, pretty: bool = False) -> str:
        view: Any = self
        if not (pretty or view.pretty or request.GET.get("pretty")):
            try:
                return orjson.dumps(d).decode()
            except orjson.JSONEncodeError:  # a value orjson does not take (an int over 64 bits)
                pass
        return GraphQLView.json_encode(view, request, d, pretty)

    def execute_graphql_request(
        self,
        request: HttpRequest,
        data: Any,
        query: str | None,
        variables: dict[str, Any] | None,
        operation_name: str | None,
        show_graphiql: bool = False,
    ) -> ExecutionResult | None:
        view: Any = self
        if not query:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseBadRequest("Must provide query string."))
        schema = view.schema.graphql_schema
        checked = documents.checked(schema, query, view.validation_rules)
        if checked.document is None:
            return ExecutionResult(data=None, errors=list(checked.errors))
        operation = get_operation_ast(checked.document, operation_name)
        if (
            request.method == "GET"
            and operation is not None
            and operation.operation != OperationType.QUERY
        ):
            if show_graphiql:
                return None
            raise HttpError(
                HttpResponseNotAllowed(
                    ["POST"], f"Can only perform a {operation.operation.value} operation from POST."
                )
            )
        try:
            return execute(  # type: ignore[return-value]
                schema,
                checked.document,
                root_value=view.get_root_value(request),
                context_value=view.get_context(request),
                variable_values=variables,
                operation_name=operation_name,
                middleware=view.get_middleware(request),
                execution_context_class=view.execution_context_class,
            )
        except Exception as error:
            return ExecutionResult(errors=[error])  # type: ignore[list-item]


class StaffGraphQLView(CachedDocumentsMixin, FileUploadGraphQLView):
    execution_context_class = SyncExecutionContext


class CustomerGraphQLView(CachedDocumentsMixin, GraphQLView):
    execution_context_class = SyncExecutionContext
