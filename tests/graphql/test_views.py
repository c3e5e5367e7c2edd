"""How the GraphQL views encode their answers."""

from __future__ import annotations

import json

from django.test import RequestFactory

from saleor_podops.graphql.core.views import CustomerGraphQLView, StaffGraphQLView

ANSWER = {"data": {"order": {"number": "1001", "customer": "Zoë Müller", "total": 12.5}}}


def test_answers_are_compact_json_of_the_same_data() -> None:
    request = RequestFactory().post("/graphql/")

    for view in (StaffGraphQLView(), CustomerGraphQLView()):
        encoded = view.json_encode(request, ANSWER)

        assert json.loads(encoded) == ANSWER
        assert encoded == json.dumps(ANSWER, separators=(",", ":"), ensure_ascii=False)


def test_pretty_answers_are_indented_as_graphene_django_does() -> None:
    request = RequestFactory().post("/graphql/?pretty=1")

    encoded = StaffGraphQLView().json_encode(request, ANSWER)

    assert encoded == json.dumps(ANSWER, sort_keys=True, indent=2, separators=(",", ": "))


def test_a_value_orjson_refuses_is_encoded_by_graphene_djangos_encoder() -> None:
    request = RequestFactory().post("/graphql/")
    huge = {"data": {"count": 2**70}}

    assert (
        StaffGraphQLView().json_encode(request, huge) == '{"data":{"count":1180591620717411303424}}'
    )
