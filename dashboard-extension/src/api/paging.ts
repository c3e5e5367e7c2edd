/** The pieces every list paged by PodOps' cursors shares (`usePodOpsPagedQuery`). */
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";

/** The next page of a list: whether there is one, and loading it. */
export type MorePages = {
  hasNextPage: boolean;
  loading: boolean;
  /** Why the next page did not come (the pages shown stay). */
  error: unknown;
  /** Resolves with whether the page came. */
  load: () => Promise<boolean>;
};

type Edges<TNode> = ReadonlyArray<{ node?: TNode | null } | null>;

/**
 * The rows of every page shown, in order, each once (a row whose sort values changed between two
 * page loads may come again on a later page).
 */
export function pageNodes<TPage, TNode extends { id: string }>(
  data: InfiniteData<TPage, unknown>,
  edgesOf: (page: TPage) => Edges<TNode>,
): TNode[] {
  const seen = new Set<string>();
  return data.pages.flatMap((page) =>
    edgesOf(page).flatMap((edge) => {
      const node = edge?.node;
      if (!node || seen.has(node.id)) {
        return [];
      }
      seen.add(node.id);
      return [node];
    }),
  );
}

/**
 * A paged query as its list shows it: `states` for `QueryStates` (a next page that failed is not
 * the list failing: the pages shown stay) and `more`, the next page.
 */
export function pagedList<TData>(query: UseInfiniteQueryResult<TData>): {
  states: UseInfiniteQueryResult<TData>;
  more: MorePages;
} {
  return {
    states: { ...query, isError: query.isError && !query.isFetchNextPageError } as UseInfiniteQueryResult<TData>,
    more: {
      hasNextPage: query.hasNextPage,
      loading: query.isFetchingNextPage,
      error: query.isFetchNextPageError ? query.error : null,
      load: async () => !(await query.fetchNextPage()).isError,
    },
  };
}
