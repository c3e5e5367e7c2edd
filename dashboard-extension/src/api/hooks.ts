/** Typed queries and mutations against PodOps, through the query cache. */
import {
  type InfiniteData,
  type UseInfiniteQueryResult,
  type UseMutationResult,
  type UseQueryResult,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";

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
  options: { enabled?: boolean; refetchInterval?: number } = {},
): UseQueryResult<TResult> {
  const client = usePodOpsClient();
  return useQuery({
    queryKey: [operationName(document), variables],
    queryFn: ({ signal }) => client.request(document, variables, signal),
    enabled: options.enabled,
    refetchInterval: options.refetchInterval,
  });
}

/**
 * A list paged by PodOps' keyset cursors, page after page ("Load more"): `nextCursor` reads a page's
 * `endCursor` when it has a next page. A refetch (after any mutation) reloads the pages in order,
 * each from the cursor of the one before, so rows added meanwhile are neither skipped nor repeated.
 */
export function usePodOpsPages<TResult, TVariables extends { after?: string | null }>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: Omit<TVariables, "after">,
  nextCursor: (page: TResult) => string | null | undefined,
): UseInfiniteQueryResult<InfiniteData<TResult, string | null>> {
  const client = usePodOpsClient();
  return useInfiniteQuery({
    queryKey: [operationName(document), variables, "pages"],
    queryFn: ({ pageParam, signal }) =>
      client.request(document, { ...variables, after: pageParam } as TVariables, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page: TResult) => nextCursor(page) ?? undefined,
  });
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
