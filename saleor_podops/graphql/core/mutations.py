"""The base of every mutation: domain ``ValidationError(code=...)`` becomes the payload's
``errors { field code message }``; refusals that mean "not yours" become top-level permission
errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from graphql import GraphQLError

from saleor_podops.workflow.error_codes import PERMISSION_CODES

from .errors import ApiErrorCode, api_error
from .naming import to_camel


def error_rows(exc: ValidationError) -> list[tuple[str | None, str, str]]:
    """(field, code, message) for every message in a Django ValidationError."""
    rows: list[tuple[str | None, str, str]] = []
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                message = error.message % error.params if error.params else error.message
                name = None if field == NON_FIELD_ERRORS else to_camel(field)
                rows.append((name, str(error.code or "INVALID"), str(message)))
    else:
        for error in exc.error_list:
            message = error.message % error.params if error.params else error.message
            rows.append((None, str(error.code or "INVALID"), str(message)))
    return rows


class BaseMutation(graphene.Mutation):
    """Subclasses set ``error_type`` (an ObjectType with field/code/message) in an abstract domain
    base and implement ``perform_mutation`` returning an instance of themselves."""

    class Meta:
        abstract = True

    error_type: Any = None
    # ``perform_mutation(cls, root, info, **arguments)``: a classmethod taking the mutation's own
    # arguments (typed loosely here so each subclass can name its arguments).
    perform_mutation: ClassVar[Callable[..., Any]]

    @classmethod
    def mutate(cls, root: Any, info: graphene.ResolveInfo, **data: Any) -> Any:
        try:
            return cls.perform_mutation(root, info, **data)
        except GraphQLError:
            raise
        except ValidationError as exc:
            rows = error_rows(exc)
            denied = [message for _, code, message in rows if code in PERMISSION_CODES]
            if denied:
                raise api_error(ApiErrorCode.PERMISSION_DENIED, denied[0]) from None
            return cls(
                errors=[
                    cls.error_type(field=field, code=code, message=message)
                    for field, code, message in rows
                ]
            )
