/** Under a paged list: why its next page did not come (with a retry), and "Load more" while more wait. */
import { Box, Button, Text } from "@saleor/macaw-ui";

import type { MorePages } from "../api/paging";
import { ErrorState } from "./states";

export function LoadMore({
  more,
  remaining,
  failedTitle,
  onLoad,
}: {
  more: MorePages;
  /** "3 more waiting": what the rest of the list is. */
  remaining: string;
  /** The title of the error when the next page failed. */
  failedTitle: string;
  onLoad: () => void;
}) {
  return (
    <>
      {more.error ? <ErrorState title={failedTitle} error={more.error} onRetry={onLoad} /> : null}
      {more.hasNextPage ? (
        <Box display="flex" gap={2} alignItems="center">
          <Button variant="secondary" disabled={more.loading} onClick={onLoad}>
            {more.loading ? "Loading more…" : "Load more"}
          </Button>
          <Text size={2} color="default2">
            {remaining}
          </Text>
        </Box>
      ) : null}
    </>
  );
}

/** "100 of 250" while some are not shown, else the total. */
export function shownOf(shown: number, total: number): string {
  return shown < total ? `${shown} of ${total}` : String(total);
}
