/** The PodOps client and the query cache, available to every view. */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useState } from "react";

import { ApiError } from "./errors";
import type { PodOpsClient } from "./client";

const ClientContext = createContext<PodOpsClient | null>(null);

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A refused token is already retried once by the client; GraphQL errors are answers.
        retry: (failureCount, error) =>
          failureCount < 2 && error instanceof ApiError && error.kind === "network",
        refetchOnWindowFocus: false,
        staleTime: 15_000,
      },
      mutations: { retry: false },
    },
  });
}

export function ApiProvider({
  client,
  queryClient,
  children,
}: {
  client: PodOpsClient;
  queryClient?: QueryClient;
  children: ReactNode;
}) {
  const [cache] = useState(() => queryClient ?? createQueryClient());
  return (
    <ClientContext.Provider value={client}>
      <QueryClientProvider client={cache}>{children}</QueryClientProvider>
    </ClientContext.Provider>
  );
}

export function usePodOpsClient(): PodOpsClient {
  const client = useContext(ClientContext);
  if (!client) {
    throw new Error("usePodOpsClient must be used inside ApiProvider");
  }
  return client;
}
