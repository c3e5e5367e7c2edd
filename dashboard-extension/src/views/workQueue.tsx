/**
 * One tab of the signed-in person's work, with its loading, error and empty states. The tab comes in
 * pages of 100 (PodOps' cursors): "Load more", or moving on past the last card from the keyboard
 * (↓ or j on a card; ↑ / k back, Home, End), appends the next page and focuses its first card.
 */
import { Box, Text } from "@saleor/macaw-ui";
import type { InfiniteData } from "@tanstack/react-query";
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from "react";

import { usePodOpsPagedQuery } from "../api/hooks";
import { type MorePages, pageNodes, pagedList } from "../api/paging";
import { useDashboardLocale } from "../bridge/useDashboardLocale";
import { LoadMore, shownOf } from "../components/LoadMore";
import { StageBadge } from "../components/StageBadge";
import { EmptyState, QueryStates } from "../components/states";
import { formatAge, formatDate, isOverdue } from "../format/time";
import { MyWorkQuery } from "../graphql/documents";
import type { MyWorkQuery as MyWorkResult, MyWorkTab, WorkItemFieldsFragment } from "../graphql/generated/graphql";

export type WorkItem = NonNullable<NonNullable<MyWorkResult["myWork"]["edges"][number]>["node"]>;

/** Rows per page of a work queue (PodOps answers at most 100). */
export const QUEUE_PAGE_SIZE = 100;

const EMPTY_TEXT: Record<MyWorkTab, string> = {
  IMAGE_REVIEW: "No photos waiting for review.",
  NEW_WORK: "No new artwork to make.",
  REJECTED_BY_CUSTOMER: "No artwork sent back by customers.",
  REJECTED_BY_ART_MANAGER: "No artwork sent back by QC.",
  ARTWORK_QC: "No artwork waiting for QC.",
  FULFILMENT_QUEUE: "Nothing waiting to be sent to print.",
};

export function useWorkQueue(tab: MyWorkTab) {
  return usePodOpsPagedQuery(MyWorkQuery, { tab, first: QUEUE_PAGE_SIZE }, (page) => page.myWork.pageInfo);
}

/** The items of every page shown, in order, each once. */
export function workItems(data: InfiniteData<MyWorkResult, unknown>): WorkItem[] {
  return pageNodes(data, (page) => page.myWork.edges);
}

export function WorkQueue({
  tab,
  cardTestId,
  children,
}: {
  tab: MyWorkTab;
  /** `data-testid` of each item's card. */
  cardTestId: string;
  /** The content of an item's card. */
  children: (item: WorkItem) => ReactNode;
}) {
  const query = useWorkQueue(tab);
  const { states, more } = pagedList(query);
  return (
    <QueryStates
      query={states}
      loadingLabel="Loading your work…"
      isEmpty={(data) => workItems(data).length === 0}
      empty={<EmptyState title="All done">{EMPTY_TEXT[tab]}</EmptyState>}
    >
      {(data) => (
        <WorkCards
          items={workItems(data)}
          totalCount={data.pages[data.pages.length - 1]?.myWork.totalCount ?? 0}
          more={more}
          cardTestId={cardTestId}
          label={TAB_LIST_LABEL[tab]}
        >
          {children}
        </WorkCards>
      )}
    </QueryStates>
  );
}

const TAB_LIST_LABEL: Record<MyWorkTab, string> = {
  IMAGE_REVIEW: "Photos to review",
  NEW_WORK: "New work",
  REJECTED_BY_CUSTOMER: "Artwork rejected by customers",
  REJECTED_BY_ART_MANAGER: "Artwork rejected by QC",
  ARTWORK_QC: "Artwork to check",
  FULFILMENT_QUEUE: "Items to send to print",
};

/** Keys that move to the next card (and, from the last one, into the next page). */
const FORWARD_KEYS = new Set(["ArrowDown", "j", "End"]);

/** Where a key moves the focus among `count` cards. */
export function nextCardIndex(current: number, key: string, count: number): number {
  switch (key) {
    case "ArrowDown":
    case "j":
      return Math.min(count - 1, current + 1);
    case "ArrowUp":
    case "k":
      return Math.max(0, current - 1);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return current;
  }
}

function WorkCards({
  items,
  totalCount,
  more,
  cardTestId,
  label,
  children,
}: {
  items: WorkItem[];
  totalCount: number;
  more: MorePages;
  cardTestId: string;
  label: string;
  children: (item: WorkItem) => ReactNode;
}) {
  const [active, setActive] = useState(0);
  // the card to focus once it is rendered (after a key, or the first card of a page just loaded)
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const cardRefs = useRef<Array<HTMLDivElement | null>>([]);
  const activeIndex = Math.max(0, Math.min(active, items.length - 1));

  useEffect(() => {
    if (focusIndex !== null && cardRefs.current[focusIndex]) {
      cardRefs.current[focusIndex]?.focus();
      setFocusIndex(null);
    }
  }, [focusIndex, items.length]);

  const moveTo = (index: number) => {
    setActive(index);
    setFocusIndex(index);
  };

  const loadMore = () => {
    if (more.loading) {
      return;
    }
    const firstNew = items.length;
    void more.load().then((loaded) => {
      if (loaded) {
        moveTo(firstNew);
      }
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // only on a card itself: keys typed into its fields and buttons stay theirs
    const index = cardRefs.current.indexOf(event.target as HTMLDivElement);
    if (index < 0 || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const next = nextCardIndex(index, event.key, items.length);
    if (next !== index) {
      event.preventDefault();
      moveTo(next);
    } else if (index === items.length - 1 && FORWARD_KEYS.has(event.key) && more.hasNextPage) {
      event.preventDefault();
      loadMore();
    }
  };

  return (
    <Box display="flex" flexDirection="column" gap={3}>
      <Text size={2} color="default2" data-testid="queue-count">
        {shownOf(items.length, totalCount)} waiting · ↑↓ move between items
      </Text>
      <Box display="flex" flexDirection="column" gap={3} role="list" aria-label={label} onKeyDown={onKeyDown}>
        {items.map((item, index) => (
          <WorkCard
            key={item.id}
            cardRef={(element) => {
              cardRefs.current[index] = element;
            }}
            role="listitem"
            tabIndex={index === activeIndex ? 0 : -1}
            onFocus={() => setActive(index)}
            aria-label={`#${item.order.number}-${item.lineIndex}`}
            data-testid={cardTestId}
            data-order={item.order.number}
            data-item={item.id}
          >
            {children(item)}
          </WorkCard>
        ))}
      </Box>
      <LoadMore
        more={more}
        remaining={`${Math.max(totalCount - items.length, 0)} more waiting`}
        failedTitle="The next items did not load"
        onLoad={loadMore}
      />
    </Box>
  );
}

/** Order number, stage, age in stage and due date: the line every work card starts with. */
export function WorkItemHeading({ item }: { item: WorkItemFieldsFragment }) {
  const overdue = isOverdue(item.order.dueAt);
  const locale = useDashboardLocale();
  return (
    <Box display="flex" gap={2} alignItems="center" flexWrap="wrap">
      <Text size={4} fontWeight="bold">
        #{item.order.number}-{item.lineIndex}
      </Text>
      <StageBadge stage={item.stage} />
      {item.stageEnteredAt ? (
        <Text size={1} color="default2" title="Time in this stage">
          {formatAge(item.stageEnteredAt)}
        </Text>
      ) : null}
      {item.order.dueAt ? (
        <Text size={1} color={overdue ? "critical1" : "default2"}>
          due {formatDate(item.order.dueAt, locale)}
        </Text>
      ) : null}
      {item.order.priority > 0 ? (
        <Text size={1} color="warning1">
          priority {item.order.priority}
        </Text>
      ) : null}
    </Box>
  );
}

/** A card of work (an item, a partner job); `critical` when it needs a decision. */
export function WorkCard({
  children,
  critical = false,
  cardRef,
  role,
  tabIndex,
  onFocus,
  ...props
}: {
  children: ReactNode;
  critical?: boolean;
  cardRef?: (element: HTMLDivElement | null) => void;
  role?: string;
  tabIndex?: number;
  onFocus?: () => void;
} & Record<`data-${string}` | `aria-${string}`, string>) {
  return (
    <Box
      ref={cardRef}
      role={role}
      tabIndex={tabIndex}
      onFocus={onFocus}
      display="flex"
      flexDirection="column"
      gap={3}
      padding={4}
      borderWidth={1}
      borderStyle="solid"
      borderColor={critical ? "critical1" : "default1"}
      borderRadius={4}
      backgroundColor="default1"
      {...props}
    >
      {children}
    </Box>
  );
}
