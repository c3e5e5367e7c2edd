from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.fulfilment.configuration import print_partner_update

from ...core.auth import person_of, require_manager
from ..types import PrintPartner
from .base import FulfilmentMutation, partner_of
from .print_partner_create import PrintPartnerInput, partner_input


class PrintPartnerUpdate(FulfilmentMutation):
    class Arguments:
        id = graphene.ID(required=True)
        input = PrintPartnerInput(required=True)

    class Meta:
        description = "Managers: change a print partner (its secret only when given)."

    partner = graphene.Field(PrintPartner)

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_manager(info)
        partner = print_partner_update(
            partner=partner_of(identity, data["id"], field="id"),
            data=partner_input(data["input"]),
            person=person_of(identity),
        )
        return cls(partner=partner, errors=[])
