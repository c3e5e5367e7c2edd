/** Typed queries and mutations against PodOps, through the query cache. */
import {
  type UseMutationResult,
  type UseQueryResult,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";

import type { TypedDocumentString } from "../graphql/generated/graphql";
import { usePodOpsClient } from "./ApiProvider";

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
 * A mutation; on success the cached queries are refetched (every view shows current data after any
 * change, which is cheap at PodOps' scale).
 */
export function usePodOpsMutation<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
): UseMutationResult<TResult, Error, TVariables> {
  const client = usePodOpsClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: TVariables) => client.request(document, variables),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
