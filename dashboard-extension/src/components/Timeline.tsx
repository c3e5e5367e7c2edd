/** The timeline of an order or an item: newest first, who did what and why. */
import { Box, Text } from "@saleor/macaw-ui";

import { useDashboardLocale } from "../bridge/useDashboardLocale";
import { formatDateTime } from "../format/time";
import { eventLabel, stageLabel } from "../format/stages";
import type { TimelineEventFieldsFragment } from "../graphql/generated/graphql";
import { EmptyState } from "./states";

export function describeEvent(event: TimelineEventFieldsFragment): string {
  const label = eventLabel(event.type);
  if (event.fromStage && event.toStage) {
    return `${label}: ${stageLabel(event.fromStage)} → ${stageLabel(event.toStage)}`;
  }
  const stage = event.fromStage ?? event.toStage;
  return stage ? `${label}: ${stageLabel(stage)}` : label;
}

export function Timeline({
  events,
  limit,
}: {
  events: readonly TimelineEventFieldsFragment[];
  limit?: number;
}) {
  const locale = useDashboardLocale();
  const newestFirst = [...events].reverse().slice(0, limit ?? events.length);
  if (newestFirst.length === 0) {
    return <EmptyState title="Nothing happened yet" />;
  }
  return (
    <Box as="ol" display="flex" flexDirection="column" gap={2} padding={0} margin={0} data-testid="timeline">
      {newestFirst.map((event, index) => (
        <Box
          as="li"
          key={`${event.createdAt}-${index}`}
          display="flex"
          flexDirection="column"
          gap={0.5}
          borderLeftWidth={1}
          borderLeftStyle="solid"
          borderColor="default1"
          paddingLeft={3}
          style={{ listStyle: "none" }}
        >
          <Text size={2} fontWeight="medium">
            {describeEvent(event)}
            {event.reasonCode ? ` (${event.reasonCode})` : ""}
          </Text>
          {event.comment ? <Text size={2}>{event.comment}</Text> : null}
          <Text size={1} color="default2">
            {formatDateTime(event.createdAt, locale)} · {event.actorType.toLowerCase()}
          </Text>
        </Box>
      ))}
    </Box>
  );
}

/** The rejections an item went through (the artist's "why is this back"). */
export function RejectionHistory({ events }: { events: readonly TimelineEventFieldsFragment[] }) {
  const rejections = events.filter((event) => event.type === "REJECTED");
  if (rejections.length === 0) {
    return null;
  }
  return (
    <Box display="flex" flexDirection="column" gap={1} data-testid="rejection-history">
      <Text size={2} fontWeight="bold">
        Rejections
      </Text>
      {rejections.map((event, index) => (
        <Text key={`${event.createdAt}-${index}`} size={2} color="critical1">
          {stageLabel(event.fromStage)}: {event.reasonCode}
          {event.comment ? ` — ${event.comment}` : ""}
        </Text>
      ))}
    </Box>
  );
}
