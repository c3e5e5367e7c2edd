/**
 * The PodOps GraphQL client: plain fetch, typed documents from codegen, the dashboard token on every
 * request in the app-sdk convention (`authorization-bearer`, `saleor-api-url`), and one retry with a
 * fresh token from the dashboard when PodOps refuses the token (it lives about five minutes).
 */
import { SALEOR_API_URL_HEADER, SALEOR_AUTHORIZATION_BEARER_HEADER } from "@saleor/app-sdk/headers";

import type { TypedDocumentString } from "../graphql/generated/graphql";
import { ApiError, type GraphQLErrorItem, isAuthFailure } from "./errors";

export type DashboardCredentials = {
  token: string | undefined;
  saleorApiUrl: string;
};

/** Where the client gets the dashboard token from (App Bridge in the app, a fake in tests). */
export interface TokenSource {
  current(): DashboardCredentials;
  /** Resolves with a token other than `staleToken`, asking the dashboard for one if needed. */
  refresh(staleToken: string | undefined): Promise<string>;
}

export type PodOpsClientOptions = {
  endpoint: string;
  tokens: TokenSource;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
};

type GraphQLResponseBody<TResult> = {
  data?: TResult | null;
  errors?: GraphQLErrorItem[];
};

type Attempt<TResult> =
  | { ok: true; data: TResult }
  | { ok: false; authFailure: boolean; error: ApiError };

const DEFAULT_TIMEOUT_MS = 30_000;

export class PodOpsClient {
  private readonly endpoint: string;
  private readonly tokens: TokenSource;
  private readonly fetchImpl: typeof globalThis.fetch;
  private readonly timeoutMs: number;

  constructor(options: PodOpsClientOptions) {
    this.endpoint = options.endpoint;
    this.tokens = options.tokens;
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables?: TVariables,
    signal?: AbortSignal,
  ): Promise<TResult> {
    const body = JSON.stringify({ query: document.toString(), variables: variables ?? {} });
    const sentWith = this.tokens.current();
    const first = await this.send<TResult>(sentWith, () => body, signal);
    if (first.ok) {
      return first.data;
    }
    if (!first.authFailure) {
      throw first.error;
    }
    try {
      // The refused token, not the current one: another request may have refreshed it meanwhile.
      await this.tokens.refresh(sentWith.token);
    } catch (cause) {
      throw new ApiError(
        "auth",
        "Your Saleor session could not be renewed. Reload the page in the Saleor Dashboard.",
        { cause },
      );
    }
    const second = await this.send<TResult>(this.tokens.current(), () => body, signal);
    if (second.ok) {
      return second.data;
    }
    if (second.authFailure) {
      throw new ApiError("auth", second.error.message, {
        status: second.error.status,
        graphQLErrors: second.error.graphQLErrors,
      });
    }
    throw second.error;
  }

  private async send<TResult>(
    credentials: DashboardCredentials,
    makeBody: () => BodyInit,
    signal: AbortSignal | undefined,
  ): Promise<Attempt<TResult>> {
    const headers = new Headers({ accept: "application/json" });
    const body = makeBody();
    if (typeof body === "string") {
      headers.set("content-type", "application/json");
    }
    headers.set(SALEOR_AUTHORIZATION_BEARER_HEADER, credentials.token ?? "");
    headers.set(SALEOR_API_URL_HEADER, credentials.saleorApiUrl);

    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await this.fetchImpl(this.endpoint, {
        method: "POST",
        headers,
        body,
        signal: combined,
        credentials: "omit",
      });
    } catch (cause) {
      if (signal?.aborted) {
        throw cause;
      }
      const message = timeout.aborted
        ? "PodOps did not answer in time. Check your connection and try again."
        : "PodOps could not be reached. Check your connection and try again.";
      return { ok: false, authFailure: false, error: new ApiError("network", message, { cause }) };
    }

    const parsed = await readJson<GraphQLResponseBody<TResult>>(response);
    const errors = parsed?.errors ?? [];
    if (isAuthFailure(response.status, errors)) {
      const message = errors[0]?.message ?? "PodOps refused the dashboard token.";
      return {
        ok: false,
        authFailure: true,
        error: new ApiError("auth", message, { status: response.status, graphQLErrors: errors }),
      };
    }
    if (errors.length > 0) {
      return {
        ok: false,
        authFailure: false,
        error: new ApiError("graphql", errors.map((error) => error.message).join("\n"), {
          status: response.status,
          graphQLErrors: errors,
        }),
      };
    }
    if (!response.ok || parsed?.data == null) {
      const message = response.ok
        ? "PodOps answered without data."
        : `PodOps answered with HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`;
      return {
        ok: false,
        authFailure: false,
        error: new ApiError("http", message, { status: response.status }),
      };
    }
    return { ok: true, data: parsed.data };
  }
}

async function readJson<T>(response: Response): Promise<T | undefined> {
  try {
    return (await response.json()) as T;
  } catch {
    return undefined;
  }
}
