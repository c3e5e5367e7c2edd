"""A stand-in for a Saleor instance at the HTTP layer (respx): its JWKS and its GraphQL API.

Every document PodOps sends is validated against both real schemas; an invalid one fails the test.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import jwt
import respx
from cryptography.hazmat.primitives.asymmetric import rsa
from graphql import parse

from .saleor_schemas import validation_errors

Responder = Callable[[dict[str, Any]], dict[str, Any] | httpx.Response]


def new_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_jwk(key: rsa.RSAPrivateKey, kid: str) -> dict[str, Any]:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": kid, "use": "sig", "alg": "RS256"})
    return jwk


@dataclass
class SigningKey:
    private: rsa.RSAPrivateKey
    kid: str

    def sign_webhook(self, body: bytes) -> str:
        """A detached JWS with an unencoded payload, as Saleor signs webhooks."""
        return jwt.api_jws.encode(
            body,
            self.private,
            algorithm="RS256",
            headers={"kid": self.kid, "b64": False, "crit": ["b64"]},
            is_payload_detached=True,
        )

    def sign_token(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self.private, algorithm="RS256", headers={"kid": self.kid})


@dataclass
class SaleorStub:
    """One fake Saleor instance. ``responders`` answer GraphQL operations by operation name."""

    api_url: str
    keys: list[SigningKey]
    app_id: str = "QXBwOjE="
    responders: dict[str, Responder] = field(default_factory=dict)
    requests: list[dict[str, Any]] = field(default_factory=list)
    jwks_requests: int = 0
    jwks_available: bool = True
    # The shop's product types ({"slug", "name"}), as ``productTypes`` answers them.
    product_types: list[dict[str, str]] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return self.api_url.split("/graphql/")[0]

    @property
    def key(self) -> SigningKey:
        return self.keys[0]

    def jwks(self) -> dict[str, Any]:
        return {"keys": [public_jwk(k.private, k.kid) for k in self.keys]}

    def rotate_key(self, kid: str) -> SigningKey:
        new = SigningKey(new_rsa_key(), kid)
        self.keys = [new]
        return new

    def operations(self, name: str) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["operation"] == name]

    def _graphql(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        document = body["query"]
        errors = validation_errors(document)
        assert errors == {"3.23": [], "3.24": []}, f"Invalid document sent to Saleor: {errors}"
        operation = next(
            d.name.value for d in parse(document).definitions if getattr(d, "name", None)
        )
        record = {
            "operation": operation,
            "variables": body.get("variables") or {},
            "authorization": request.headers.get("authorization"),
        }
        self.requests.append(record)
        responder = self.responders.get(operation, _default_responses(self).get(operation))
        if responder is None:
            return httpx.Response(200, json={"errors": [{"message": f"unstubbed {operation}"}]})
        answer = responder(record)
        if isinstance(answer, httpx.Response):
            return answer
        return httpx.Response(200, json={"data": answer})

    def _jwks(self, request: httpx.Request) -> httpx.Response:
        self.jwks_requests += 1
        if not self.jwks_available:
            return httpx.Response(503)
        return httpx.Response(200, json=self.jwks())

    def mount(self, router: respx.MockRouter) -> None:
        router.post(self.api_url).mock(side_effect=self._graphql)
        router.get(f"{self.origin}/.well-known/jwks.json").mock(side_effect=self._jwks)


def _product_types(stub: SaleorStub, variables: dict[str, Any]) -> dict[str, Any]:
    """``productTypes`` as Saleor answers it: the name or slug contains ``search`` (any case),
    ``slugs`` (when given and not empty), by name, the first ``first``."""
    search = (variables.get("search") or "").lower()
    slugs = variables.get("slugs")
    found = [
        product_type
        for product_type in sorted(stub.product_types, key=lambda p: p["name"])
        if (search in product_type["name"].lower() or search in product_type["slug"].lower())
        and (not slugs or product_type["slug"] in slugs)
    ]
    return {
        "productTypes": {
            "edges": [{"node": dict(node)} for node in found[: variables["first"]]],
        }
    }


def _default_responses(stub: SaleorStub) -> dict[str, Responder]:
    return {
        "AppId": lambda _: {"app": {"id": stub.app_id}},
        "ProductTypes": lambda record: _product_types(stub, record["variables"]),
        "UpdatePublicMetadata": lambda _: {"updateMetadata": {"errors": []}},
        "OrderNoteAdd": lambda _: {"orderNoteAdd": {"errors": []}},
    }
