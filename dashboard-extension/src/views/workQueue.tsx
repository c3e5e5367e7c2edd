/** One tab of the signed-in person's work, with its loading, error and empty states. */
import { Box, Text } from "@saleor/macaw-ui";
import type { ReactNode } from "react";

import { usePodOpsQuery } from "../api/hooks";
import { useDashboardLocale } from "../bridge/useDashboardLocale";
import { StageBadge } from "../components/StageBadge";
import { EmptyState, QueryStates } from "../components/states";
import { formatAge, formatDate, isOverdue } from "../format/time";
import { MyWorkQuery } from "../graphql/documents";
import type { MyWorkQuery as MyWorkResult, MyWorkTab, WorkItemFieldsFragment } from "../graphql/generated/graphql";

export type WorkItem = NonNullable<NonNullable<MyWorkResult["myWork"]["edges"][number]>["node"]>;

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
  return usePodOpsQuery(MyWorkQuery, { tab, first: QUEUE_PAGE_SIZE });
}

export function workItems(data: MyWorkResult): WorkItem[] {
  return data.myWork.edges.flatMap((edge) => (edge?.node ? [edge.node] : []));
}

export function WorkQueue({
  tab,
  children,
}: {
  tab: MyWorkTab;
  children: (items: WorkItem[], totalCount: number) => ReactNode;
}) {
  const query = useWorkQueue(tab);
  return (
    <QueryStates
      query={query}
      loadingLabel="Loading your work…"
      isEmpty={(data) => workItems(data).length === 0}
      empty={<EmptyState title="All done">{EMPTY_TEXT[tab]}</EmptyState>}
    >
      {(data) => children(workItems(data), data.myWork.totalCount)}
    </QueryStates>
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
  ...props
}: { children: ReactNode; critical?: boolean } & Record<`data-${string}`, string>) {
  return (
    <Box
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
