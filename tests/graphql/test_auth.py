"""Authentication of the staff API: the Saleor Dashboard token only, verified against the
installation's keys; clear errors for everything else; the ADMIN bootstrap rule."""

from __future__ import annotations

import jwt
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saleor_podops.audit.models import SettingsChange
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.models import RoleAssignment, StaffMember
from saleor_podops.staff.roles import Role

from ..conftest import SALEOR_API_URL, signing_key
from ..saleor_stub import SaleorStub, SigningKey, new_rsa_key
from ..staff_api import (
    ADMIN,
    ARTIST,
    NO_ROLE,
    StaffApi,
    customer_token,
    dashboard_token,
    staff_member,
)

pytestmark = pytest.mark.django_db

ME = "{ me { userId email roles } }"


def error_of(answer: dict) -> tuple[str, str]:  # type: ignore[type-arg]
    assert answer.get("data") is None or answer["data"].get("me") is None, answer
    (error,) = answer["errors"]
    return error["extensions"]["code"], error["message"]


def test_api_version_needs_no_token(staff_api: StaffApi) -> None:
    answer = staff_api("{ apiVersion }", token=None, api_url=None)
    assert answer == {"data": {"apiVersion": "0.1.0"}}


def test_a_dashboard_token_signs_the_user_in_with_their_roles(
    installation: Installation, staff_api: StaffApi
) -> None:
    staff_member(installation, ADMIN, Role.ADMIN)
    staff_member(installation, ARTIST, Role.ARTIST, Role.ART_QC)

    answer = staff_api(ME, token=dashboard_token(installation, ARTIST))

    assert answer == {
        "data": {
            "me": {
                "userId": ARTIST,
                "email": f"{ARTIST.lower()}@example.com",
                "roles": ["ARTIST", "ART_QC"],
            }
        }
    }


@pytest.mark.parametrize(
    ("headers", "code", "message"),
    [
        (
            {"token": None},
            "UNAUTHENTICATED",
            "Sign in through the Saleor Dashboard: send the authorization-bearer and "
            "saleor-api-url headers.",
        ),
        (
            {"api_url": None},
            "UNAUTHENTICATED",
            "Sign in through the Saleor Dashboard: send the authorization-bearer and "
            "saleor-api-url headers.",
        ),
        (
            {"api_url": "https://unknown.example.com/graphql/"},
            "UNAUTHENTICATED",
            "PodOps is not installed in this Saleor instance.",
        ),
        (
            {"token": "app-token-1"},
            "TOKEN_INVALID",
            "The token is not a valid token of this Saleor instance.",
        ),
        (
            {"expires_in": -10},
            "TOKEN_EXPIRED",
            "The Dashboard token has expired: refresh it.",
        ),
        (
            {"app": "QXBwOjk5"},
            "TOKEN_INVALID",
            "The token was issued for another app",
        ),
        (
            {"type": "access"},
            "TOKEN_INVALID",
            "A Saleor Dashboard app token is required",
        ),
        (
            {"is_staff": False},
            "PERMISSION_DENIED",
            "Only Saleor staff users may use PodOps.",
        ),
    ],
)
def test_refused_tokens_get_a_clear_error(
    installation: Installation,
    staff_api: StaffApi,
    headers: dict,
    code: str,
    message: str,  # type: ignore[type-arg]
) -> None:
    staff_member(installation, ADMIN, Role.ADMIN)
    options = dict(headers)
    token = options.pop("token", "default")
    api_url = options.pop("api_url", SALEOR_API_URL)
    if token == "default":
        token = dashboard_token(installation, ADMIN, **options)

    answer = staff_api(ME, token=token, api_url=api_url)

    assert error_of(answer) == (code, message)


def test_a_customer_token_is_refused(installation: Installation, staff_api: StaffApi) -> None:
    answer = staff_api(ME, token=customer_token(installation))
    assert error_of(answer) == ("TOKEN_INVALID", "A Saleor Dashboard app token is required")


def test_a_forged_token_is_refused(
    installation: Installation, saleor: SaleorStub, staff_api: StaffApi
) -> None:
    # given a token signed by a key Saleor does not publish, under Saleor's kid
    forged_key = SigningKey(new_rsa_key(), "key-1")
    token = dashboard_token(installation, ADMIN)
    forged = forged_key.sign_token(jwt.decode(token, options={"verify_signature": False}))

    answer = staff_api(ME, token=forged)

    assert error_of(answer) == (
        "TOKEN_INVALID",
        "The token is not a valid token of this Saleor instance.",
    )
    assert saleor.jwks_requests == 1  # refetched once in case the keys rotated, then refused
    assert StaffMember.objects.count() == 0


def test_a_genuine_token_without_a_user_is_refused(
    installation: Installation, staff_api: StaffApi
) -> None:
    claims = jwt.decode(dashboard_token(installation, ADMIN), options={"verify_signature": False})
    del claims["user_id"]

    answer = staff_api(ME, token=signing_key("key-1").sign_token(claims))

    assert error_of(answer) == ("TOKEN_INVALID", "The token carries no user")


def test_a_forged_token_naming_a_stored_admin_is_refused(
    installation: Installation, staff_api: StaffApi
) -> None:
    # given an ADMIN, and a token naming them signed by a key Saleor does not publish
    staff_member(installation, ADMIN, Role.ADMIN)
    forged_key = SigningKey(new_rsa_key(), "key-1")
    token = dashboard_token(installation, ADMIN)
    forged = forged_key.sign_token(jwt.decode(token, options={"verify_signature": False}))

    # when it is used, then the ADMIN's rows read with the installation are not used
    answer = staff_api("{ me { userId roles } staff { userId } }", token=forged)

    assert answer["data"] is None
    assert [e["extensions"]["code"] for e in answer["errors"]] == ["TOKEN_INVALID"]


def test_sign_in_reads_the_installation_member_and_roles_in_one_query(
    installation: Installation, staff_api: StaffApi
) -> None:
    # given a person with two roles
    staff_member(installation, ADMIN, Role.ADMIN)
    staff_member(installation, ARTIST, Role.ARTIST, Role.ART_QC, capacity=7)
    token = dashboard_token(installation, ARTIST)
    document = "{ me { userId roles member { userId roles capacity } } }"

    # when they sign in
    with CaptureQueriesContext(connection) as captured:
        answer = staff_api(document, token=token)

    # then one query read everything the answer shows
    assert answer == {
        "data": {
            "me": {
                "userId": ARTIST,
                "roles": ["ARTIST", "ART_QC"],
                "member": {"userId": ARTIST, "roles": ["ARTIST", "ART_QC"], "capacity": 7},
            }
        }
    }
    assert len(captured) == 1


def test_a_token_of_another_instance_is_refused(
    installation: Installation, other_installation: Installation, staff_api: StaffApi
) -> None:
    token = dashboard_token(other_installation, ADMIN)
    answer = staff_api(ME, token=token, api_url=SALEOR_API_URL)
    assert error_of(answer) == (
        "TOKEN_INVALID",
        "The token is not a valid token of this Saleor instance.",
    )
    assert StaffMember.objects.count() == 0


def test_saleor_staff_managers_are_admin(installation: Installation, staff_api: StaffApi) -> None:
    staff_member(installation, ADMIN, Role.ADMIN)
    token = dashboard_token(
        installation, NO_ROLE, user_permissions=["MANAGE_ORDERS", "MANAGE_STAFF"]
    )

    answer = staff_api(ME, token=token)

    assert answer["data"]["me"]["roles"] == ["ADMIN"]
    assert not RoleAssignment.objects.filter(staff__saleor_user_id=NO_ROLE).exists()


def test_the_first_staff_user_of_an_installation_becomes_its_admin(
    installation: Installation, staff_api: StaffApi
) -> None:
    # when the first staff user signs in to an installation without an ADMIN
    first = staff_api(ME, token=dashboard_token(installation, ARTIST))
    # and then another
    second = staff_api(ME, token=dashboard_token(installation, NO_ROLE))

    # then only the first is ADMIN, and it is kept
    assert first["data"]["me"]["roles"] == ["ADMIN"]
    assert second["data"]["me"]["roles"] == []
    assert list(RoleAssignment.objects.values_list("staff__saleor_user_id", "role")) == [
        (ARTIST, "ADMIN")
    ]
    # and the settings history says PodOps made them ADMIN
    assert list(
        SettingsChange.objects.values_list("area", "subject", "actor_type", "actor_id", "after")
    ) == [("ROLES", ARTIST, "SYSTEM", "bootstrap:first staff user", {"roles": ["ADMIN"]})]
