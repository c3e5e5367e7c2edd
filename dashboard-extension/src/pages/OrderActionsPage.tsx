/** Order more-actions popup: hold / resume, reassign, skip stage, comment, timeline. */
import { PageLayout } from "../components/PageLayout";
import { ErrorState } from "../components/states";
import { ServiceStatus } from "../components/ServiceStatus";

export function OrderActionsPage({ orderId }: { orderId: string | null }) {
  return (
    <PageLayout title="Production actions" compact actions={<ServiceStatus />}>
      {orderId ? null : (
        <ErrorState title="No order" error={new Error("The dashboard did not say which order this is.")} />
      )}
    </PageLayout>
  );
}
