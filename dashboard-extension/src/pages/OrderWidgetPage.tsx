/** Order details widget: the order's production stage per item (ORDER_DETAILS_WIDGETS). */
import { useWidgetAutoResize } from "@saleor/app-sdk/app-bridge";
import { useRef } from "react";

import { PageLayout } from "../components/PageLayout";
import { ErrorState } from "../components/states";
import { ServiceStatus } from "../components/ServiceStatus";

export function OrderWidgetPage({ orderId }: { orderId: string | null }) {
  const rootRef = useRef<HTMLDivElement>(null);
  useWidgetAutoResize(rootRef);
  return (
    <div ref={rootRef}>
      <PageLayout title="Production" compact actions={<ServiceStatus />}>
        {orderId ? null : (
          <ErrorState title="No order" error={new Error("The dashboard did not say which order this is.")} />
        )}
      </PageLayout>
    </div>
  );
}
