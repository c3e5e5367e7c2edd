/** The extension's root: App Bridge, the dashboard's theme, the PodOps client, and the mount's page. */
import { type AppBridge, AppBridgeProvider } from "@saleor/app-sdk/app-bridge";
import { useState } from "react";

import { ApiProvider } from "../api/ApiProvider";
import { PodOpsClient } from "../api/client";
import { BridgeGate } from "../bridge/BridgeGate";
import { DashboardTheme } from "../bridge/DashboardTheme";
import { createBridgeTokenSource } from "../bridge/tokenSource";
import { MountView } from "./MountView";
import { resolveMount } from "./mounts";

export function apiEndpoint(location: URL): string {
  return new URL(import.meta.env.VITE_PODOPS_API_PATH ?? "/graphql/", location.origin).toString();
}

export function App({ bridge, location }: { bridge: AppBridge; location: URL }) {
  const [client] = useState(
    () => new PodOpsClient({ endpoint: apiEndpoint(location), tokens: createBridgeTokenSource(bridge) }),
  );
  return (
    <AppBridgeProvider appBridgeInstance={bridge}>
      <DashboardTheme initialTheme={location.searchParams.get("theme") ?? undefined}>
        <BridgeGate>
          <ApiProvider client={client}>
            <MountView mount={resolveMount(location)} />
          </ApiProvider>
        </BridgeGate>
      </DashboardTheme>
    </AppBridgeProvider>
  );
}
