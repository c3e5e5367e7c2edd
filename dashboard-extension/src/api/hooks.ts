/** Typed queries and mutations against PodOps, through the query cache. */
import {
  type InfiniteData,
  type UseInfiniteQueryResult,
  type UseMutationResult,
  type QueryClient,
  type QueryKey,
  type UseQueryResult,
  hashKey,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";

import { useEffect } from "react";

import type { TypedDocumentString } from "../graphql/generated/graphql";
import { usePodOpsClient } from "./ApiProvider";
import { PayloadError, type PayloadErrorItem } from "./errors";

export function operationName(document: { toString(): string }): string {
  const match = /(?:query|mutation)\s+(\w+)/.exec(document.toString());
  return match?.[1] ?? "anonymous";
}

export function usePodOpsQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: { enabled?: boolean; refetchInterval?: number; staleTime?: number } = {},
): UseQueryResult<TResult> {
  const client = usePodOpsClient();
  return useQuery({
    queryKey: [operationName(document), variables],
    queryFn: ({ signal }) => client.request(document, variables, signal),
    enabled: options.enabled,
    refetchInterval: options.refetchInterval,
    // only when given: an undefined would replace the client's default
    ...(options.staleTime !== undefined ? { staleTime: options.staleTime } : {}),
  });
}

/** What a PodOps connection says about the page after it (`pageInfo { hasNextPage endCursor }`). */
export type NextPageInfo = { hasNextPage: boolean; endCursor?: string | null };

/**
 * A list PodOps pages by keyset cursors (`first`, `after`), one page per request: the first page
 * on mount, the next one (`after` = the last page's `endCursor`) on `fetchNextPage`. The pages stay
 * right while rows come and go (PodOps' cursors hold the row's sort values). A refetch (after any
 * mutation) asks again for as many pages as are shown, each after the fresh previous page. Other
 * variables (a tab, a filter, a search) are another list, which starts from its first page; a list
 * left (the view closed, the filter changed) keeps only its first page for when it is shown again.
 */
export function usePodOpsPagedQuery<TResult, TVariables extends { after?: string | null }>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: Omit<TVariables, "after">,
  pageInfoOf: (page: TResult) => NextPageInfo,
): UseInfiniteQueryResult<InfiniteData<TResult, string | null>> {
  const client = usePodOpsClient();
  const queryClient = useQueryClient();
  const queryKey = [operationName(document), variables, "pages"];
  const keyHash = hashKey(queryKey);
  useEffect(() => {
    const left = JSON.parse(keyHash) as QueryKey;
    return () => keepFirstPage<TResult>(queryClient, left);
  }, [queryClient, keyHash]);
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ signal, pageParam }) =>
      client.request(document, (pageParam ? { ...variables, after: pageParam } : variables) as TVariables, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => {
      const info = pageInfoOf(lastPage);
      return info.hasNextPage && info.endCursor ? info.endCursor : undefined;
    },
  });
}

/** Drop every page of a cached list but the first (as fresh as it was). */
function keepFirstPage<TResult>(queryClient: QueryClient, queryKey: QueryKey): void {
  const data = queryClient.getQueryData<InfiniteData<TResult, string | null>>(queryKey);
  if (!data || data.pages.length <= 1) {
    return;
  }
  queryClient.setQueryData<InfiniteData<TResult, string | null>>(
    queryKey,
    { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) },
    { updatedAt: queryClient.getQueryState(queryKey)?.dataUpdatedAt },
  );
}

/**
 * A mutation. `errorsOf` picks the payload's `errors` list: when it is not empty the mutation fails
 * with a `PayloadError` carrying PodOps' messages. On success the cached queries are refetched, so
 * every view shows current data after any change.
 */
export function usePodOpsMutation<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  errorsOf?: (data: TResult) => readonly PayloadErrorItem[] | null | undefined,
): UseMutationResult<TResult, Error, TVariables> {
  const client = usePodOpsClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: TVariables) => {
      const data = await client.request(document, variables);
      const errors = errorsOf?.(data) ?? [];
      if (errors.length > 0) {
        throw new PayloadError(errors);
      }
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
