"""People who work in production (Saleor staff users by id), their roles and capacity, and which
item each of them holds (assignments)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from saleor_podops.core.models import LeanLoadingModel, TimestampedModel
from saleor_podops.production.models import ProductionItem
from saleor_podops.production.stages import Stage
from saleor_podops.saleor.models import Installation

from .roles import Role

DEFAULT_CAPACITY = 5


class StaffMember(TimestampedModel):
    """A Saleor staff user as PodOps knows them. ``load`` is the sum of the weights of the items
    they hold; it only changes with the row locked, so it never passes ``capacity`` by automatic
    assignment."""

    installation = models.ForeignKey(
        Installation, on_delete=models.CASCADE, related_name="staff_members"
    )
    saleor_user_id = models.CharField(max_length=255)
    email = models.EmailField(blank=True)
    capacity = models.PositiveIntegerField(default=DEFAULT_CAPACITY, help_text="Work units at once")
    load = models.PositiveIntegerField(default=0, help_text="Work units held now")
    skills: models.JSONField[list[str]] = models.JSONField(
        default=list, blank=True, help_text="Product type slugs they may take; empty: all"
    )
    is_away = models.BooleanField(default=False)
    last_assigned_at = models.DateTimeField(
        null=True, blank=True, help_text="Ties go to whoever waited longest"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "saleor_user_id"], name="one_staff_member_per_user"
            ),
        ]

    def __str__(self) -> str:
        return self.email or self.saleor_user_id

    @property
    def free_capacity(self) -> int:
        return max(self.capacity - self.load, 0)

    def can_take(self, product_type_slug: str) -> bool:
        return not self.skills or product_type_slug in self.skills


class RoleAssignment(TimestampedModel):
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=32, choices=[(r.value, r.value) for r in Role])
    granted_by = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["staff", "role"], name="one_role_assignment_per_role")
        ]
        ordering = ["role"]


class ComplexityWeight(TimestampedModel):
    """How many work units an item of a product type takes (default 1)."""

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    product_type_slug = models.CharField(max_length=255)
    weight = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "product_type_slug"], name="one_weight_per_product_type"
            ),
            models.CheckConstraint(condition=Q(weight__gte=1), name="weight_at_least_one"),
        ]


class Assignment(LeanLoadingModel):
    """One person holding one item in one stage. At most one open assignment per item (a partial
    unique constraint): two workers can never give one item to two people."""

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(ProductionItem, on_delete=models.CASCADE, related_name="assignments")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="assignments")
    stage = models.CharField(max_length=32, choices=Stage.choices)
    weight = models.PositiveIntegerField(default=1)
    assigned_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(released_at__isnull=True),
                name="one_open_assignment_per_item",
            )
        ]
        indexes = [
            models.Index(
                fields=["staff", "stage"],
                condition=Q(released_at__isnull=True),
                name="assignment_open_by_staff",
            ),
            # The items a person holds (myWork) read from the index alone.
            models.Index(
                fields=["staff", "item"],
                condition=Q(released_at__isnull=True),
                name="assignment_open_by_staff_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff} holds item {self.item_id} in {self.stage}"
