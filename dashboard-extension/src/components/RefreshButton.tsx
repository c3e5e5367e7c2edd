import { Button } from "@saleor/macaw-ui";
import { useIsFetching, useQueryClient } from "@tanstack/react-query";

/** Reload every query of the page from PodOps (keeps the page and its inputs). */
export function RefreshButton() {
  const queryClient = useQueryClient();
  const fetching = useIsFetching() > 0;
  return (
    <Button
      variant="tertiary"
      size="small"
      disabled={fetching}
      onClick={() => void queryClient.invalidateQueries()}
    >
      {fetching ? "Refreshing…" : "Refresh"}
    </Button>
  );
}
