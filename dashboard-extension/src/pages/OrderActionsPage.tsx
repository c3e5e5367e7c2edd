/**
 * Order more-actions popup (ORDER_DETAILS_MORE_ACTIONS): per item hold / resume, reassign, skip the
 * stage, comment (what PodOps allows the person, and why not the rest), and the order's full timeline.
 */
import { useAppBridge } from "@saleor/app-sdk/app-bridge";
import { Box, Button, Text } from "@saleor/macaw-ui";

import { Card } from "../components/Card";
import { useDashboardActions } from "../bridge/dashboardActions";
import { ItemDetails } from "../components/ItemDetails";
import { PageLayout } from "../components/PageLayout";
import { StageBadge } from "../components/StageBadge";
import { EmptyState, ErrorState, QueryStates } from "../components/states";
import { Timeline } from "../components/Timeline";
import { ItemActions } from "../workflow/ItemActions";
import { useOrderProduction } from "../views/orderProduction";

const POPUP_ACTIONS = ["HOLD", "RESUME", "SKIP_STAGE", "REASSIGN", "COMMENT"] as const;

/** The order id from the dashboard's context, or from the widget that opened the popup. */
export function popupOrderId(urlOrderId: string | null, appParams: unknown): string | null {
  if (urlOrderId) {
    return urlOrderId;
  }
  if (appParams && typeof appParams === "object" && "orderId" in appParams) {
    const value = (appParams as { orderId: unknown }).orderId;
    return typeof value === "string" && value ? value : null;
  }
  return null;
}

export function OrderActionsPage({ orderId }: { orderId: string | null }) {
  const { appBridgeState } = useAppBridge();
  const saleorOrderId = popupOrderId(orderId, appBridgeState?.appParams);
  const order = useOrderProduction(saleorOrderId);
  const dashboard = useDashboardActions();

  return (
    <PageLayout
      title="Production actions"
      compact
      actions={
        <Button variant="tertiary" size="small" onClick={() => dashboard.closePopup()}>
          Close
        </Button>
      }
    >
      {!saleorOrderId ? (
        <ErrorState title="No order" error={new Error("The dashboard did not say which order this is.")} />
      ) : (
        <QueryStates
          query={order}
          loadingLabel="Loading production…"
          isEmpty={(data) => data.productionOrder === null}
          empty={<EmptyState title="Not in production">Nothing to act on for this order.</EmptyState>}
        >
          {(data) => {
            const production = data.productionOrder;
            if (!production) {
              return null;
            }
            return (
              <Box display="flex" flexDirection="column" gap={4} data-testid="order-actions">
                <Text size={3} fontWeight="bold">
                  Order #{production.number}
                </Text>
                {production.items.map((item) => (
                  <Card
                    key={item.id}
                    data-testid="popup-item"
                  >
                    <Box display="flex" justifyContent="space-between" alignItems="center">
                      <ItemDetails item={item} />
                      <StageBadge stage={item.stage} />
                    </Box>
                    <Text size={1} color="default2">
                      {item.assignee ? `Held by ${item.assignee.email}` : "Nobody holds it"}
                    </Text>
                    <ItemActions item={item} only={POPUP_ACTIONS} showBlocked size="small" />
                  </Card>
                ))}
                <Text size={3} fontWeight="bold">
                  Timeline
                </Text>
                <Timeline events={production.timeline} />
              </Box>
            );
          }}
        </QueryStates>
      )}
    </PageLayout>
  );
}
