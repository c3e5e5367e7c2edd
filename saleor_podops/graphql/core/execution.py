"""How PodOps executes a validated document: graphql-core's execution, with fast paths for what a
list page is made of (graphql-core answers every other case, and every error, as it always does).

- Plain leaves (``plain_leaf``): a column read from the parent and serialized by its type.
- Objects and lists (``complete_value``): a value of an object type is checked against its type
  once per Python class (``is_type_of`` of graphene-django and graphene types depends on the class
  only), and lists of lists or objects are completed in one loop, without graphql-core's general
  dispatch on the kind of type at every value.

tests/graphql/test_execution.py runs the same documents through both executions and compares
data and errors."""

from __future__ import annotations

from asyncio import gather
from base64 import b64encode
from collections.abc import Callable
from functools import partial
from types import CoroutineType
from typing import Any, NamedTuple

from graphene.relay.id_type import DefaultGlobalIDType
from graphene.relay.node import GlobalID, Node
from graphene.types.resolver import attr_resolver, dict_or_attr_resolver, dict_resolver
from graphene.types.schema import is_type_of_from_possible_types
from graphene_django import DjangoObjectType
from graphql import (
    ExecutionContext,
    FieldNode,
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    Undefined,
    located_error,
)
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path


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
            plain = PlainLeaf(*read, leaf_serializer(named), non_null)
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
                to_global_id = global_id_maker(node)
                plain = PlainLeaf(*read, named.serialize, non_null, to_global_id, type_name)
    field.__dict__[_PLAIN_LEAF] = plain
    return plain


def leaf_serializer(leaf_type: GraphQLScalarType | GraphQLEnumType) -> Callable[[Any], Any]:
    """The type's ``serialize``; for an enum, remembering each value's name (an enum has a
    handful of values, and graphene's serialize makes a Python enum member of each first)."""
    if not isinstance(leaf_type, GraphQLEnumType):
        return leaf_type.serialize
    serialize = leaf_type.serialize
    names: dict[tuple[type, Any], Any] = {}

    def serialize_enum(value: Any) -> Any:
        key = (type(value), value)
        try:
            return names[key]
        except KeyError:
            pass
        except TypeError:  # unhashable: not one of the enum's values
            return serialize(value)
        name = serialize(value)
        if isinstance(name, str) and len(names) < 1000:
            names[key] = name
        return name

    return serialize_enum


def global_id_maker(node: Any) -> Callable[[str, Any], str]:
    """``node.to_global_id``; for graphene's default global ids of integer keys, the same
    base64 of ``Type:id`` made directly (relay's takes three calls and a scalar's checks)."""
    to_global_id: Callable[[str, Any], str] = node.to_global_id
    if (
        getattr(to_global_id, "__func__", None) is not Node.to_global_id.__func__
        or node._meta.global_id_type is not DefaultGlobalIDType
    ):
        return to_global_id

    def default_global_id(type_name: str, value: Any) -> str:
        if type(value) is int:
            return b64encode(f"{type_name}:{value}".encode()).decode("ascii")
        return to_global_id(type_name, value)

    return default_global_id


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
        if isinstance(value, Exception | CoroutineType):
            return _NOT_PLAIN
        if leaf.to_global_id is not None:
            value = leaf.to_global_id(leaf.global_type or parent_type.name, value)
        serialized = leaf.serialize(value)
    except Exception:
        return _NOT_PLAIN
    return _NOT_PLAIN if serialized is None or serialized is Undefined else serialized


class Shape(NamedTuple):
    """What completing a value of a field's type takes, worked out once per type. ``named``:
    the nullable type (an object type, a list type, a scalar or an enum)."""

    kind: int  # OBJECT, LIST or LEAF
    non_null: bool
    named: Any
    serialize: Callable[[Any], Any] | None = None  # a leaf's


OBJECT, LIST, LEAF = 1, 2, 3
_SHAPES: dict[GraphQLOutputType, Shape | None] = {}


def shape_of(return_type: GraphQLOutputType) -> Shape | None:
    """The shape of an object, list, scalar or enum type, nullable or not; None for an abstract
    type (an interface or a union), which graphql-core completes."""
    try:
        return _SHAPES[return_type]
    except KeyError:
        pass
    non_null = isinstance(return_type, GraphQLNonNull)
    named = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
    shape = None
    if isinstance(named, GraphQLObjectType):
        shape = Shape(OBJECT, non_null, named)
    elif isinstance(named, GraphQLList):
        shape = Shape(LIST, non_null, named)
    elif isinstance(named, GraphQLScalarType | GraphQLEnumType):
        shape = Shape(LEAF, non_null, named, leaf_serializer(named))
    _SHAPES[return_type] = shape
    return shape


_DJANGO_IS_TYPE_OF = DjangoObjectType.is_type_of.__func__
_CLASS_OF_TYPE: set[tuple[GraphQLObjectType, type]] = set()


def _by_class_only(is_type_of: Any) -> bool:
    """Whether ``is_type_of`` answers by the value's class alone: graphene-django's (isinstance
    of the type, or its model's concrete model) and graphene's for Meta.possible_types."""
    return getattr(is_type_of, "__func__", None) is _DJANGO_IS_TYPE_OF or (
        isinstance(is_type_of, partial) and is_type_of.func is is_type_of_from_possible_types
    )


def known_to_be_of(object_type: GraphQLObjectType, value: Any, info: GraphQLResolveInfo) -> bool:
    """True when ``value`` is surely of ``object_type`` (its ``is_type_of`` said so, for a check by
    class remembered per class); False sends the value to graphql-core, which asks again and
    reports a refusal, an exception or an awaitable answer its own way."""
    is_type_of = object_type.is_type_of
    if is_type_of is None:
        return True
    key = (object_type, type(value))
    if key in _CLASS_OF_TYPE:
        return True
    try:
        answer = is_type_of(value, info)
    except Exception:
        return False
    if answer is True and _by_class_only(is_type_of):
        _CLASS_OF_TYPE.add(key)
    return answer is True


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._arguments: dict[tuple[int, int], dict[str, Any]] = {}
        self._plans: dict[tuple[int, int], tuple[Any, list[Any]]] = {}

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
        for response_name, field_nodes, field, leaf in self._plan(parent_type, fields):
            if leaf is not None:
                value = plain_value(leaf, source_value, parent_type)
                if value is not _NOT_PLAIN:
                    results[response_name] = value
                    continue
            field_path = Path(path, response_name, parent_type.name)
            result = (
                self._execute_schema_field(
                    field, parent_type, source_value, field_nodes, field_path
                )
                if field is not None
                else self.execute_field(parent_type, source_value, field_nodes, field_path)
            )
            if result is not Undefined:
                results[response_name] = result
                if isinstance(result, CoroutineType):
                    awaitable_fields.append(response_name)
        if not awaitable_fields:
            return results

        async def get_results() -> dict[str, Any]:  # as graphql-core's own
            values = await gather(*(results[name] for name in awaitable_fields))
            results.update(zip(awaitable_fields, values, strict=True))
            return results

        return get_results()

    def _plan(
        self, parent_type: GraphQLObjectType, fields: dict[str, list[FieldNode]]
    ) -> list[tuple[str, list[FieldNode], GraphQLField | None, PlainLeaf | None]]:
        """Each selected field with its definition (None: ``__typename`` and the like) and its
        PlainLeaf, worked out once per selection: every row of a list has the same (graphql-core
        keeps a selection's ``fields`` for the whole execution)."""
        key = (id(parent_type), id(fields))
        known = self._plans.get(key)
        if known is not None and known[0] is fields:
            return known[1]
        type_fields = parent_type.fields
        plan = []
        for response_name, field_nodes in fields.items():
            field = type_fields.get(field_nodes[0].name.value)
            plan.append((response_name, field_nodes, field, plain_leaf(field) if field else None))
        self._plans[key] = (fields, plan)  # keeps ``fields``, so its id is not reused
        return plan

    def _execute_schema_field(
        self,
        field: GraphQLField,
        parent_type: GraphQLObjectType,
        source: Any,
        field_nodes: list[FieldNode],
        path: Path,
    ) -> Any:
        """graphql-core's execute_field for a field of the parent type (not ``__typename`` and the
        like), with its arguments worked out once per execution instead of once per value."""
        return_type = field.type
        info = self.build_resolve_info(field, field_nodes, parent_type, path)
        try:
            arguments = self._arguments_of(field, field_nodes[0]) if field.args else {}
            result = (field.resolve or self.field_resolver)(source, info, **arguments)
            if isinstance(result, CoroutineType):
                return self._completed_later(result, return_type, field_nodes, info, path)
            completed = self.complete_value(return_type, field_nodes, info, path, result)
            if isinstance(completed, CoroutineType):
                return self._awaited(completed, field_nodes, return_type, path)
            return completed
        except Exception as raw_error:
            self._field_error(raw_error, field_nodes, return_type, path)
            return None

    def _arguments_of(self, field: GraphQLField, node: FieldNode) -> dict[str, Any]:
        """The field's argument values at ``node``: the same for every value of a list, as the
        variables are (a field node under an interface is a field of each object type, whose
        defaults may differ: the key is both). Each resolver call gets its own keyword dict; an
        input object's values are shared by the calls of one execution, read, never changed."""
        key = (id(field), id(node))
        arguments = self._arguments.get(key)
        if arguments is None:
            arguments = self._arguments[key] = get_argument_values(
                field, node, self.variable_values
            )
        return arguments

    async def _completed_later(
        self,
        result: Any,
        return_type: GraphQLOutputType,
        field_nodes: list[FieldNode],
        info: GraphQLResolveInfo,
        path: Path,
    ) -> Any:
        try:
            completed = self.complete_value(return_type, field_nodes, info, path, await result)
            return await completed if _is_coroutine(completed) else completed
        except Exception as raw_error:
            self._field_error(raw_error, field_nodes, return_type, path)
            return None

    def complete_value(
        self,
        return_type: GraphQLOutputType,
        field_nodes: list[FieldNode],
        info: GraphQLResolveInfo,
        path: Path,
        result: Any,
    ) -> Any:
        """graphql-core's complete_value for a present value of an object, list, scalar or enum
        type, without its dispatch on the kind of type; every other case is graphql-core's."""
        shape = shape_of(return_type)
        if shape is None or result is None or result is Undefined or isinstance(result, Exception):
            return super().complete_value(return_type, field_nodes, info, path, result)
        kind, named = shape.kind, shape.named
        if kind == OBJECT:
            if not known_to_be_of(named, result, info):
                return super().complete_value(return_type, field_nodes, info, path, result)
            fields = self.collect_subfields(named, field_nodes)
            return self.execute_fields(named, result, path, fields)
        if kind == LIST:
            if not isinstance(result, list | tuple) or any(map(_is_coroutine, result)):
                return super().complete_value(return_type, field_nodes, info, path, result)
            return self._complete_list(named.of_type, field_nodes, info, path, result)
        serialized = shape.serialize(result)  # type: ignore[misc]
        if serialized is None or serialized is Undefined:  # graphql-core reports it
            return super().complete_value(return_type, field_nodes, info, path, result)
        return serialized

    def _complete_list(
        self,
        item_type: GraphQLOutputType,
        field_nodes: list[FieldNode],
        info: GraphQLResolveInfo,
        path: Path,
        items: list[Any] | tuple[Any, ...],
    ) -> Any:
        """graphql-core's complete_list_value for a list or tuple of values (no awaitables)."""
        completed: list[Any] = []
        awaitable_indices: list[int] = []
        for index, item in enumerate(items):
            item_path = Path(path, index, None)
            try:
                value = self.complete_value(item_type, field_nodes, info, item_path, item)
            except Exception as raw_error:
                self._field_error(raw_error, field_nodes, item_type, item_path)
                value = None
            if isinstance(value, CoroutineType):
                value = self._awaited(value, field_nodes, item_type, item_path)
                awaitable_indices.append(index)
            completed.append(value)
        if not awaitable_indices:
            return completed

        async def get_completed() -> list[Any]:  # as graphql-core's own
            values = await gather(*(completed[index] for index in awaitable_indices))
            for index, value in zip(awaitable_indices, values, strict=True):
                completed[index] = value
            return completed

        return get_completed()

    def _field_error(
        self,
        raw_error: Exception,
        field_nodes: list[FieldNode],
        return_type: GraphQLOutputType,
        path: Path,
    ) -> None:
        error: GraphQLError = located_error(raw_error, field_nodes, path.as_list())
        self.handle_field_error(error, return_type, path)

    async def _awaited(
        self, value: Any, field_nodes: list[FieldNode], item_type: GraphQLOutputType, path: Path
    ) -> Any:
        try:
            return await value
        except Exception as raw_error:
            self._field_error(raw_error, field_nodes, item_type, path)
            return None
