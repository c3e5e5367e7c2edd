import { describe, expect, it, vi } from "vitest";

import { ArtworkUploadMutation } from "../graphql/documents";
import { fakeXhrFactory } from "../test/fakeXhr";
import { PodOpsClient, type TokenSource, type UploadProgress } from "./client";
import { ApiError } from "./errors";

const SALEOR_API_URL = "https://shop.example.com/graphql/";
const uploaded = { data: { artworkUpload: { errors: [], version: { id: "v1", number: 1, printCheck: null } } } };

function tokens(start: string) {
  let token = start;
  const source: TokenSource = {
    current: () => ({ token, saleorApiUrl: SALEOR_API_URL }),
    refresh: vi.fn(async () => {
      token = "fresh-token";
      return token;
    }),
  };
  return source;
}

describe("PodOpsClient.upload", () => {
  it("sends a GraphQL multipart request with the dashboard headers and reports progress", async () => {
    // given
    const xhr = fakeXhrFactory(() => ({ body: uploaded }));
    const client = new PodOpsClient({ endpoint: "/graphql/", tokens: tokens("token-1"), createXhr: xhr.createXhr });
    const file = new File(["png-bytes"], "5001 - Pet Portrait - 1, A3.png", { type: "image/png" });
    const progress: UploadProgress[] = [];

    // when
    const data = await client.upload(ArtworkUploadMutation, { id: "item-1", file }, [["variables.file", file]], (p) =>
      progress.push(p),
    );

    // then
    expect(data.artworkUpload?.version?.number).toBe(1);
    expect(xhr.sent).toHaveLength(1);
    const [request] = xhr.sent;
    expect(request?.headers["authorization-bearer"]).toBe("token-1");
    expect(request?.headers["saleor-api-url"]).toBe(SALEOR_API_URL);
    expect(request?.operations.variables).toEqual({ id: "item-1", file: null });
    expect(request?.operations.query).toContain("mutation ArtworkUpload");
    expect(request?.map).toEqual({ "0": ["variables.file"] });
    expect(request?.fileNames).toEqual(["5001 - Pet Portrait - 1, A3.png"]);
    expect(progress).toEqual([
      { loaded: 50, total: 100 },
      { loaded: 100, total: 100 },
    ]);
  });

  it("sends the files again with a fresh token when the token was refused", async () => {
    // given
    let calls = 0;
    const xhr = fakeXhrFactory(() =>
      calls++ === 0
        ? { body: { errors: [{ message: "The Dashboard token has expired: refresh it.", extensions: { code: "TOKEN_EXPIRED" } }] } }
        : { body: uploaded },
    );
    const source = tokens("old-token");
    const client = new PodOpsClient({ endpoint: "/graphql/", tokens: source, createXhr: xhr.createXhr });
    const file = new File(["x"], "a.png");

    // when
    await client.upload(ArtworkUploadMutation, { id: "item-1", file }, [["variables.file", file]]);

    // then
    expect(source.refresh).toHaveBeenCalledWith("old-token");
    expect(xhr.sent.map((request) => request.headers["authorization-bearer"])).toEqual(["old-token", "fresh-token"]);
    expect(xhr.sent[1]?.fileNames).toEqual(["a.png"]);
  });

  it("reports an upload PodOps refuses with HTTP 413 as an http error", async () => {
    const xhr = fakeXhrFactory(() => ({ status: 413, body: "too large" }));
    const client = new PodOpsClient({ endpoint: "/graphql/", tokens: tokens("t"), createXhr: xhr.createXhr });
    const file = new File(["x"], "big.png");
    const error = (await client
      .upload(ArtworkUploadMutation, { id: "item-1", file }, [["variables.file", file]])
      .catch((caught: unknown) => caught)) as ApiError;
    expect(error.kind).toBe("http");
    expect(error.message).toBe("PodOps answered with HTTP 413.");
  });
});
