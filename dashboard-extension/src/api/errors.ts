/** What can go wrong when the extension talks to the PodOps API, as values the UI can show. */

export type GraphQLErrorItem = {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
};

export type ApiErrorKind =
  /** The request never got an answer (offline, DNS, CORS, timeout). */
  | "network"
  /** PodOps answered with a non-2xx status and no GraphQL errors. */
  | "http"
  /** PodOps answered with GraphQL errors (permission failures are reported this way). */
  | "graphql"
  /** The dashboard token was refused and no fresh one could be had from the dashboard. */
  | "auth";

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | undefined;
  readonly graphQLErrors: readonly GraphQLErrorItem[];

  constructor(
    kind: ApiErrorKind,
    message: string,
    options: { status?: number; graphQLErrors?: readonly GraphQLErrorItem[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "ApiError";
    this.kind = kind;
    this.status = options.status;
    this.graphQLErrors = options.graphQLErrors ?? [];
  }
}

/**
 * GraphQL error codes PodOps uses when the dashboard token is missing, expired or not trusted.
 * A request refused with one of these is retried once with a fresh token from the dashboard.
 */
export const AUTH_ERROR_CODES: ReadonlySet<string> = new Set([
  "UNAUTHENTICATED",
  "TOKEN_EXPIRED",
  "TOKEN_INVALID",
  "INVALID_TOKEN",
]);

export function isAuthFailure(status: number, errors: readonly GraphQLErrorItem[]): boolean {
  if (status === 401) {
    return true;
  }
  return errors.some((error) => {
    const code = error.extensions?.["code"];
    return typeof code === "string" && AUTH_ERROR_CODES.has(code);
  });
}

/** One entry of a mutation payload's `errors { field code message }`. */
export type PayloadErrorItem = {
  field?: string | null;
  code: string;
  message: string;
};

/** PodOps refused a change and said why (the payload's errors, not a failed request). */
export class PayloadError extends Error {
  readonly errors: readonly PayloadErrorItem[];

  constructor(errors: readonly PayloadErrorItem[]) {
    super(errors.map((error) => error.message).join("\n"));
    this.name = "PayloadError";
    this.errors = errors;
  }
}

/** The sentence shown to a person for any error thrown while loading or saving. */
export function describeError(error: unknown): string {
  if (error instanceof PayloadError) {
    return error.message;
  }
  if (error instanceof ApiError) {
    const messages = error.graphQLErrors.map((item) => item.message).filter(Boolean);
    return messages.length > 0 ? messages.join("\n") : error.message;
  }
  if (error instanceof Error && error.message) {
    return error.message;
  }
  return "Something went wrong.";
}
