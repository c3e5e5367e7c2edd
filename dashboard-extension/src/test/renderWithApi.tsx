/**
 * Render a view against a scripted PodOps: a real PodOpsClient and query cache whose fetch answers
 * each operation by name (the body of every request is recorded), inside a fake App Bridge and the
 * macaw theme.
 */
import { AppBridgeProvider } from "@saleor/app-sdk/app-bridge";
import { ThemeProvider } from "@saleor/macaw-ui";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { vi } from "vitest";

import { ApiProvider, createQueryClient } from "../api/ApiProvider";
import { PodOpsClient } from "../api/client";
import { createFakeBridge } from "./fakeBridge";

export type SentOperation = { operationName: string; variables: Record<string, unknown> };
type Answer = unknown | ((variables: Record<string, unknown>) => unknown);

export function renderWithApi(
  ui: ReactElement,
  answers: Record<string, Answer>,
  options: { createXhr?: () => XMLHttpRequest } = {},
) {
  const sent: SentOperation[] = [];
  const fetchMock = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { query: string; variables: Record<string, unknown> };
    const operationName = /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? "";
    sent.push({ operationName, variables: body.variables });
    const answer = answers[operationName];
    if (answer === undefined) {
      return new Response(JSON.stringify({ errors: [{ message: `No answer scripted for ${operationName}` }] }));
    }
    const value = typeof answer === "function" ? (answer as (v: Record<string, unknown>) => unknown)(body.variables) : answer;
    return new Response(JSON.stringify(value), { headers: { "content-type": "application/json" } });
  });
  const fake = createFakeBridge({ ready: true, token: "token-1" });
  const client = new PodOpsClient({
    endpoint: "https://podops.example.com/graphql/",
    tokens: { current: () => ({ token: "token-1", saleorApiUrl: "https://shop.example.com/graphql/" }), refresh: async () => "token-2" },
    fetch: fetchMock as unknown as typeof fetch,
    createXhr: options.createXhr,
  });
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: 0 } });
  const view = render(
    <ThemeProvider>
      <AppBridgeProvider appBridgeInstance={fake.bridge}>
        <ApiProvider client={client} queryClient={queryClient}>
          {ui}
        </ApiProvider>
      </AppBridgeProvider>
    </ThemeProvider>,
  );
  return { ...view, sent, fake };
}
