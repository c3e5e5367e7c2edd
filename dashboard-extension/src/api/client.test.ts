import { describe, expect, it, vi } from "vitest";

import { ApiVersionQuery } from "../graphql/documents";
import { PodOpsClient, type TokenSource } from "./client";
import { ApiError } from "./errors";

const ENDPOINT = "https://podops.example.com/graphql/";
const SALEOR_API_URL = "https://shop.example.com/graphql/";

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function tokensStartingWith(first: string, next = "fresh-token") {
  let token = first;
  const refresh = vi.fn(async (stale: string | undefined) => {
    expect(stale).toBe(token);
    token = next;
    return token;
  });
  const source: TokenSource = { current: () => ({ token, saleorApiUrl: SALEOR_API_URL }), refresh };
  return { source, refresh };
}

type FetchMock = { mock: { calls: unknown[][] } };

function sentInit(fetchMock: FetchMock, call: number): RequestInit {
  return fetchMock.mock.calls[call]?.[1] as RequestInit;
}

function sentHeaders(fetchMock: FetchMock, call: number): Headers {
  return new Headers(sentInit(fetchMock, call).headers);
}

describe("PodOpsClient", () => {
  it("sends the document with the dashboard token and Saleor API URL headers", async () => {
    // given
    const fetchMock = vi.fn(async () => json({ data: { apiVersion: "1.2.3" } }));
    const { source, refresh } = tokensStartingWith("token-1");
    const client = new PodOpsClient({ endpoint: ENDPOINT, tokens: source, fetch: fetchMock });

    // when
    const data = await client.request(ApiVersionQuery, {});

    // then
    expect(data).toEqual({ apiVersion: "1.2.3" });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect((fetchMock as FetchMock).mock.calls[0]?.[0]).toBe(ENDPOINT);
    const headers = sentHeaders(fetchMock, 0);
    expect(headers.get("authorization-bearer")).toBe("token-1");
    expect(headers.get("saleor-api-url")).toBe(SALEOR_API_URL);
    expect(headers.get("content-type")).toBe("application/json");
    const body = JSON.parse(sentInit(fetchMock, 0).body as string);
    expect(body.query).toContain("query ApiVersion");
    expect(body.variables).toEqual({});
    expect(refresh).not.toHaveBeenCalled();
  });

  it.each([
    ["an UNAUTHENTICATED GraphQL error", json({ errors: [{ message: "Expired", extensions: { code: "UNAUTHENTICATED" } }] })],
    ["HTTP 401", json({ detail: "no" }, 401)],
  ])("retries once with a refreshed token after %s", async (_, refusal) => {
    // given
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(refusal)
      .mockResolvedValueOnce(json({ data: { apiVersion: "1.2.3" } }));
    const { source, refresh } = tokensStartingWith("expired-token");
    const client = new PodOpsClient({ endpoint: ENDPOINT, tokens: source, fetch: fetchMock });

    // when
    const data = await client.request(ApiVersionQuery, {});

    // then
    expect(data).toEqual({ apiVersion: "1.2.3" });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(sentHeaders(fetchMock, 0).get("authorization-bearer")).toBe("expired-token");
    expect(sentHeaders(fetchMock, 1).get("authorization-bearer")).toBe("fresh-token");
  });

  it("retries with a token another request already refreshed, without asking again", async () => {
    // given: the token changes while the request is on its way
    let token = "expired-token";
    const refresh = vi.fn(async (stale: string | undefined) => {
      expect(stale).toBe("expired-token");
      return token;
    });
    const source: TokenSource = { current: () => ({ token, saleorApiUrl: SALEOR_API_URL }), refresh };
    const fetchMock = vi
      .fn()
      .mockImplementationOnce(async () => {
        token = "refreshed-meanwhile";
        return json({ errors: [{ message: "Expired", extensions: { code: "TOKEN_EXPIRED" } }] });
      })
      .mockResolvedValueOnce(json({ data: { apiVersion: "1.2.3" } }));
    const client = new PodOpsClient({ endpoint: ENDPOINT, tokens: source, fetch: fetchMock });

    // when
    await client.request(ApiVersionQuery, {});

    // then
    expect(refresh).toHaveBeenCalledWith("expired-token");
    expect(sentHeaders(fetchMock, 1).get("authorization-bearer")).toBe("refreshed-meanwhile");
  });

  it("gives up after one retry when the fresh token is refused too", async () => {
    // given
    const refusal = () => json({ errors: [{ message: "Token refused", extensions: { code: "UNAUTHENTICATED" } }] });
    const fetchMock = vi.fn(async () => refusal());
    const { source, refresh } = tokensStartingWith("expired-token");
    const client = new PodOpsClient({ endpoint: ENDPOINT, tokens: source, fetch: fetchMock });

    // when
    const error = await client.request(ApiVersionQuery, {}).catch((caught: unknown) => caught);

    // then
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe("auth");
    expect((error as ApiError).message).toBe("Token refused");
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("reports a failed token refresh as an auth error without a second request", async () => {
    // given
    const fetchMock = vi.fn(async () => json({}, 401));
    const source: TokenSource = {
      current: () => ({ token: "expired-token", saleorApiUrl: SALEOR_API_URL }),
      refresh: vi.fn(async () => {
        throw new Error("no answer");
      }),
    };
    const client = new PodOpsClient({ endpoint: ENDPOINT, tokens: source, fetch: fetchMock });

    // when
    const error = (await client.request(ApiVersionQuery, {}).catch((caught: unknown) => caught)) as ApiError;

    // then
    expect(error.kind).toBe("auth");
    expect(error.message).toBe(
      "Your Saleor session could not be renewed. Reload the page in the Saleor Dashboard.",
    );
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("does not retry other GraphQL errors and keeps their messages", async () => {
    // given
    const fetchMock = vi.fn(async () =>
      json({
        data: null,
        errors: [
          { message: "You do not have the manager role.", extensions: { code: "PERMISSION_DENIED" } },
          { message: "Second problem" },
        ],
      }),
    );
    const { source, refresh } = tokensStartingWith("token-1");
    const client = new PodOpsClient({ endpoint: ENDPOINT, tokens: source, fetch: fetchMock });

    // when
    const error = (await client.request(ApiVersionQuery, {}).catch((caught: unknown) => caught)) as ApiError;

    // then
    expect(error.kind).toBe("graphql");
    expect(error.message).toBe("You do not have the manager role.\nSecond problem");
    expect(error.graphQLErrors).toHaveLength(2);
    expect(refresh).not.toHaveBeenCalled();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("reports an HTTP failure without a GraphQL body with its status", async () => {
    // given
    const fetchMock = vi.fn(async () => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    const { source } = tokensStartingWith("token-1");
    const client = new PodOpsClient({ endpoint: ENDPOINT, tokens: source, fetch: fetchMock });

    // when
    const error = (await client.request(ApiVersionQuery, {}).catch((caught: unknown) => caught)) as ApiError;

    // then
    expect(error.kind).toBe("http");
    expect(error.status).toBe(502);
    expect(error.message).toBe("PodOps answered with HTTP 502 Bad Gateway.");
  });

  it("reports an unreachable server as a network error", async () => {
    // given
    const fetchMock = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    const { source } = tokensStartingWith("token-1");
    const client = new PodOpsClient({ endpoint: ENDPOINT, tokens: source, fetch: fetchMock });

    // when
    const error = (await client.request(ApiVersionQuery, {}).catch((caught: unknown) => caught)) as ApiError;

    // then
    expect(error.kind).toBe("network");
    expect(error.message).toBe("PodOps could not be reached. Check your connection and try again.");
  });

  it("rethrows the caller's abort as it is", async () => {
    // given
    const controller = new AbortController();
    const fetchMock = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
      controller.abort();
      throw init?.signal?.reason ?? new DOMException("Aborted", "AbortError");
    });
    const { source } = tokensStartingWith("token-1");
    const client = new PodOpsClient({ endpoint: ENDPOINT, tokens: source, fetch: fetchMock });

    // when
    const error = await client.request(ApiVersionQuery, {}, controller.signal).catch((caught: unknown) => caught);

    // then
    expect(error).not.toBeInstanceOf(ApiError);
  });
});
