import { ThemeProvider } from "@saleor/macaw-ui";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";

import { ApiError } from "../api/errors";
import { QueryStates } from "./states";

const wrap = (node: ReactNode) => render(<ThemeProvider>{node}</ThemeProvider>);

function query<T>(overrides: Partial<{ isPending: boolean; isError: boolean; error: unknown; data: T }>) {
  return { isPending: false, isError: false, error: null, data: undefined, refetch: vi.fn(), ...overrides };
}

describe("QueryStates", () => {
  it("shows the loading state while pending", () => {
    wrap(
      <QueryStates query={query({ isPending: true })} loadingLabel="Loading your work…">
        {() => <p>content</p>}
      </QueryStates>,
    );
    expect(screen.getByRole("status")).toHaveTextContent("Loading your work…");
    expect(screen.queryByText("content")).not.toBeInTheDocument();
  });

  it("shows the API's error message with a retry that refetches", async () => {
    // given
    const failed = query({
      isError: true,
      error: new ApiError("graphql", "x", { graphQLErrors: [{ message: "You are not a manager." }] }),
    });
    wrap(<QueryStates query={failed}>{() => <p>content</p>}</QueryStates>);

    // when
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));

    // then
    expect(screen.getByRole("alert")).toHaveTextContent("You are not a manager.");
    expect(failed.refetch).toHaveBeenCalledTimes(1);
  });

  it("shows the empty state when the data is empty", () => {
    wrap(
      <QueryStates
        query={query({ data: { items: [] as string[] } })}
        isEmpty={(data) => data.items.length === 0}
        empty={<p>nothing here</p>}
      >
        {() => <p>content</p>}
      </QueryStates>,
    );
    expect(screen.getByText("nothing here")).toBeInTheDocument();
    expect(screen.queryByText("content")).not.toBeInTheDocument();
  });

  it("renders the content with the data", () => {
    wrap(
      <QueryStates query={query({ data: { items: ["a", "b"] } })} isEmpty={(data) => data.items.length === 0}>
        {(data) => <p>{data.items.join(",")}</p>}
      </QueryStates>,
    );
    expect(screen.getByText("a,b")).toBeInTheDocument();
  });
});
