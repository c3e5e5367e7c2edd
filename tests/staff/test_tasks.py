"""Assignment after intake commits, and the grant_role command."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from saleor_podops.production.models import ProductionItem
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.models import Assignment, RoleAssignment
from saleor_podops.staff.roles import Role
from saleor_podops.staff.tasks import assign_waiting_items_everywhere

from ..staff_api import PROCESSOR, paid_order, staff_member

pytestmark = pytest.mark.django_db


def test_a_paid_order_is_assigned_once_intake_commits(
    installation: Installation, django_capture_on_commit_callbacks
) -> None:
    staff_member(installation, PROCESSOR, Role.IMAGE_PROCESSOR)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        paid_order(installation, assign=False)
    item = ProductionItem.objects.get()
    assert not Assignment.objects.exists()  # nothing before the commit

    for callback in callbacks:
        callback()

    assert Assignment.objects.get().item == item
    assert Assignment.objects.get().staff.saleor_user_id == PROCESSOR


def test_the_periodic_sweep_hands_out_what_is_waiting(installation: Installation) -> None:
    paid_order(installation, assign=False)
    staff_member(installation, PROCESSOR, Role.IMAGE_PROCESSOR)

    assert assign_waiting_items_everywhere() == 1
    assert assign_waiting_items_everywhere() == 0  # idempotent


def test_grant_role_from_the_shell(installation: Installation) -> None:
    out = StringIO()
    call_command(
        "grant_role",
        "--saleor-api-url",
        installation.saleor_api_url,
        "--user-id",
        "VXNlcjo0Mg==",
        "--role",
        "ADMIN",
        "--email",
        "boss@example.com",
        stdout=out,
    )
    assert out.getvalue() == "VXNlcjo0Mg== now has: ADMIN\n"
    assert list(RoleAssignment.objects.values_list("staff__email", "role")) == [
        ("boss@example.com", "ADMIN")
    ]
    with pytest.raises(
        CommandError, match=re.escape("PodOps is not installed in https://nope.example.com/")
    ):
        call_command(
            "grant_role",
            "--saleor-api-url",
            "https://nope.example.com/graphql/",
            "--user-id",
            "x",
            "--role",
            "ADMIN",
        )
    assert RoleAssignment.objects.count() == 1
