"""ariadne-codegen plugin for PodOps' Saleor client (development tooling, not imported at run time).

Saleor adds and removes enum values between versions (3.24 has webhook events 3.23 lacks and the other
way round), so a client generated from one schema would fail on a valid answer from the other. The
generated enums keep unknown values as pseudo-members instead of raising.
"""

from __future__ import annotations

import ast

from ariadne_codegen.plugins.base import Plugin
from graphql import GraphQLEnumType

_MISSING = '''
@classmethod
def _missing_(cls, value: object) -> "object | None":
    """A value another Saleor version knows: keep it rather than fail."""
    if not isinstance(value, str):
        return None
    member = str.__new__(cls, value)
    member._name_ = value
    member._value_ = value
    return member
'''


class TolerantEnumsPlugin(Plugin):
    def generate_enum(self, class_def: ast.ClassDef, enum_type: GraphQLEnumType) -> ast.ClassDef:
        class_def.body.extend(ast.parse(_MISSING).body)
        return class_def
