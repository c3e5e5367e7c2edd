/**
 * The manager's production board: a column per stage with its count (and how many nobody holds),
 * each item with its assignee and age in the stage; search by order number or email, and a filter
 * for orders that need attention. A card opens the order in the dashboard. The orders come in pages
 * of 100, most urgent first (PodOps' cursors): "Load more" adds the next page's items to the columns
 * and focuses the first of them; a new search or filter starts again from the first page.
 */
import { Box, Checkbox, Input, Text } from "@saleor/macaw-ui";
import type { InfiniteData } from "@tanstack/react-query";
import { useDeferredValue, useEffect, useRef, useState } from "react";

import { usePodOpsPagedQuery, usePodOpsQuery } from "../api/hooks";
import { type MorePages, pageNodes, pagedList } from "../api/paging";
import { useDashboardActions } from "../bridge/dashboardActions";
import { LoadMore, shownOf } from "../components/LoadMore";
import { EmptyState, ErrorState, QueryStates } from "../components/states";
import { BOARD_STAGES, STAGE_LABELS } from "../format/stages";
import { formatAge } from "../format/time";
import { ProductionBoardQuery, StageCountsQuery } from "../graphql/documents";
import type { ProductionBoardQuery as BoardResult, ProductionStage } from "../graphql/generated/graphql";

/** Orders per page of the board (PodOps answers at most 100). */
export const BOARD_PAGE_SIZE = 100;

type BoardOrder = NonNullable<NonNullable<BoardResult["productionOrders"]["edges"][number]>["node"]>;
export type BoardCard = {
  itemId: string;
  orderId: string;
  orderNumber: string;
  saleorOrderId: string;
  lineIndex: number;
  productName: string;
  stage: ProductionStage;
  stageEnteredAt: string | null;
  assigneeEmail: string | null;
  needsAttention: boolean;
  priority: number;
};

/** The orders of every page shown, in order, each once. */
export function boardOrders(data: InfiniteData<BoardResult, unknown>): BoardOrder[] {
  return pageNodes(data, (page) => page.productionOrders.edges);
}

/** Every open item of the orders, grouped by its stage (the board's columns). */
export function cardsByStage(orders: readonly BoardOrder[]): Map<ProductionStage, BoardCard[]> {
  const columns = new Map<ProductionStage, BoardCard[]>();
  for (const order of orders) {
    for (const item of order.items) {
      const cards = columns.get(item.stage) ?? [];
      cards.push({
        itemId: item.id,
        orderId: order.id,
        orderNumber: order.number,
        saleorOrderId: order.saleorOrderId,
        lineIndex: item.lineIndex,
        productName: item.productName,
        stage: item.stage,
        stageEnteredAt: item.stageEnteredAt ?? null,
        assigneeEmail: item.assignee?.email ?? null,
        needsAttention: order.needsAttention,
        priority: order.priority,
      });
      columns.set(item.stage, cards);
    }
  }
  for (const cards of columns.values()) {
    // Oldest in the stage first: what waits longest is seen first.
    cards.sort((a, b) => (a.stageEnteredAt ?? "").localeCompare(b.stageEnteredAt ?? ""));
  }
  return columns;
}

export function ProductionBoard() {
  const [search, setSearch] = useState("");
  const [needsAttention, setNeedsAttention] = useState(false);
  const deferredSearch = useDeferredValue(search.trim());
  const counts = usePodOpsQuery(StageCountsQuery, {});
  const board = usePodOpsPagedQuery(
    ProductionBoardQuery,
    {
      first: BOARD_PAGE_SIZE,
      filter: {
        status: "OPEN",
        ...(deferredSearch ? { search: deferredSearch } : {}),
        ...(needsAttention ? { needsAttention: true } : {}),
      },
    },
    (page) => page.productionOrders.pageInfo,
  );
  const { states, more } = pagedList(board);

  return (
    <Box display="flex" flexDirection="column" gap={4}>
      <Box display="flex" gap={4} alignItems="center" flexWrap="wrap">
        <Box __width="320px">
          <Input
            label="Search order number or email"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </Box>
        <Checkbox checked={needsAttention} onCheckedChange={(checked) => setNeedsAttention(checked === true)}>
          <Text size={2}>Needs attention only</Text>
        </Checkbox>
      </Box>
      {counts.isError ? <ErrorState title="Stage counts could not be loaded" error={counts.error} /> : null}
      <QueryStates
        query={states}
        loadingLabel="Loading the board…"
        isEmpty={(data) => boardOrders(data).length === 0}
        empty={
          <EmptyState title={deferredSearch || needsAttention ? "No order matches" : "Nothing in production"}>
            {deferredSearch || needsAttention ? "Change the search or the filter." : "Paid orders appear here."}
          </EmptyState>
        }
      >
        {(data) => (
          <BoardColumns
            orders={boardOrders(data)}
            totalCount={data.pages[data.pages.length - 1]?.productionOrders.totalCount ?? 0}
            more={more}
            countOf={(stage) => counts.data?.stageCounts.find((row) => row.stage === stage)}
          />
        )}
      </QueryStates>
    </Box>
  );
}

const moreOrders = (count: number) => `${count} more ${count === 1 ? "order" : "orders"}`;

function BoardColumns({
  orders,
  totalCount,
  more,
  countOf,
}: {
  orders: BoardOrder[];
  totalCount: number;
  more: MorePages;
  countOf: (stage: ProductionStage) => { count: number; unassigned: number } | undefined;
}) {
  const dashboard = useDashboardActions();
  const boardRef = useRef<HTMLDivElement>(null);
  // the orders shown before "Load more": once the next page is shown, the first card of its
  // first order takes the focus
  const [shownBefore, setShownBefore] = useState<ReadonlySet<string> | null>(null);
  const columns = cardsByStage(orders);

  useEffect(() => {
    if (!shownBefore) {
      return;
    }
    const firstNew = orders.find((order) => !shownBefore.has(order.id) && order.items.length > 0);
    const cards = [...(boardRef.current?.querySelectorAll<HTMLElement>('[data-testid="board-card"]') ?? [])];
    cards.find((card) => card.dataset.orderId === firstNew?.id)?.focus();
    setShownBefore(null);
  }, [shownBefore, orders]);

  const loadMore = () => {
    if (more.loading) {
      return;
    }
    const shown = new Set(orders.map((order) => order.id));
    void more.load().then((loaded) => {
      if (loaded) {
        setShownBefore(shown);
      }
    });
  };

  return (
    <Box display="flex" flexDirection="column" gap={3}>
      <Text size={2} color="default2" data-testid="board-count">
        {shownOf(orders.length, totalCount)} orders
      </Text>
      <Box
        ref={boardRef}
        display="grid"
        gap={2}
        __gridTemplateColumns="repeat(auto-fit, minmax(140px, 1fr))"
        paddingBottom={2}
        data-testid="board"
      >
        {BOARD_STAGES.map((stage) => {
          const cards = columns.get(stage) ?? [];
          const count = countOf(stage);
          return (
            <Box
              key={stage}
              display="flex"
              flexDirection="column"
              gap={2}
              padding={2}
              borderRadius={4}
              backgroundColor="default2"
              data-testid="board-column"
              data-stage={stage}
            >
              <Box display="flex" justifyContent="space-between" alignItems="baseline">
                <Text size={3} fontWeight="bold">
                  {STAGE_LABELS[stage]}
                </Text>
                <Text size={2} color="default2" data-testid="stage-count">
                  {count ? `${count.count}${count.unassigned ? ` · ${count.unassigned} free` : ""}` : cards.length}
                </Text>
              </Box>
              {cards.map((card) => (
                <Box
                  as="button"
                  key={card.itemId}
                  onClick={() => dashboard.redirect(`/orders/${encodeURIComponent(card.saleorOrderId)}`)}
                  display="flex"
                  flexDirection="column"
                  gap={1}
                  padding={2}
                  borderRadius={3}
                  borderWidth={1}
                  borderStyle="solid"
                  borderColor={card.needsAttention ? "critical1" : "default1"}
                  backgroundColor="default1"
                  color="default1"
                  cursor="pointer"
                  textAlign="left"
                  data-testid="board-card"
                  data-order-id={card.orderId}
                  data-order={card.orderNumber}
                >
                  <Text size={2} fontWeight="bold">
                    #{card.orderNumber}-{card.lineIndex}
                    {card.priority > 0 ? " ★" : ""}
                  </Text>
                  <Text size={1}>{card.productName}</Text>
                  <Text size={1} color="default2">
                    {card.assigneeEmail ?? "Unassigned"}
                    {card.stageEnteredAt ? ` · ${formatAge(card.stageEnteredAt)}` : ""}
                  </Text>
                </Box>
              ))}
            </Box>
          );
        })}
      </Box>
      <LoadMore
        more={more}
        remaining={moreOrders(Math.max(totalCount - orders.length, 0))}
        failedTitle="The next orders did not load"
        onLoad={loadMore}
      />
    </Box>
  );
}
