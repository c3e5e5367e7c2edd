/**
 * Artwork QC: each item's inputs and history, the customer's photos beside the newest artwork with
 * its print check; approve, or reject with a reason. Page by page (see `WorkQueue`).
 */
import { ItemArtwork } from "../artwork/ItemArtwork";
import { ItemDetails } from "../components/ItemDetails";
import { RejectionHistory } from "../components/Timeline";
import { ItemActions } from "../workflow/ItemActions";
import { WorkItemHeading, WorkQueue } from "./workQueue";

export function QcQueue() {
  return (
    <WorkQueue tab="ARTWORK_QC" cardTestId="qc-card">
      {(item) => (
        <>
          <WorkItemHeading item={item} />
          <ItemDetails item={item} />
          <RejectionHistory events={item.timeline} />
          <ItemArtwork itemId={item.id} uploadReferences={item.uploadReferences} layout="side-by-side" />
          <ItemActions item={item} only={["QC_APPROVE", "QC_REJECT"]} />
        </>
      )}
    </WorkQueue>
  );
}
