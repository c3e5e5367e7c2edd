/** Orders → Production: the signed-in person's work and, for managers, the production board. */
import { useAppBridge } from "@saleor/app-sdk/app-bridge";

import { PageLayout } from "../components/PageLayout";
import { RefreshButton } from "../components/RefreshButton";
import { ServiceStatus } from "../components/ServiceStatus";
import { EmptyState } from "../components/states";

export function ProductionPage() {
  const { appBridgeState } = useAppBridge();
  return (
    <PageLayout
      title="Production"
      subtitle={appBridgeState?.user?.email ? `Signed in as ${appBridgeState.user.email}` : undefined}
      actions={
        <>
          <ServiceStatus />
          <RefreshButton />
        </>
      }
    >
      <EmptyState title="Nothing assigned to you">
        Work assigned to you appears here as soon as it reaches your stage.
      </EmptyState>
    </PageLayout>
  );
}
