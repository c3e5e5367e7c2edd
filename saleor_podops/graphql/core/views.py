"""The HTTP views of the staff and customer APIs: graphene-django's, except that a request's
document comes parsed and validated from the document cache (documents.py) and is then executed."""

from __future__ import annotations

from typing import Any

import orjson
from django.http import HttpRequest, HttpResponseBadRequest, HttpResponseNotAllowed
from graphene_django.views import GraphQLView, HttpError
from graphene_file_upload.django import FileUploadGraphQLView
from graphql import ExecutionResult, OperationType, execute, get_operation_ast

from .documents import documents
from .execution import SyncExecutionContext


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
