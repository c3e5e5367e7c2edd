/**
 * Artwork QC: each item's inputs and history, the customer's photos beside the newest artwork with
 * its print check; approve, or reject with a reason.
 */
import { Box } from "@saleor/macaw-ui";

import { ItemArtwork } from "../artwork/ItemArtwork";
import { ItemDetails } from "../components/ItemDetails";
import { RejectionHistory } from "../components/Timeline";
import { ItemActions } from "../workflow/ItemActions";
import { WorkCard, WorkItemHeading, WorkQueue } from "./workQueue";

export function QcQueue() {
  return (
    <WorkQueue tab="ARTWORK_QC">
      {(items) => (
        <Box display="flex" flexDirection="column" gap={3}>
          {items.map((item) => (
            <WorkCard key={item.id} data-testid="qc-card" data-order={item.order.number}>
              <WorkItemHeading item={item} />
              <ItemDetails item={item} />
              <RejectionHistory events={item.timeline} />
              <ItemArtwork itemId={item.id} uploadReferences={item.uploadReferences} layout="side-by-side" />
              <ItemActions item={item} only={["QC_APPROVE", "QC_REJECT"]} />
            </WorkCard>
          ))}
        </Box>
      )}
    </WorkQueue>
  );
}
