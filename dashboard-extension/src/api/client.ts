/**
 * The PodOps GraphQL client: plain fetch, typed documents from codegen, the dashboard token on every
 * request in the app-sdk convention (`authorization-bearer`, `saleor-api-url`), and one retry with a
 * fresh token from the dashboard when PodOps refuses the token (it lives about five minutes).
 * File uploads use the GraphQL multipart request spec over XMLHttpRequest, for upload progress.
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

export type UploadProgress = { loaded: number; total: number };

export type PodOpsClientOptions = {
  endpoint: string;
  tokens: TokenSource;
  fetch?: typeof globalThis.fetch;
  createXhr?: () => XMLHttpRequest;
  timeoutMs?: number;
  uploadTimeoutMs?: number;
};

type GraphQLResponseBody<TResult> = {
  data?: TResult | null;
  errors?: GraphQLErrorItem[];
};

type Attempt<TResult> =
  | { ok: true; data: TResult }
  | { ok: false; authFailure: boolean; error: ApiError };

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_UPLOAD_TIMEOUT_MS = 10 * 60_000;
const UNREACHABLE = "PodOps could not be reached. Check your connection and try again.";
const TOO_SLOW = "PodOps did not answer in time. Check your connection and try again.";

function headersFor(credentials: DashboardCredentials): Record<string, string> {
  return {
    accept: "application/json",
    [SALEOR_AUTHORIZATION_BEARER_HEADER]: credentials.token ?? "",
    [SALEOR_API_URL_HEADER]: credentials.saleorApiUrl,
  };
}

/** What an answer from PodOps means, whatever carried it (fetch or XHR). */
export function interpretAnswer<TResult>(
  status: number,
  statusText: string,
  parsed: GraphQLResponseBody<TResult> | undefined,
): Attempt<TResult> {
  const errors = parsed?.errors ?? [];
  if (isAuthFailure(status, errors)) {
    const message = errors[0]?.message ?? "PodOps refused the dashboard token.";
    return {
      ok: false,
      authFailure: true,
      error: new ApiError("auth", message, { status, graphQLErrors: errors }),
    };
  }
  if (errors.length > 0) {
    return {
      ok: false,
      authFailure: false,
      error: new ApiError("graphql", errors.map((error) => error.message).join("\n"), {
        status,
        graphQLErrors: errors,
      }),
    };
  }
  const okStatus = status >= 200 && status < 300;
  if (!okStatus || parsed?.data == null) {
    const message = okStatus
      ? "PodOps answered without data."
      : `PodOps answered with HTTP ${status}${statusText ? ` ${statusText}` : ""}.`;
    return { ok: false, authFailure: false, error: new ApiError("http", message, { status }) };
  }
  return { ok: true, data: parsed.data };
}

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

export class PodOpsClient {
  private readonly endpoint: string;
  private readonly tokens: TokenSource;
  private readonly fetchImpl: typeof globalThis.fetch;
  private readonly createXhr: () => XMLHttpRequest;
  private readonly timeoutMs: number;
  private readonly uploadTimeoutMs: number;

  constructor(options: PodOpsClientOptions) {
    this.endpoint = options.endpoint;
    this.tokens = options.tokens;
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.createXhr = options.createXhr ?? (() => new XMLHttpRequest());
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.uploadTimeoutMs = options.uploadTimeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS;
  }

  request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables?: TVariables,
    signal?: AbortSignal,
  ): Promise<TResult> {
    const body = JSON.stringify({ query: document.toString(), variables: variables ?? {} });
    return this.withTokenRetry((credentials) => this.sendJson<TResult>(credentials, body, signal));
  }

  /**
   * A mutation with files (GraphQL multipart request spec): `files` maps each variable path
   * (`variables.file`, `variables.files.0`) to its file; `onProgress` follows the upload.
   */
  upload<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
    files: ReadonlyArray<readonly [string, File]>,
    onProgress?: (progress: UploadProgress) => void,
  ): Promise<TResult> {
    const makeForm = (): FormData => {
      const form = new FormData();
      // Files travel as parts of their own; in `operations` they are null, as the spec says.
      const operations = JSON.stringify({ query: document.toString(), variables }, (_, value: unknown) =>
        value instanceof Blob ? null : value,
      );
      form.append("operations", operations);
      form.append("map", JSON.stringify(Object.fromEntries(files.map(([path], index) => [String(index), [path]]))));
      files.forEach(([, file], index) => form.append(String(index), file, file.name));
      return form;
    };
    return this.withTokenRetry((credentials) => this.sendMultipart<TResult>(credentials, makeForm(), onProgress));
  }

  private async withTokenRetry<TResult>(
    send: (credentials: DashboardCredentials) => Promise<Attempt<TResult>>,
  ): Promise<TResult> {
    const sentWith = this.tokens.current();
    const first = await send(sentWith);
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
    const second = await send(this.tokens.current());
    if (second.ok) {
      return second.data;
    }
    throw second.error;
  }

  private async sendJson<TResult>(
    credentials: DashboardCredentials,
    body: string,
    signal: AbortSignal | undefined,
  ): Promise<Attempt<TResult>> {
    const headers = new Headers(headersFor(credentials));
    headers.set("content-type", "application/json");
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
      const message = timeout.aborted ? TOO_SLOW : UNREACHABLE;
      return { ok: false, authFailure: false, error: new ApiError("network", message, { cause }) };
    }
    const text = await response.text().catch(() => "");
    return interpretAnswer(response.status, response.statusText, parseJson<GraphQLResponseBody<TResult>>(text));
  }

  private sendMultipart<TResult>(
    credentials: DashboardCredentials,
    form: FormData,
    onProgress: ((progress: UploadProgress) => void) | undefined,
  ): Promise<Attempt<TResult>> {
    return new Promise((resolve) => {
      const xhr = this.createXhr();
      xhr.open("POST", this.endpoint);
      xhr.timeout = this.uploadTimeoutMs;
      Object.entries(headersFor(credentials)).forEach(([name, value]) => xhr.setRequestHeader(name, value));
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) {
          onProgress?.({ loaded: event.loaded, total: event.total });
        }
      };
      const failed = (message: string) =>
        resolve({ ok: false, authFailure: false, error: new ApiError("network", message) });
      xhr.onerror = () => failed(UNREACHABLE);
      xhr.ontimeout = () => failed(TOO_SLOW);
      xhr.onload = () =>
        resolve(
          interpretAnswer(xhr.status, xhr.statusText, parseJson<GraphQLResponseBody<TResult>>(xhr.responseText)),
        );
      xhr.send(form);
    });
  }
}
