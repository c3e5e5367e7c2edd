import { usePodOpsQuery } from "../api/hooks";
import { OrderProductionQuery } from "../graphql/documents";

/** The production order of the Saleor order the dashboard shows (none when `orderId` is missing). */
export function useOrderProduction(saleorOrderId: string | null) {
  return usePodOpsQuery(OrderProductionQuery, { saleorOrderId: saleorOrderId ?? "" }, { enabled: Boolean(saleorOrderId) });
}

/** The identifier of the order-actions POPUP extension in PodOps' manifest. */
export const ORDER_ACTIONS_EXTENSION = "podops-order-actions";
