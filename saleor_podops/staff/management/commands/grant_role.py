"""``podops grant_role``: give a Saleor staff user a PodOps role from the shell (e.g. the first
ADMIN of an installation)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from saleor_podops.production.models import ActorType
from saleor_podops.production.timeline import Actor
from saleor_podops.saleor.installations import find_installation
from saleor_podops.staff.actions import staff_role_assign
from saleor_podops.staff.roles import Role


class Command(BaseCommand):
    help = "Grant a PodOps role to a Saleor staff user of one installation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--saleor-api-url", required=True, help="https://shop/graphql/")
        parser.add_argument("--user-id", required=True, help="The Saleor user id (global id).")
        parser.add_argument("--role", required=True, choices=[role.value for role in Role])
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        installation = find_installation(options["saleor_api_url"])
        if installation is None:
            raise CommandError(f"PodOps is not installed in {options['saleor_api_url']}")
        member = staff_role_assign(
            installation=installation,
            user_id=options["user_id"],
            role=Role(options["role"]),
            email=options["email"],
            actor=Actor(ActorType.SYSTEM, "podops grant_role"),
        )
        roles = ", ".join(sorted(member.roles.values_list("role", flat=True)))
        self.stdout.write(f"{member.saleor_user_id} now has: {roles}")
