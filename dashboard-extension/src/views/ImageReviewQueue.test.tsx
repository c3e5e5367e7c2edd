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
  return {
    data: {
      myWork: {
        totalCount: items.length,
        pageInfo: { hasNextPage: false, endCursor: null },
        edges: items.map((node) => ({ node })),
      },
    },
  };
}

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
