import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { workItem } from "../test/fulfilmentFixtures";
import { renderWithApi } from "../test/renderWithApi";
import { ImageReviewQueue, nextIndex } from "./ImageReviewQueue";

function reviewItem(number: string, actions = ["APPROVE_IMAGE", "REJECT_IMAGE"]) {
  return {
    ...workItem(number, {
      stage: "IMAGE_REVIEW",
      artworkRound: 0,
      assignee: { userId: "VXNlcjoxMA==", email: "irene@example.com" },
      availableActions: actions,
    }),
    customerUploads: [photo(`upl_${number}`)],
  };
}

function photo(reference: string, replaces: string | null = null) {
  return {
    reference,
    version: replaces ? 2 : 1,
    originalName: `${reference}.jpg`,
    status: "ACCEPTED",
    invalidReason: "",
    width: 1200,
    height: 900,
    thumbnailUrl: `https://podops.example.com/api/files/${reference}/thumbnail`,
    previewUrl: `https://podops.example.com/api/files/${reference}/preview`,
    replaces,
  };
}

function myWork(...items: ReturnType<typeof reviewItem>[]) {
  return page(items);
}

/** One page of the queue: `next` is the endCursor when more pages follow. */
function page(items: ReturnType<typeof reviewItem>[], { totalCount = items.length, next = null as string | null } = {}) {
  return {
    data: {
      myWork: {
        totalCount,
        pageInfo: { hasNextPage: next !== null, endCursor: next ?? (items.length ? `after-${items.length}` : null) },
        edges: items.map((node) => ({ node })),
      },
    },
  };
}

/** A queue of three: #1001 and #1002 on the first page, #1003 after the cursor "c-1002". */
function twoPages(variables: Record<string, unknown>) {
  return variables.after === "c-1002"
    ? page([reviewItem("1003")], { totalCount: 3 })
    : page([reviewItem("1001"), reviewItem("1002")], { totalCount: 3, next: "c-1002" });
}

const reviewRequests = (sent: { operationName: string; variables: Record<string, unknown> }[]) =>
  sent.filter((op) => op.operationName === "ImageReviewWork").map((op) => op.variables);

const reasons = { data: { reasonCodes: [{ code: "LOW_RESOLUTION", label: "Low resolution" }] } };
const done = (field: string) => ({ data: { [field]: { errors: [], item: { id: "x", stage: "ARTWORK" } } } });

describe("nextIndex", () => {
  it.each([
    [0, "ArrowRight", 1],
    [0, "j", 1],
    [2, "ArrowRight", 2],
    [1, "ArrowLeft", 0],
    [0, "k", 0],
    [0, "ArrowDown", 2],
    [2, "ArrowUp", 0],
    [1, "End", 2],
    [2, "Home", 0],
    [1, "x", 1],
  ])("from %s with %s goes to %s (3 items, 2 columns)", (from, key, expected) => {
    expect(nextIndex(from, key, 3, 2)).toBe(expected);
  });
});

describe("ImageReviewQueue", () => {
  it("approves the selected photo with A and moves with the arrows", async () => {
    // given
    const { sent } = renderWithApi(<ImageReviewQueue />, {
      ImageReviewWork: myWork(reviewItem("1001"), reviewItem("1002")),
      ImageApprove: done("imageApprove"),
    });
    const cards = await screen.findAllByTestId("image-card");
    expect(cards).toHaveLength(2);
    await waitFor(() => expect(cards[0]).toHaveFocus());

    // when
    await userEvent.keyboard("{ArrowRight}");
    await userEvent.keyboard("a");

    // then
    await waitFor(() => expect(sent.filter((op) => op.operationName === "ImageApprove")).toHaveLength(1));
    expect(sent.find((op) => op.operationName === "ImageApprove")?.variables).toEqual({ id: "item-1002", comment: "" });
  });

  it("rejects with R, a reason and a comment", async () => {
    // given
    const { sent } = renderWithApi(<ImageReviewQueue />, {
      ImageReviewWork: myWork(reviewItem("1001")),
      ReasonCodes: reasons,
      ImageReject: done("imageReject"),
    });
    const card = await screen.findByTestId("image-card");
    await waitFor(() => expect(card).toHaveFocus());

    // when
    await userEvent.keyboard("r");
    const form = await screen.findByRole("form", { name: "Reject" });
    await waitFor(() => expect(within(form).getByLabelText("Reason")).not.toBeDisabled());
    await userEvent.selectOptions(within(form).getByLabelText("Reason"), "LOW_RESOLUTION");
    await userEvent.type(within(form).getByLabelText("Comment"), "Too blurry");
    await userEvent.click(within(form).getByRole("button", { name: "Reject" }));

    // then
    await waitFor(() => expect(sent.some((op) => op.operationName === "ImageReject")).toBe(true));
    expect(sent.find((op) => op.operationName === "ImageReject")?.variables).toEqual({
      id: "item-1001",
      reasonCode: "LOW_RESOLUTION",
      comment: "Too blurry",
    });
  });

  it("does not send a rejection without a reason", async () => {
    const { sent } = renderWithApi(<ImageReviewQueue />, { ImageReviewWork: myWork(reviewItem("1001")), ReasonCodes: reasons });
    const card = await screen.findByTestId("image-card");
    await waitFor(() => expect(card).toHaveFocus());
    await userEvent.keyboard("r");
    const form = await screen.findByRole("form", { name: "Reject" });
    await userEvent.click(within(form).getByRole("button", { name: "Reject" }));
    expect(await within(form).findByText("Choose a reason.")).toBeInTheDocument();
    expect(sent.some((op) => op.operationName === "ImageReject")).toBe(false);
  });

  it("shows PodOps' refusal of an approval with its message", async () => {
    renderWithApi(<ImageReviewQueue />, {
      ImageReviewWork: myWork(reviewItem("1001")),
      ImageApprove: {
        data: {
          imageApprove: {
            errors: [{ field: "id", code: "NOT_ASSIGNED_TO_YOU", message: "Someone else holds this item." }],
            item: null,
          },
        },
      },
    });
    await userEvent.click(await screen.findByRole("button", { name: "Approve (A)" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Someone else holds this item.");
  });

  it("shows every card's photos from the one request for the page, the newest of each chain", async () => {
    // given two items, the second with a photo the customer replaced
    const replaced = { ...reviewItem("1002"), customerUploads: [photo("upl_old"), photo("upl_new", "upl_old")] };
    const { sent } = renderWithApi(<ImageReviewQueue />, { ImageReviewWork: myWork(reviewItem("1001"), replaced) });

    // when the grid shows
    const [first, second] = await screen.findAllByTestId("image-card");

    // then each card shows its current photos, and only the page was asked for
    expect(within(first as HTMLElement).getByRole("img")).toHaveAttribute("src", "https://podops.example.com/api/files/upl_1001/preview");
    expect(within(second as HTMLElement).getAllByRole("img").map((img) => img.getAttribute("alt"))).toEqual([
      "Customer photo upl_new.jpg",
    ]);
    expect(sent.map((op) => op.operationName)).toEqual(["ImageReviewWork"]);
    expect(sent[0]?.variables).toEqual({ first: 100 });
  });

  it("loads the next page with Load more, selects its first photo, and A approves it", async () => {
    // given a queue longer than the first page
    const { sent } = renderWithApi(<ImageReviewQueue />, { ImageReviewWork: twoPages, ImageApprove: done("imageApprove") });
    expect(await screen.findAllByTestId("image-card")).toHaveLength(2);
    expect(screen.getByTestId("queue-count")).toHaveTextContent("2 of 3 waiting");
    expect(screen.getByText("1 more waiting")).toBeInTheDocument();

    // when the next page is asked for
    await userEvent.click(screen.getByRole("button", { name: "Load more" }));

    // then it comes after the first page's cursor, its photo is selected and has the focus
    await waitFor(() => expect(screen.getAllByTestId("image-card")).toHaveLength(3));
    const third = screen.getAllByTestId("image-card")[2] as HTMLElement;
    expect(third).toHaveAttribute("data-order", "1003");
    await waitFor(() => expect(third).toHaveFocus());
    expect(third).toHaveAttribute("aria-selected", "true");
    expect(reviewRequests(sent)).toEqual([{ first: 100 }, { first: 100, after: "c-1002" }]);
    expect(screen.getByTestId("queue-count")).toHaveTextContent("3 waiting");
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();

    // and A approves the item from the second page; both pages are asked for again afterwards
    await userEvent.keyboard("a");
    await waitFor(() => expect(sent.filter((op) => op.operationName === "ImageApprove")).toHaveLength(1));
    expect(sent.find((op) => op.operationName === "ImageApprove")?.variables).toEqual({ id: "item-1003", comment: "" });
    await waitFor(() => expect(reviewRequests(sent)).toHaveLength(4));
    expect(reviewRequests(sent).slice(2)).toEqual([{ first: 100 }, { first: 100, after: "c-1002" }]);
  });

  it("moves on past the last photo from the keyboard: the next page loads and its first photo is selected", async () => {
    // given the first page, the first photo focused
    const { sent } = renderWithApi(<ImageReviewQueue />, { ImageReviewWork: twoPages, ReasonCodes: reasons });
    const cards = await screen.findAllByTestId("image-card");
    await waitFor(() => expect(cards[0]).toHaveFocus());

    // when End goes to the last photo shown and the right arrow moves on
    await userEvent.keyboard("{End}");
    await waitFor(() => expect(cards[1]).toHaveFocus());
    await userEvent.keyboard("{ArrowRight}");

    // then the next page is there with its first photo selected, and R opens its reject form
    await waitFor(() => expect(screen.getAllByTestId("image-card")).toHaveLength(3));
    const third = screen.getAllByTestId("image-card")[2] as HTMLElement;
    await waitFor(() => expect(third).toHaveFocus());
    expect(reviewRequests(sent)).toEqual([{ first: 100 }, { first: 100, after: "c-1002" }]);
    await userEvent.keyboard("r");
    expect(await within(third).findByRole("form", { name: "Reject" })).toBeInTheDocument();
  });

  it("keeps the photos shown when the next page fails, and loads it on retry", async () => {
    // given a second page that fails once
    let failures = 1;
    renderWithApi(<ImageReviewQueue />, {
      ImageReviewWork: (variables: Record<string, unknown>) => {
        if (variables.after && failures > 0) {
          failures -= 1;
          return { errors: [{ message: "PodOps is restarting.", extensions: { code: "INTERNAL" } }] };
        }
        return twoPages(variables);
      },
    });
    await screen.findAllByTestId("image-card");

    // when Load more fails
    await userEvent.click(screen.getByRole("button", { name: "Load more" }));

    // then the error is shown under the photos, which stay
    expect(await screen.findByRole("alert")).toHaveTextContent("PodOps is restarting.");
    expect(screen.getAllByTestId("image-card")).toHaveLength(2);

    // and a retry loads the page
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(screen.getAllByTestId("image-card")).toHaveLength(3));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("shows a placeholder for an item without photos", async () => {
    renderWithApi(<ImageReviewQueue />, { ImageReviewWork: myWork({ ...reviewItem("1001"), customerUploads: [] }) });
    const card = await screen.findByTestId("image-card");
    expect(within(card).getByText("No photo")).toBeInTheDocument();
  });

  it("shows the empty state when nothing waits", async () => {
    renderWithApi(<ImageReviewQueue />, { ImageReviewWork: myWork() });
    expect(await screen.findByText("No photos waiting for review.")).toBeInTheDocument();
  });

  it("shows the API's error when the queue cannot be loaded", async () => {
    renderWithApi(<ImageReviewQueue />, {
      ImageReviewWork: { errors: [{ message: "You need one of these PodOps roles: IMAGE_PROCESSOR.", extensions: { code: "PERMISSION_DENIED" } }] },
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("You need one of these PodOps roles: IMAGE_PROCESSOR.");
  });
});
