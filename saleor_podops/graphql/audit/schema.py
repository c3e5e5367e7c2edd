"""Staff API of the settings audit log (managers and admins)."""

from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.audit.models import SettingsArea
from saleor_podops.audit.selectors import settings_changes

from ..core.auth import require_manager
from ..core.pagination import paginate
from .types import SettingsAreaEnum, SettingsChangeConnection


class AuditQueries(graphene.ObjectType):
    settings_changes = graphene.Field(
        SettingsChangeConnection,
        required=True,
        area=SettingsAreaEnum(description="Only this area; all areas without it."),
        first=graphene.Int(),
        after=graphene.String(),
        description="Who changed which settings, newest first (managers).",
    )

    @staticmethod
    def resolve_settings_changes(
        root: Any,
        info: graphene.ResolveInfo,
        area: Any = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Any:
        identity = require_manager(info)
        queryset = settings_changes(
            installation_id=identity.installation.pk,
            area=SettingsArea(getattr(area, "value", area)) if area is not None else None,
        )
        return paginate(queryset, SettingsChangeConnection, first=first, after=after)
