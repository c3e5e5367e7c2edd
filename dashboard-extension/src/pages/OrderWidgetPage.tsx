/**
 * Order details widget (ORDER_DETAILS_WIDGETS): each item's production stage, who holds it, the due
 * date, the last events, and a button that opens the production actions popup.
 */
import { useWidgetAutoResize } from "@saleor/app-sdk/app-bridge";
import { Box, Button, Text } from "@saleor/macaw-ui";
import { useRef, useState } from "react";

import { useDashboardActions } from "../bridge/dashboardActions";
import { useDashboardLocale } from "../bridge/useDashboardLocale";
import { PageLayout } from "../components/PageLayout";
import { StageBadge } from "../components/StageBadge";
import { EmptyState, ErrorState, QueryStates } from "../components/states";
import { Timeline } from "../components/Timeline";
import { formatAge, formatDate, isOverdue } from "../format/time";
import { ORDER_ACTIONS_EXTENSION, useOrderProduction } from "../views/orderProduction";

export function OrderWidgetPage({ orderId }: { orderId: string | null }) {
  const rootRef = useRef<HTMLDivElement>(null);
  useWidgetAutoResize(rootRef);
  const order = useOrderProduction(orderId);
  const dashboard = useDashboardActions();
  const [popupError, setPopupError] = useState<unknown>(null);
  const locale = useDashboardLocale();

  const openActions = () => {
    setPopupError(null);
    dashboard.openPopup(ORDER_ACTIONS_EXTENSION, { orderId }).catch(() =>
      setPopupError(new Error("This Saleor Dashboard cannot open the popup: use the order's ⋯ menu → Production actions.")),
    );
  };

  return (
    <div ref={rootRef}>
      <PageLayout title="Production" compact>
        {!orderId ? (
          <ErrorState title="No order" error={new Error("The dashboard did not say which order this is.")} />
        ) : (
          <QueryStates
            query={order}
            loadingLabel="Loading production…"
            isEmpty={(data) => data.productionOrder === null}
            empty={<EmptyState title="Not in production">This order has no made-to-order items, or it has not started yet.</EmptyState>}
          >
            {(data) => {
              const production = data.productionOrder;
              if (!production) {
                return null;
              }
              return (
                <Box display="flex" flexDirection="column" gap={3} data-testid="order-widget">
                  <Box display="flex" gap={2} alignItems="center" flexWrap="wrap">
                    <StageBadge stage={production.stage} />
                    {production.dueAt ? (
                      <Text size={2} color={isOverdue(production.dueAt) ? "critical1" : "default2"}>
                        Due {formatDate(production.dueAt, locale)}
                      </Text>
                    ) : null}
                    {production.needsAttention ? (
                      <Text size={2} color="critical1">
                        Needs attention: {production.attentionReason}
                      </Text>
                    ) : null}
                  </Box>
                  {production.items.map((item) => (
                    <Box key={item.id} display="flex" justifyContent="space-between" gap={2} data-testid="widget-item">
                      <Box display="flex" flexDirection="column">
                        <Text size={2} fontWeight="medium">
                          {item.lineIndex}. {item.productName}
                        </Text>
                        <Text size={1} color="default2">
                          {item.assignee?.email ?? "Unassigned"}
                          {item.stageEnteredAt ? ` · ${formatAge(item.stageEnteredAt)} in stage` : ""}
                        </Text>
                      </Box>
                      <StageBadge stage={item.stage} />
                    </Box>
                  ))}
                  <Timeline events={production.timeline} limit={3} />
                  <Box>
                    <Button variant="secondary" size="small" onClick={openActions}>
                      Production actions
                    </Button>
                  </Box>
                  {popupError ? <ErrorState title="Popup not opened" error={popupError} /> : null}
                </Box>
              );
            }}
          </QueryStates>
        )}
      </PageLayout>
    </div>
  );
}
