"""PodOps roles, and which role works which stage."""

from __future__ import annotations

from enum import StrEnum

from saleor_podops.production.stages import Stage


class Role(StrEnum):
    ADMIN = "ADMIN"
    MANAGER = "MANAGER"
    IMAGE_PROCESSOR = "IMAGE_PROCESSOR"
    ARTIST = "ARTIST"
    ART_QC = "ART_QC"
    FULFILLER = "FULFILLER"


# Roles that may act on every item and manage people and settings.
MANAGING_ROLES = frozenset({Role.ADMIN, Role.MANAGER})

# The role that works each stage. Stages not listed are worked by nobody on staff (the customer, the
# print partner) or are not work at all (held, cancelled, shipped).
STAGE_ROLES: dict[Stage, Role] = {
    Stage.IMAGE_REVIEW: Role.IMAGE_PROCESSOR,
    Stage.ARTWORK: Role.ARTIST,
    Stage.ARTWORK_QC: Role.ART_QC,
    Stage.FULFILMENT_QUEUE: Role.FULFILLER,
}

# Stages whose items are handed to one person automatically (by capacity, skills and availability).
AUTO_ASSIGNED_STAGES = frozenset(
    {Stage.IMAGE_REVIEW, Stage.ARTWORK, Stage.ARTWORK_QC, Stage.FULFILMENT_QUEUE}
)

# Saleor staff permissions that make their holder a PodOps ADMIN (bootstrap rule, see the README).
ADMIN_SALEOR_PERMISSIONS = frozenset({"MANAGE_APPS", "MANAGE_STAFF"})
