"""Changing people: roles, capacity, skills, away status, complexity weights. Every change that can
free capacity hands waiting work out: a person's in the same transaction; a lighter complexity
weight, which can let waiting items of that product type fit anyone, the shop's waiting work once
the change commits (a task: it may be a long queue). Every change that changes something is
recorded in the settings audit log, in its transaction, with who made it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from saleor_podops.audit.changes import settings_change_record
from saleor_podops.audit.models import SettingsArea
from saleor_podops.production.timeline import SYSTEM, Actor
from saleor_podops.saleor.models import Installation

from .assignment import DEFAULT_WEIGHT, staff_fill
from .error_codes import StaffErrorCode
from .models import ComplexityWeight, RoleAssignment, StaffMember
from .roles import Role
from .tasks import schedule_assignment

MAX_CAPACITY = 1000
MAX_WEIGHT = 100


def _member_for_update(*, installation: Installation, user_id: str, email: str = "") -> StaffMember:
    member, _ = StaffMember.objects.get_or_create(
        installation=installation, saleor_user_id=user_id, defaults={"email": email}
    )
    member = StaffMember.objects.select_for_update().get(pk=member.pk)
    if email and member.email != email:
        member.email = email
        member.save(update_fields=["email", "updated_at"])
    return member


def staff_member_get(*, installation: Installation, user_id: str) -> StaffMember:
    member = StaffMember.objects.filter(installation=installation, saleor_user_id=user_id).first()
    if member is None:
        raise ValidationError(
            {"user_id": ValidationError("No such staff member", code=StaffErrorCode.NOT_FOUND)}
        )
    return member


def staff_role_assign(
    *, installation: Installation, user_id: str, role: Role, actor: Actor, email: str = ""
) -> StaffMember:
    if not user_id:
        raise ValidationError(
            {
                "user_id": ValidationError(
                    "A Saleor user id is required", code=StaffErrorCode.INVALID
                )
            }
        )
    with transaction.atomic():
        member = _member_for_update(installation=installation, user_id=user_id, email=email)
        before = _role_names(member)
        _, created = RoleAssignment.objects.get_or_create(
            staff=member, role=role, defaults={"granted_by": actor.id}
        )
        if created:
            _record(
                member,
                SettingsArea.ROLES,
                actor,
                {"roles": before},
                {"roles": sorted([*before, role.value])},
            )
        staff_fill(staff_pk=member.pk)
    return member


def staff_role_revoke(
    *, installation: Installation, user_id: str, role: Role, actor: Actor
) -> StaffMember:
    """Items the person holds stay with them until a manager reassigns them."""
    with transaction.atomic():
        member = staff_member_get(installation=installation, user_id=user_id)
        if role == Role.ADMIN:
            # Serialize admin changes of one installation, so two revokes cannot remove the last.
            Installation.objects.select_for_update().filter(pk=installation.pk).first()
            admins = RoleAssignment.objects.filter(
                staff__installation=installation, role=Role.ADMIN
            )
            if admins.filter(staff=member).exists() and admins.count() == 1:
                raise ValidationError(
                    {
                        "role": ValidationError(
                            "The last ADMIN of an installation cannot be revoked",
                            code=StaffErrorCode.LAST_ADMIN,
                        )
                    }
                )
        before = _role_names(member)
        deleted, _ = RoleAssignment.objects.filter(staff=member, role=role).delete()
        if deleted:
            after = [name for name in before if name != role.value]
            _record(member, SettingsArea.ROLES, actor, {"roles": before}, {"roles": after})
    return member


def _role_names(member: StaffMember) -> list[str]:
    return sorted(RoleAssignment.objects.filter(staff=member).values_list("role", flat=True))


def _record(
    member: StaffMember,
    area: SettingsArea,
    actor: Actor,
    before: dict[str, object],
    after: dict[str, object],
) -> None:
    settings_change_record(
        installation=member.installation_id,
        area=area,
        actor=actor,
        subject=member.saleor_user_id,
        before=before,
        after=after,
    )


def staff_capacity_update(
    *, member: StaffMember, capacity: int, actor: Actor = SYSTEM
) -> StaffMember:
    if not 0 <= capacity <= MAX_CAPACITY:
        raise ValidationError(
            {
                "capacity": ValidationError(
                    f"Capacity must be between 0 and {MAX_CAPACITY}", code=StaffErrorCode.INVALID
                )
            }
        )
    with transaction.atomic():
        member = StaffMember.objects.select_for_update().get(pk=member.pk)
        _record(
            member,
            SettingsArea.CAPACITY,
            actor,
            {"capacity": member.capacity},
            {"capacity": capacity},
        )
        member.capacity = capacity
        member.save(update_fields=["capacity", "updated_at"])
        staff_fill(staff_pk=member.pk)
    member.refresh_from_db()
    return member


def staff_skills_update(
    *, member: StaffMember, skills: list[str], actor: Actor = SYSTEM
) -> StaffMember:
    cleaned = sorted({slug.strip() for slug in skills if slug.strip()})
    if any(len(slug) > 255 for slug in cleaned):
        raise ValidationError(
            {
                "skills": ValidationError(
                    "Product type slugs are at most 255 characters", code=StaffErrorCode.INVALID
                )
            }
        )
    with transaction.atomic():
        member = StaffMember.objects.select_for_update().get(pk=member.pk)
        _record(
            member,
            SettingsArea.SKILLS,
            actor,
            {"skills": sorted(member.skills)},
            {"skills": cleaned},
        )
        member.skills = cleaned
        member.save(update_fields=["skills", "updated_at"])
        staff_fill(staff_pk=member.pk)
    member.refresh_from_db()
    return member


def staff_away_update(*, member: StaffMember, is_away: bool, actor: Actor = SYSTEM) -> StaffMember:
    """Away: no new work (what they hold stays; managers reassign). Back: work is handed out."""
    with transaction.atomic():
        member = StaffMember.objects.select_for_update().get(pk=member.pk)
        _record(member, SettingsArea.AWAY, actor, {"is_away": member.is_away}, {"is_away": is_away})
        member.is_away = is_away
        member.save(update_fields=["is_away", "updated_at"])
        if not is_away:
            staff_fill(staff_pk=member.pk)
    member.refresh_from_db()
    return member


def complexity_weight_set(
    *, installation: Installation, product_type_slug: str, weight: int, actor: Actor = SYSTEM
) -> ComplexityWeight:
    if not product_type_slug or not 1 <= weight <= MAX_WEIGHT:
        raise ValidationError(
            {
                "weight": ValidationError(
                    f"A product type and a weight between 1 and {MAX_WEIGHT} are required",
                    code=StaffErrorCode.INVALID,
                )
            }
        )
    with transaction.atomic():
        previous = _weight_for_update(installation, product_type_slug)
        row, _ = ComplexityWeight.objects.update_or_create(
            installation=installation,
            product_type_slug=product_type_slug,
            defaults={"weight": weight},
        )
        settings_change_record(
            installation=installation,
            area=SettingsArea.COMPLEXITY_WEIGHT,
            actor=actor,
            subject=product_type_slug,
            before={"weight": previous.weight if previous else None},
            after={"weight": weight},
        )
        if weight < (previous.weight if previous else DEFAULT_WEIGHT):
            schedule_assignment(installation_id=installation.pk)
    return row


def _weight_for_update(
    installation: Installation, product_type_slug: str
) -> ComplexityWeight | None:
    return (
        ComplexityWeight.objects.select_for_update()
        .filter(installation=installation, product_type_slug=product_type_slug)
        .first()
    )


def complexity_weight_delete(
    *, installation: Installation, product_type_slug: str, actor: Actor = SYSTEM
) -> None:
    """The product type's items take the default 1 unit again. Like setting the weight to 1, it
    weighs the assignments made from now on: an item already held keeps the units it was assigned
    with, and gives them back when it is released."""
    with transaction.atomic():
        previous = _weight_for_update(installation, product_type_slug)
        if previous is None:
            raise ValidationError(
                {
                    "product_type_slug": ValidationError(
                        f"The product type {product_type_slug[:64]!r} has no complexity weight",
                        code=StaffErrorCode.NOT_FOUND,
                    )
                }
            )
        previous.delete()
        settings_change_record(
            installation=installation,
            area=SettingsArea.COMPLEXITY_WEIGHT,
            actor=actor,
            subject=product_type_slug,
            before={"weight": previous.weight},
            after={"weight": None},
        )
        if previous.weight > DEFAULT_WEIGHT:
            schedule_assignment(installation_id=installation.pk)
