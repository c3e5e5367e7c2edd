/**
 * The artist's tabs (New work, Rejected by customer, Rejected by art manager): the batch uploader,
 * then each item with the customer's inputs and photos, its rejection history, its artwork versions
 * (with a drop zone for one file) and the hand-on button. Page by page (see `WorkQueue`).
 */
import { Box } from "@saleor/macaw-ui";

import { BatchUpload } from "../artwork/BatchUpload";
import { ItemArtwork } from "../artwork/ItemArtwork";
import { ItemDetails } from "../components/ItemDetails";
import { RejectionHistory } from "../components/Timeline";
import type { MyWorkTab } from "../graphql/generated/graphql";
import { ItemActions } from "../workflow/ItemActions";
import { WorkItemHeading, WorkQueue } from "./workQueue";

export function ArtistQueue({ tab }: { tab: Extract<MyWorkTab, "NEW_WORK" | "REJECTED_BY_CUSTOMER" | "REJECTED_BY_ART_MANAGER"> }) {
  return (
    <Box display="flex" flexDirection="column" gap={4}>
      <BatchUpload />
      <WorkQueue tab={tab} cardTestId="artist-card">
        {(item) => (
          <>
            <WorkItemHeading item={item} />
            <ItemDetails item={item} />
            <RejectionHistory events={item.timeline} />
            <ItemArtwork itemId={item.id} uploadReferences={item.uploadReferences} canUpload />
            <ItemActions item={item} only={["SUBMIT_ARTWORK", "COMMENT"]} />
          </>
        )}
      </WorkQueue>
    </Box>
  );
}
