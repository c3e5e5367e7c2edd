/**
 * The artist's tabs (New work, Rejected by customer, Rejected by art manager): each item with the
 * customer's inputs and its rejection history, and the hand-on button. Artwork files are uploaded
 * with the batch uploader once PodOps' staff API takes them.
 */
import { Box } from "@saleor/macaw-ui";

import { ItemDetails } from "../components/ItemDetails";
import { RejectionHistory } from "../components/Timeline";
import type { MyWorkTab } from "../graphql/generated/graphql";
import { ItemActions } from "../workflow/ItemActions";
import { WorkCard, WorkItemHeading, WorkQueue } from "./workQueue";

export function ArtistQueue({ tab }: { tab: Extract<MyWorkTab, "NEW_WORK" | "REJECTED_BY_CUSTOMER" | "REJECTED_BY_ART_MANAGER"> }) {
  return (
    <WorkQueue tab={tab}>
      {(items) => (
        <Box display="flex" flexDirection="column" gap={3}>
          {items.map((item) => (
            <WorkCard key={item.id} data-testid="artist-card" data-order={item.order.number}>
              <WorkItemHeading item={item} />
              <ItemDetails item={item} />
              <RejectionHistory events={item.timeline} />
              <ItemActions item={item} only={["SUBMIT_ARTWORK", "COMMENT"]} />
            </WorkCard>
          ))}
        </Box>
      )}
    </WorkQueue>
  );
}
