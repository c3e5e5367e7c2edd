from __future__ import annotations

import graphene
from graphene_django import DjangoObjectType

from saleor_podops.audit.models import SettingsArea
from saleor_podops.audit.models import SettingsChange as SettingsChangeModel

from ..core.enums import ActorTypeEnum
from ..core.pagination import CountableConnection

SettingsAreaEnum = graphene.Enum.from_enum(SettingsArea, name="SettingsArea")


class SettingsChange(DjangoObjectType):
    """One change of an installation's settings: who, when, what, and the changed fields' values
    before and after (secrets only as "(set)" / "(changed)" / "(not set)")."""

    area = SettingsAreaEnum(required=True)
    actor_type = ActorTypeEnum(required=True)
    before = graphene.JSONString(required=True, description="Changed fields, their old values.")
    after = graphene.JSONString(required=True, description="Changed fields, their new values.")

    class Meta:
        model = SettingsChangeModel
        fields = ("created_at", "subject", "actor_id", "actor_email")
        convert_choices_to_enum = False


class SettingsChangeConnection(CountableConnection):
    class Meta:
        node = SettingsChange
