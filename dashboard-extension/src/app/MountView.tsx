import { Box } from "@saleor/macaw-ui";

import { ErrorState } from "../components/states";
import { ConfigurationPage } from "../pages/ConfigurationPage";
import { OrderActionsPage } from "../pages/OrderActionsPage";
import { OrderWidgetPage } from "../pages/OrderWidgetPage";
import { ProductionPage } from "../pages/ProductionPage";
import type { Mount } from "./mounts";

export function MountView({ mount }: { mount: Mount }) {
  switch (mount.kind) {
    case "production":
      return <ProductionPage />;
    case "order-widget":
      return <OrderWidgetPage orderId={mount.orderId} />;
    case "order-actions":
      return <OrderActionsPage orderId={mount.orderId} />;
    case "configuration":
      return <ConfigurationPage />;
    case "unknown":
      return (
        <Box padding={6}>
          <ErrorState title="Page not found" error={new Error(`PodOps has no page at ${mount.path}.`)} />
        </Box>
      );
  }
}
