"""SyncExecutionContext answers exactly as graphql-core's own execution, plain leaves included."""

from __future__ import annotations

import asyncio
import datetime
from typing import Any

import graphene
import pytest
from graphene_django import DjangoObjectType
from graphql import ExecutionContext, ExecutionResult, execute, parse

from saleor_podops.graphql.core.execution import PlainLeaf, SyncExecutionContext, plain_leaf
from saleor_podops.production.models import ProductionOrder


class Colour(graphene.Enum):
    RED = "red"
    BLUE = "blue"


class Row(graphene.ObjectType):
    name = graphene.String(required=True)
    nickname = graphene.String()
    count = graphene.Int()
    colour = Colour()
    when = graphene.DateTime()
    shouted = graphene.String()
    with_argument = graphene.String(times=graphene.Int())
    child = graphene.Field(lambda: Row)

    @staticmethod
    def resolve_shouted(root: Any, info: graphene.ResolveInfo) -> str:
        return str(root.name).upper()

    @staticmethod
    def resolve_with_argument(root: Any, info: graphene.ResolveInfo, times: int = 1) -> str:
        return str(root.name) * times


class Thing(graphene.ObjectType):
    class Meta:
        interfaces = (graphene.relay.Node,)

    name = graphene.String()
    loose_id = graphene.relay.GlobalID(required=False)  # relay gives a null its own global id


class Order(DjangoObjectType):
    class Meta:
        model = ProductionOrder
        name = "TestOrder"
        fields = ("number",)
        interfaces = (graphene.relay.Node,)
        skip_registry = True


class Query(graphene.ObjectType):
    rows = graphene.List(Row)
    things = graphene.List(Thing)
    orders = graphene.List(Order)

    @staticmethod
    def resolve_rows(root: Any, info: graphene.ResolveInfo) -> list[Any]:
        return info.context["rows"]

    @staticmethod
    def resolve_things(root: Any, info: graphene.ResolveInfo) -> list[Any]:
        return info.context["things"]

    @staticmethod
    def resolve_orders(root: Any, info: graphene.ResolveInfo) -> list[Any]:
        return info.context["orders"]


schema = graphene.Schema(query=Query)
DOCUMENT = parse(
    "{ rows { name nickname count colour when shouted withArgument(times: 2) child { name } } }"
)
IDS = parse("{ things { id name looseId } orders { id number } }")


class Source:
    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)


class Exploding:
    name = "boom"

    @property
    def count(self) -> int:
        raise RuntimeError("the count could not be read")


def run(rows: list[Any], context_class: type[ExecutionContext]) -> ExecutionResult:
    result = execute(
        schema.graphql_schema,
        DOCUMENT,
        context_value={"rows": rows},
        execution_context_class=context_class,
    )
    return result  # type: ignore[return-value]


WHEN = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)
CASES: dict[str, list[Any]] = {
    "every value": [
        Source(
            name="ann",
            nickname="a",
            count=3,
            colour="red",
            when=WHEN,
            child=Source(name="kid"),
        )
    ],
    "a dict": [{"name": "dict", "count": 1, "colour": Colour.BLUE, "child": {"name": "kid"}}],
    "nulls where allowed": [Source(name="ann", nickname=None, count=None)],
    "missing attributes": [Source(name="ann")],
    "null for a non-null field": [Source(name=None), Source(name="second")],
    "a value its type cannot serialize": [Source(name="ann", count="three", colour="green")],
    "an attribute that raises": [Exploding()],
    "an exception as the value": [Source(name="ann", nickname=ValueError("not a nickname"))],
}


@pytest.mark.parametrize("rows", CASES.values(), ids=CASES.keys())
def test_the_answer_and_its_errors_are_graphql_cores_own(rows: list[Any]) -> None:
    ours, theirs = run(rows, SyncExecutionContext), run(rows, ExecutionContext)

    assert ours.data == theirs.data
    assert [error.formatted for error in ours.errors or []] == [
        error.formatted for error in theirs.errors or []
    ]


def test_plain_values_are_serialized_by_their_types() -> None:
    result = run(CASES["every value"], SyncExecutionContext)

    assert result.errors is None
    assert result.data == {
        "rows": [
            {
                "name": "ann",
                "nickname": "a",
                "count": 3,
                "colour": "RED",
                "when": "2026-12-07T10:30:00+00:00",
                "shouted": "ANN",
                "withArgument": "annann",
                "child": {"name": "kid"},
            }
        ]
    }


def test_errors_are_reported_at_their_field() -> None:
    result = run(
        CASES["null for a non-null field"] + CASES["a value its type cannot serialize"],
        SyncExecutionContext,
    )

    assert [(error.message, error.path) for error in result.errors or []] == [
        ("Cannot return null for non-nullable field Row.name.", ["rows", 0, "name"]),
        ("Int cannot represent non-integer value: 'three'", ["rows", 2, "count"]),
        ("Enum 'Colour' cannot represent value: 'green'", ["rows", 2, "colour"]),
    ]
    assert result.data is not None
    assert result.data["rows"][0] is None
    assert result.data["rows"][1]["name"] == "second"


def test_only_default_resolved_scalars_and_enums_without_arguments_are_plain_leaves() -> None:
    fields = schema.graphql_schema.type_map["Row"].fields

    assert plain_leaf(fields["name"]) == PlainLeaf(
        "name", None, None, fields["name"].type.of_type.serialize, True
    )
    assert plain_leaf(fields["count"]) is not None
    assert plain_leaf(fields["colour"]) is not None
    assert plain_leaf(fields["shouted"]) is None  # a resolver of its own
    assert plain_leaf(fields["withArgument"]) is None  # arguments
    assert plain_leaf(fields["child"]) is None  # an object


def run_ids(things: list[Any], orders: list[Any], context_class: type[ExecutionContext]) -> Any:
    return execute(
        schema.graphql_schema,
        IDS,
        context_value={"things": things, "orders": orders},
        execution_context_class=context_class,
    )


ID_CASES: dict[str, tuple[list[Any], list[Any]]] = {
    "ids": (
        [Source(id=5, name="x", loose_id=6), {"id": "abc", "name": "d", "loose_id": 1}],
        [ProductionOrder(pk=7)],
    ),
    "null ids": (
        [Source(id=5, name="x", loose_id=None), Source(id=None, name="y")],
        [ProductionOrder(number="1")],
    ),
    "no id": ([Source(name="x")], []),
}


@pytest.mark.parametrize(("things", "orders"), ID_CASES.values(), ids=ID_CASES.keys())
def test_relay_ids_are_graphql_cores_own(things: list[Any], orders: list[Any]) -> None:
    ours, theirs = (
        run_ids(things, orders, SyncExecutionContext),
        run_ids(things, orders, ExecutionContext),
    )

    assert ours.data == theirs.data
    assert [e.formatted for e in ours.errors or []] == [e.formatted for e in theirs.errors or []]


def test_relay_ids_are_global_ids_of_their_type() -> None:
    things, orders = ID_CASES["ids"]

    result = run_ids(things, orders, SyncExecutionContext)

    assert result.errors is None
    assert result.data == {
        "things": [
            {
                "id": graphene.relay.Node.to_global_id("Thing", 5),
                "name": "x",
                "looseId": graphene.relay.Node.to_global_id("Thing", 6),
            },
            {
                "id": graphene.relay.Node.to_global_id("Thing", "abc"),
                "name": "d",
                "looseId": graphene.relay.Node.to_global_id("Thing", 1),
            },
        ],
        "orders": [{"id": graphene.relay.Node.to_global_id("TestOrder", 7), "number": ""}],
    }
    id_fields = [
        schema.graphql_schema.type_map[name].fields["id"] for name in ("Thing", "TestOrder")
    ]
    assert all(plain_leaf(field) is not None for field in id_fields)


def test_middleware_sees_every_field() -> None:
    seen: list[str] = []

    def middleware(next_: Any, root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        seen.append(info.field_name)
        return next_(root, info, **args)

    result = execute(
        schema.graphql_schema,
        parse("{ rows { name count } }"),
        context_value={"rows": [Source(name="ann", count=1)]},
        middleware=[middleware],
        execution_context_class=SyncExecutionContext,
    )

    assert result.data == {"rows": [{"name": "ann", "count": 1}]}  # type: ignore[union-attr]
    assert seen == ["rows", "name", "count"]


class Later(graphene.ObjectType):
    name = graphene.String()
    later = graphene.String()

    @staticmethod
    async def resolve_later(root: Any, info: graphene.ResolveInfo) -> str:
        return f"{root.name} later"


class LaterQuery(graphene.ObjectType):
    items = graphene.List(Later)

    @staticmethod
    def resolve_items(root: Any, info: graphene.ResolveInfo) -> list[Any]:
        return [Source(name="ann"), Source(name="bob")]


def test_an_async_resolver_by_mistake_is_still_awaited() -> None:
    later_schema = graphene.Schema(query=LaterQuery).graphql_schema
    document = parse("{ items { name later } }")

    answers: list[Any] = [
        asyncio.run(execute(later_schema, document, execution_context_class=context))  # type: ignore[arg-type]
        for context in (SyncExecutionContext, ExecutionContext)
    ]

    assert (
        answers[0].data
        == answers[1].data
        == {"items": [{"name": "ann", "later": "ann later"}, {"name": "bob", "later": "bob later"}]}
    )
    assert answers[0].errors is None


# Objects, lists and abstract types ---------------------------------------------------------------


class Named(graphene.Interface):
    name = graphene.String(required=True)
    greeting = graphene.String(loud=graphene.Boolean())

    @classmethod
    def resolve_type(cls, instance: Any, info: graphene.ResolveInfo) -> Any:
        return Dog if getattr(instance, "barks", False) else Cat


class Dog(graphene.ObjectType):
    class Meta:
        interfaces = (Named,)

    barks = graphene.Boolean()
    greeting = graphene.String(loud=graphene.Boolean(default_value=False))

    @staticmethod
    def resolve_greeting(root: Any, info: graphene.ResolveInfo, loud: bool) -> str:
        return "WOOF" if loud else "woof"


class Cat(graphene.ObjectType):
    class Meta:
        interfaces = (Named,)

    greeting = graphene.String(loud=graphene.Boolean(default_value=True))

    @staticmethod
    def resolve_greeting(root: Any, info: graphene.ResolveInfo, loud: bool) -> str:
        return "MEOW" if loud else "meow"


class Shelf(graphene.ObjectType):
    label = graphene.String()
    required_row = graphene.Field(Row, required=True)
    rows = graphene.List(graphene.NonNull(Row))
    loose_rows = graphene.List(Row)
    grid = graphene.List(graphene.List(graphene.Int))
    orders = graphene.List(Order)
    pets = graphene.List(Named)


class ShelfQuery(graphene.ObjectType):
    shelves = graphene.List(Shelf, required=True)
    strict_shelves = graphene.NonNull(graphene.List(graphene.NonNull(Shelf)))

    @staticmethod
    def resolve_shelves(root: Any, info: graphene.ResolveInfo) -> Any:
        return info.context["shelves"]

    @staticmethod
    def resolve_strict_shelves(root: Any, info: graphene.ResolveInfo) -> Any:
        return info.context["shelves"]


shelf_schema = graphene.Schema(query=ShelfQuery, types=[Dog, Cat]).graphql_schema
SHELVES = parse(
    """
    query ($loud: Boolean) {
      shelves {
        label requiredRow { name } rows { name child { name } } looseRows { name count }
        grid orders { id number } pets { name greeting ... on Dog { barks shouted: greeting(loud: $loud) } }
      }
      strictShelves { label rows { name } }
    }
    """
)
ROW = Source(name="ann", count=1, child=Source(name="kid"))
SHELF_CASES: dict[str, list[Any]] = {
    "every kind of value": [
        Source(
            label="top",
            required_row=ROW,
            rows=(ROW, Source(name="bob")),
            loose_rows=[ROW, None],
            grid=[[1, 2], [], None, [3, None]],
            orders=[ProductionOrder(pk=3, number="1003")],
            pets=[Source(name="rex", barks=True), Source(name="tom")],
        ),
        {"label": "a dict", "required_row": {"name": "dee"}, "rows": [], "pets": []},
    ],
    "a null for a non-null object": [Source(label="top", required_row=None)],
    "a null in a list of non-nulls": [Source(label="top", required_row=ROW, rows=[ROW, None])],
    "an error deep in a list of non-nulls": [
        Source(label="top", required_row=ROW, rows=[ROW, Source(name=None)])
    ],
    "an exception as a list item": [
        Source(label="top", required_row=ROW, loose_rows=[ROW, RuntimeError("a bad row")])
    ],
    "not a list": [Source(label="top", required_row=ROW, rows=5, grid="12")],
    "a model of another type": [Source(label="top", required_row=ROW, orders=[ROW])],
    "an abstract type that resolves to nothing": [
        Source(label="top", required_row=ROW, pets=[object()])
    ],
    "a null shelf among non-null shelves": [Source(label="top", required_row=ROW), None],
}


def run_shelves(
    shelves: list[Any], context_class: type[ExecutionContext], loud: bool | None = None
) -> ExecutionResult:
    result = execute(
        shelf_schema,
        SHELVES,
        context_value={"shelves": shelves},
        variable_values={"loud": loud},
        execution_context_class=context_class,
    )
    return result  # type: ignore[return-value]


@pytest.mark.parametrize("shelves", SHELF_CASES.values(), ids=SHELF_CASES.keys())
@pytest.mark.parametrize("loud", [None, True])
def test_objects_lists_and_abstract_types_complete_as_graphql_cores_own(
    shelves: list[Any], loud: bool | None
) -> None:
    ours = run_shelves(shelves, SyncExecutionContext, loud)
    theirs = run_shelves(shelves, ExecutionContext, loud)

    assert ours.data == theirs.data
    assert [e.formatted for e in ours.errors or []] == [e.formatted for e in theirs.errors or []]


def test_arguments_and_defaults_are_each_object_types_own() -> None:
    result = run_shelves(SHELF_CASES["every kind of value"], SyncExecutionContext, loud=True)

    assert result.errors is None
    assert result.data is not None
    top = result.data["shelves"][0]
    assert top["pets"] == [
        # one field node, each type's own default; and the variable
        {"name": "rex", "greeting": "woof", "barks": True, "shouted": "WOOF"},
        {"name": "tom", "greeting": "MEOW"},
    ]
    assert top["grid"] == [[1, 2], [], None, [3, None]]
    assert top["rows"] == [
        {"name": "ann", "child": {"name": "kid"}},
        {"name": "bob", "child": None},
    ]


def test_enum_names_and_global_ids_are_their_types_own() -> None:
    rows = [
        Source(name=str(n), colour=colour, child=None)
        for n, colour in enumerate(
            ["red", Colour.BLUE, "red", Colour.RED, "green", ["red"], "blue"]
        )
    ]
    ours, theirs = run(rows, SyncExecutionContext), run(rows, ExecutionContext)

    assert ours.data == theirs.data
    assert [e.formatted for e in ours.errors or []] == [e.formatted for e in theirs.errors or []]
    assert [row["colour"] for row in ours.data["rows"]] == [  # type: ignore[index]
        "RED",
        "BLUE",
        "RED",
        "RED",
        None,
        None,
        "BLUE",
    ]
    for value in (0, 7, 2**40, "7", "a:b", "ünï"):
        things = [Source(id=value, name="x")]
        assert (
            run_ids(things, [], SyncExecutionContext).data
            == run_ids(things, [], ExecutionContext).data
        )
