import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { renderWithApi } from "../test/renderWithApi";
import { ProductionBoard } from "./ProductionBoard";

function boardOrder(number: string, stage = "ARTWORK") {
  return {
    id: `order-${number}`,
    number,
    saleorOrderId: `T3JkZXI6${number}`,
    customerEmail: `${number}@example.com`,
    stage,
    status: "OPEN",
    priority: 0,
    dueAt: null,
    needsAttention: false,
    attentionReason: "",
    createdAt: "2026-11-20T09:00:00+00:00",
    items: [
      {
        id: `item-${number}`,
        lineIndex: 1,
        productName: "Pet Portrait",
        stage,
        stageEnteredAt: `2026-11-20T${number.slice(-2)}:00:00+00:00`,
        assignee: null,
      },
    ],
  };
}

function boardPage(orders: ReturnType<typeof boardOrder>[], { totalCount = orders.length, next = null as string | null } = {}) {
  return {
    data: {
      productionOrders: {
        totalCount,
        pageInfo: { hasNextPage: next !== null, endCursor: next ?? (orders.length ? `end-${orders.length}` : null) },
        edges: orders.map((node) => ({ node })),
      },
    },
  };
}

/** Open orders: #4001 and #4002, then #4003 (in QC) after "c-4002"; the search "4002" finds #4002 only. */
function board(variables: Record<string, unknown>) {
  const filter = variables.filter as Record<string, unknown>;
  if (filter.search === "4002") {
    return boardPage([boardOrder("4002")]);
  }
  return variables.after === "c-4002"
    ? boardPage([boardOrder("4003", "ARTWORK_QC")], { totalCount: 3 })
    : boardPage([boardOrder("4001"), boardOrder("4002")], { totalCount: 3, next: "c-4002" });
}

const answers = { ProductionBoard: board, StageCounts: { data: { stageCounts: [] } } };
const boardRequests = (sent: { operationName: string; variables: Record<string, unknown> }[]) =>
  sent.filter((op) => op.operationName === "ProductionBoard").map((op) => op.variables);
const cardNumbers = () => screen.getAllByTestId("board-card").map((card) => card.dataset.order);

describe("ProductionBoard", () => {
  it("adds the next page's orders to the columns with Load more; a card of it opens its order", async () => {
    // given more open orders than the first page holds
    const { sent, fake } = renderWithApi(<ProductionBoard />, answers);
    await waitFor(() => expect(screen.getAllByTestId("board-card")).toHaveLength(2));
    expect(screen.getByTestId("board-count")).toHaveTextContent("2 of 3 orders");
    expect(screen.getByText("1 more order")).toBeInTheDocument();

    // when the next page is asked for
    await userEvent.click(screen.getByRole("button", { name: "Load more" }));

    // then its order is on the board, in its stage's column, and its card has the focus
    await waitFor(() => expect(cardNumbers()).toEqual(["4001", "4002", "4003"]));
    const qcColumn = screen.getAllByTestId("board-column").find((column) => column.dataset.stage === "ARTWORK_QC") as HTMLElement;
    const card = within(qcColumn).getByTestId("board-card");
    expect(card).toHaveTextContent("#4003-1");
    await waitFor(() => expect(card).toHaveFocus());
    expect(boardRequests(sent)).toEqual([
      { first: 100, filter: { status: "OPEN" } },
      { first: 100, filter: { status: "OPEN" }, after: "c-4002" },
    ]);
    expect(screen.getByTestId("board-count")).toHaveTextContent("3 orders");
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();

    // and Enter on it opens the order in the dashboard
    await userEvent.keyboard("{Enter}");
    expect(fake.dispatched.map((action) => action.payload)).toContainEqual(
      expect.objectContaining({ to: "/orders/T3JkZXI64003" }),
    );
  });

  it("starts from the first page when the search or the filter changes", async () => {
    // given the second page shown
    const { sent } = renderWithApi(<ProductionBoard />, answers);
    await waitFor(() => expect(screen.getAllByTestId("board-card")).toHaveLength(2));
    await userEvent.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => expect(cardNumbers()).toHaveLength(3));

    // when the manager searches
    await userEvent.type(screen.getByLabelText("Search order number or email"), "4002");

    // then the search is asked for from its first page
    await waitFor(() => expect(cardNumbers()).toEqual(["4002"]));
    expect(boardRequests(sent).at(-1)).toEqual({ first: 100, filter: { status: "OPEN", search: "4002" } });

    // and the filter too, and clearing them shows the first page of the board only
    await userEvent.click(screen.getByRole("checkbox"));
    await waitFor(() =>
      expect(boardRequests(sent).at(-1)).toEqual({ first: 100, filter: { status: "OPEN", search: "4002", needsAttention: true } }),
    );
    await userEvent.click(screen.getByRole("checkbox"));
    await userEvent.clear(screen.getByLabelText("Search order number or email"));
    await waitFor(() => expect(cardNumbers()).toEqual(["4001", "4002"]));
    expect(boardRequests(sent).at(-1)).toEqual({ first: 100, filter: { status: "OPEN" } });
    expect(screen.getByRole("button", { name: "Load more" })).toBeInTheDocument();
  });

  it("keeps the board when the next page fails, and loads it on retry", async () => {
    let failures = 1;
    renderWithApi(<ProductionBoard />, {
      ...answers,
      ProductionBoard: (variables: Record<string, unknown>) => {
        if (variables.after && failures > 0) {
          failures -= 1;
          return { errors: [{ message: "PodOps is restarting.", extensions: { code: "INTERNAL" } }] };
        }
        return board(variables);
      },
    });
    await waitFor(() => expect(screen.getAllByTestId("board-card")).toHaveLength(2));

    await userEvent.click(screen.getByRole("button", { name: "Load more" }));

    expect(await screen.findByText("The next orders did not load")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("PodOps is restarting.");
    expect(screen.getAllByTestId("board-card")).toHaveLength(2);
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(screen.getAllByTestId("board-card")).toHaveLength(3));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
