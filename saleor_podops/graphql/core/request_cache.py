"""Per-request caches, so list fields cost a constant number of queries."""

from __future__ import annotations

from graphene import ResolveInfo

from saleor_podops.workflow.flow import FlowResolver


def flow_resolver(info: ResolveInfo, installation_id: int) -> FlowResolver:
    cache = info.context.__dict__.setdefault("_podops_flow_resolvers", {})
    if installation_id not in cache:
        cache[installation_id] = FlowResolver(installation_id)
    return cache[installation_id]
