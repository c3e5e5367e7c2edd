/** Pages of `myWork` as PodOps answers them, for the work queue views. */
import { workItem } from "./fulfilmentFixtures";

export type Item = ReturnType<typeof workItem> & { timeline: unknown[] };

export function queueItem(number: string, stage: string, availableActions: string[]): Item {
  return { ...workItem(number, { stage, availableActions }), timeline: [] };
}

/** One page of `myWork`: `next` is the endCursor when more pages follow. */
export function workPage(items: Item[], { totalCount = items.length, next = null as string | null } = {}) {
  return {
    data: {
      myWork: {
        totalCount,
        pageInfo: { hasNextPage: next !== null, endCursor: next ?? (items.length ? `end-${items.length}` : null) },
        edges: items.map((node) => ({ node })),
      },
    },
  };
}

/** The items' artwork as `ItemArtwork` asks for it: no photo, no version yet. */
export const noArtwork = { data: { customerUploads: [], artworkFileName: "artwork.png", artworkVersions: [] } };

export const workRequests = (sent: { operationName: string; variables: Record<string, unknown> }[]) =>
  sent.filter((op) => op.operationName === "MyWork").map((op) => op.variables);
