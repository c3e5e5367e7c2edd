import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { renderWithApi } from "../test/renderWithApi";
import { noArtwork, queueItem, workPage, workRequests } from "../test/workQueueFixtures";
import { QcQueue } from "./QcQueue";

const qcItem = (number: string) => queueItem(number, "ARTWORK_QC", ["QC_APPROVE", "QC_REJECT"]);

/** A QC queue of three: #2001 and #2002 on the first page, #2003 after the cursor "c-2002". */
function twoPages(variables: Record<string, unknown>) {
  return variables.after === "c-2002"
    ? workPage([qcItem("2003")], { totalCount: 3 })
    : workPage([qcItem("2001"), qcItem("2002")], { totalCount: 3, next: "c-2002" });
}

const approved = { data: { qcApprove: { errors: [], item: { id: "x", stage: "CUSTOMER_APPROVAL" } } } };

describe("QcQueue", () => {
  it("loads the next page with Load more, focuses its first item, and approves it; both pages are asked for again", async () => {
    // given a queue longer than the first page
    const { sent } = renderWithApi(<QcQueue />, { MyWork: twoPages, ItemArtwork: noArtwork, QcApprove: approved });
    expect(await screen.findAllByTestId("qc-card")).toHaveLength(2);
    expect(screen.getByTestId("queue-count")).toHaveTextContent("2 of 3 waiting");
    expect(screen.getByText("1 more waiting")).toBeInTheDocument();

    // when the next page is asked for
    await userEvent.click(screen.getByRole("button", { name: "Load more" }));

    // then it comes after the first page's cursor, and its item has the focus
    await waitFor(() => expect(screen.getAllByTestId("qc-card")).toHaveLength(3));
    const third = screen.getAllByTestId("qc-card")[2] as HTMLElement;
    expect(third).toHaveAttribute("data-order", "2003");
    await waitFor(() => expect(third).toHaveFocus());
    expect(workRequests(sent)).toEqual([
      { tab: "ARTWORK_QC", first: 100 },
      { tab: "ARTWORK_QC", first: 100, after: "c-2002" },
    ]);
    expect(screen.getByTestId("queue-count")).toHaveTextContent("3 waiting");
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();

    // and the item from the second page is approved; every page shown is asked for again
    await userEvent.click(within(third).getByRole("button", { name: "Approve" }));
    await waitFor(() => expect(sent.filter((op) => op.operationName === "QcApprove")).toHaveLength(1));
    expect(sent.find((op) => op.operationName === "QcApprove")?.variables).toEqual({ id: "item-2003", comment: "" });
    await waitFor(() => expect(workRequests(sent)).toHaveLength(4));
    expect(workRequests(sent).slice(2)).toEqual([
      { tab: "ARTWORK_QC", first: 100 },
      { tab: "ARTWORK_QC", first: 100, after: "c-2002" },
    ]);
  });

  it("moves between items from the keyboard; past the last one the next page loads and its first item is focused", async () => {
    // given the first page, its first card focused
    const { sent } = renderWithApi(<QcQueue />, { MyWork: twoPages, ItemArtwork: noArtwork, ReasonCodes: { data: { reasonCodes: [] } } });
    const cards = await screen.findAllByTestId("qc-card");
    (cards[0] as HTMLElement).focus();

    // when ↓ moves to the last card shown and moves on
    await userEvent.keyboard("{ArrowDown}");
    expect(cards[1]).toHaveFocus();
    expect(workRequests(sent)).toHaveLength(1);
    await userEvent.keyboard("{ArrowDown}");

    // then the next page is there with its first card focused
    await waitFor(() => expect(screen.getAllByTestId("qc-card")).toHaveLength(3));
    const third = screen.getAllByTestId("qc-card")[2] as HTMLElement;
    await waitFor(() => expect(third).toHaveFocus());
    expect(workRequests(sent).at(-1)).toEqual({ tab: "ARTWORK_QC", first: 100, after: "c-2002" });

    // and k, Home and End move back and forth
    await userEvent.keyboard("k");
    expect(screen.getAllByTestId("qc-card")[1]).toHaveFocus();
    await userEvent.keyboard("{Home}");
    expect(screen.getAllByTestId("qc-card")[0]).toHaveFocus();
    await userEvent.keyboard("{End}");
    expect(third).toHaveFocus();
  });

  it("leaves keys typed inside a card to its fields", async () => {
    const { sent } = renderWithApi(<QcQueue />, {
      MyWork: twoPages,
      ItemArtwork: noArtwork,
      ReasonCodes: { data: { reasonCodes: [{ code: "TYPO", label: "Typo" }] } },
    });
    const last = (await screen.findAllByTestId("qc-card"))[1] as HTMLElement;

    await userEvent.click(within(last).getByRole("button", { name: "Reject" }));
    await userEvent.type(within(last).getByLabelText("Comment"), "j{ArrowDown}");

    expect(within(last).getByLabelText("Comment")).toHaveValue("j");
    expect(workRequests(sent)).toHaveLength(1);
  });

  it("keeps the items shown when the next page fails, and loads it on retry", async () => {
    // given a second page that fails once
    let failures = 1;
    renderWithApi(<QcQueue />, {
      ItemArtwork: noArtwork,
      MyWork: (variables: Record<string, unknown>) => {
        if (variables.after && failures > 0) {
          failures -= 1;
          return { errors: [{ message: "PodOps is restarting.", extensions: { code: "INTERNAL" } }] };
        }
        return twoPages(variables);
      },
    });
    await screen.findAllByTestId("qc-card");

    // when Load more fails
    await userEvent.click(screen.getByRole("button", { name: "Load more" }));

    // then the error is shown under the items, which stay
    expect(await screen.findByText("The next items did not load")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("PodOps is restarting.");
    expect(screen.getAllByTestId("qc-card")).toHaveLength(2);

    // and a retry loads the page
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(screen.getAllByTestId("qc-card")).toHaveLength(3));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("shows the empty state when nothing waits", async () => {
    renderWithApi(<QcQueue />, { MyWork: workPage([]) });
    expect(await screen.findByText("No artwork waiting for QC.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });
});
