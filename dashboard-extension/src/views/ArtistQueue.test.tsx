import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { ProductionPage } from "../pages/ProductionPage";
import { renderWithApi } from "../test/renderWithApi";
import { noArtwork, queueItem, workPage, workRequests } from "../test/workQueueFixtures";

const artistItem = (number: string) => queueItem(number, "ARTWORK", ["SUBMIT_ARTWORK", "COMMENT"]);

const me = {
  data: {
    me: { userId: "VXNlcjoyMA==", email: "ada@example.com", roles: ["ARTIST"], member: null },
    myWorkTabs: ["NEW_WORK", "REJECTED_BY_CUSTOMER"],
  },
};

/** New work: #3001 and #3002, then #3003 after "c-3002"; rejected by customers: #3101. */
function artistWork(variables: Record<string, unknown>) {
  if (variables.tab === "REJECTED_BY_CUSTOMER") {
    return workPage([artistItem("3101")]);
  }
  return variables.after === "c-3002"
    ? workPage([artistItem("3003")], { totalCount: 3 })
    : workPage([artistItem("3001"), artistItem("3002")], { totalCount: 3, next: "c-3002" });
}

const answers = {
  Me: me,
  ApiVersion: { data: { apiVersion: "1.0" } },
  MyWork: artistWork,
  ItemArtwork: noArtwork,
  ItemComment: { data: { itemComment: { errors: [], item: { id: "item-3003", stage: "ARTWORK" } } } },
};

const orders = () => screen.getAllByTestId("artist-card").map((card) => card.dataset.order);

describe("ArtistQueue", () => {
  it("reaches the items past the first page and acts on one: a comment on the third item", async () => {
    // given new work longer than the first page
    const { sent } = renderWithApi(<ProductionPage />, answers);
    await waitFor(() => expect(screen.getAllByTestId("artist-card")).toHaveLength(2));
    expect(screen.getByTestId("queue-count")).toHaveTextContent("2 of 3 waiting");

    // when the next page is loaded
    await userEvent.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => expect(orders()).toEqual(["3001", "3002", "3003"]));
    const third = screen.getAllByTestId("artist-card")[2] as HTMLElement;
    await waitFor(() => expect(third).toHaveFocus());

    // and the artist comments on its item
    await userEvent.click(within(third).getByRole("button", { name: "Comment" }));
    await userEvent.type(within(third).getByLabelText("Internal comment"), "Starting on it");
    await userEvent.click(within(third).getByRole("button", { name: "Add comment" }));

    // then the comment is sent for that item, and both pages are asked for again
    await waitFor(() => expect(sent.filter((op) => op.operationName === "ItemComment")).toHaveLength(1));
    expect(sent.find((op) => op.operationName === "ItemComment")?.variables).toEqual({ id: "item-3003", comment: "Starting on it" });
    await waitFor(() => expect(workRequests(sent)).toHaveLength(4));
    expect(workRequests(sent).slice(2)).toEqual([
      { tab: "NEW_WORK", first: 100 },
      { tab: "NEW_WORK", first: 100, after: "c-3002" },
    ]);
  });

  it("starts each tab from its first page, also when coming back to one that had more pages shown", async () => {
    // given new work with its second page shown
    const { sent } = renderWithApi(<ProductionPage />, answers);
    await waitFor(() => expect(screen.getAllByTestId("artist-card")).toHaveLength(2));
    await userEvent.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => expect(orders()).toEqual(["3001", "3002", "3003"]));

    // when the artist opens another tab
    await userEvent.click(screen.getByRole("tab", { name: "Rejected by customer" }));

    // then it is asked for from its first page
    await waitFor(() => expect(orders()).toEqual(["3101"]));
    expect(workRequests(sent).at(-1)).toEqual({ tab: "REJECTED_BY_CUSTOMER", first: 100 });

    // and back on New work, only its first page is shown and asked for again
    const before = workRequests(sent).length;
    await userEvent.click(screen.getByRole("tab", { name: "New work" }));
    await waitFor(() => expect(orders()).toEqual(["3001", "3002"]));
    await waitFor(() => expect(workRequests(sent).length).toBeGreaterThan(before));
    expect(workRequests(sent).slice(before)).toEqual([{ tab: "NEW_WORK", first: 100 }]);
    expect(screen.getByTestId("queue-count")).toHaveTextContent("2 of 3 waiting");
    expect(screen.getByRole("button", { name: "Load more" })).toBeInTheDocument();
  });
});
