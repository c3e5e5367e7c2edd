import { describe, expect, it } from "vitest";

import { ApiError, describeError, isAuthFailure } from "./errors";

describe("isAuthFailure", () => {
  it.each([
    [401, [], true],
    [200, [{ message: "x", extensions: { code: "UNAUTHENTICATED" } }], true],
    [200, [{ message: "x", extensions: { code: "TOKEN_EXPIRED" } }], true],
    [200, [{ message: "x", extensions: { code: "PERMISSION_DENIED" } }], false],
    [403, [{ message: "x" }], false],
    [200, [], false],
  ])("status %s with %j is %s", (status, errors, expected) => {
    expect(isAuthFailure(status, errors)).toBe(expected);
  });
});

describe("describeError", () => {
  it("joins the GraphQL messages of an API error", () => {
    const error = new ApiError("graphql", "ignored", {
      graphQLErrors: [{ message: "First" }, { message: "Second" }],
    });
    expect(describeError(error)).toBe("First\nSecond");
  });

  it("uses the message of any other error, and a sentence for anything else", () => {
    expect(describeError(new Error("Broken"))).toBe("Broken");
    expect(describeError("???")).toBe("Something went wrong.");
  });
});
