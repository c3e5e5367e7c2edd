import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { BERLIN, gid, workItem } from "../test/fulfilmentFixtures";
import { renderWithApi } from "../test/renderWithApi";
import { FulfilmentQueue } from "./FulfilmentQueue";

const approved = {
  id: gid("ArtworkVersion", 7),
  number: 2,
  originalName: "5001 - Pet Portrait - 1-v2.png",
  status: "ACCEPTED",
  thumbnailUrl: "https://podops.example.com/thumb.jpg",
  previewUrl: null,
  printCheck: null,
};

function entry(number: string, overrides: Record<string, unknown> = {}) {
  return {
    dueAt: null,
    isLate: false,
    priority: 0,
    priorityReasons: [],
    sendableAt: "2026-11-20T10:00:00+00:00",
    inGrace: false,
    batchId: null,
    approvedArtwork: approved,
    item: workItem(number),
    ...overrides,
  };
}

function queue(entries: unknown[], batches: unknown[] = []) {
  return {
    data: {
      fulfilmentQueue: entries,
      printPartners: [{ id: gid("PrintPartner", 1), name: "Print Shop Berlin", kind: "MANUAL", isActive: true }],
      fulfilmentBatches: batches,
    },
  };
}

describe("FulfilmentQueue", () => {
  it("shows each item's shipping method and address and its approved artwork, from one request", async () => {
    const { sent } = renderWithApi(<FulfilmentQueue />, { FulfilmentQueue: queue([entry("5001")]) });

    const card = await screen.findByTestId("fulfilment-card");
    const address = within(card).getByTestId("shipping-address");
    expect(within(address).getAllByText(/./).map((line) => line.textContent)).toEqual([
      "Ashley Cook",
      "Torstrasse 1",
      "Hinterhaus",
      "10119 Berlin",
      "DE",
      "Phone +4930123456",
    ]);
    expect(within(card).getByText("Ship with DHL Express")).toBeInTheDocument();
    const artwork = within(card).getByTestId("artwork-version");
    expect(artwork).toHaveAttribute("data-number", "2");
    expect(within(artwork).getByRole("img", { name: "Approved artwork version 2" })).toBeInTheDocument();
    expect(sent.map((op) => op.operationName)).toEqual(["FulfilmentQueue"]);
  });

  it("asks a fulfiller's own items, and shows managers who holds each item", async () => {
    const held = { ...workItem("5001"), assignee: { userId: "VXNlcjo5", email: "fran.fulfiller@example.com" } };
    const mine = renderWithApi(<FulfilmentQueue mine />, { FulfilmentQueue: queue([entry("5001", { item: held })]) });
    await screen.findByTestId("fulfilment-card");
    expect(mine.sent[0]?.variables).toEqual({ mine: true });
    expect(screen.queryByTestId("fulfilment-holder")).toBeNull();
    mine.unmount();

    const all = renderWithApi(<FulfilmentQueue />, {
      FulfilmentQueue: queue([entry("5001", { item: held }), entry("5002")]),
    });
    const holders = await screen.findAllByTestId("fulfilment-holder");
    expect(all.sent[0]?.variables).toEqual({ mine: false });
    expect(holders.map((line) => line.textContent)).toEqual([
      "Held by fran.fulfiller@example.com",
      "Waiting for a fulfiller with room",
    ]);
  });

  it("downloads the approved version through a fresh signed link", async () => {
    const opened: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      opened.push(this.href);
    });
    const { sent } = renderWithApi(<FulfilmentQueue />, {
      FulfilmentQueue: queue([entry("5001")]),
      ArtworkDownloadUrl: { data: { artworkDownloadUrl: "https://podops.example.com/api/files/x" } },
    });
    const artwork = await screen.findByTestId("artwork-version");
    await userEvent.click(within(artwork).getByRole("button", { name: "Download" }));
    await waitFor(() => expect(sent.some((op) => op.operationName === "ArtworkDownloadUrl")).toBe(true));
    expect(sent.find((op) => op.operationName === "ArtworkDownloadUrl")?.variables).toEqual({ id: approved.id });
    await waitFor(() => expect(opened).toEqual(["https://podops.example.com/api/files/x"]));
  });

  it("says so when an item has no shipping address or no approved file", async () => {
    const item = workItem("5002");
    renderWithApi(<FulfilmentQueue />, {
      FulfilmentQueue: queue([
        entry("5002", {
          approvedArtwork: null,
          item: { ...item, order: { ...item.order, shipping: { methodName: "", address: null } } },
        }),
      ]),
    });
    const card = await screen.findByTestId("fulfilment-card");
    expect(within(card).getByText("The order has no shipping address.")).toBeInTheDocument();
    expect(within(card).getByText("Ship with the order's shipping method")).toBeInTheDocument();
    expect(within(card).getByText(/No approved artwork file/)).toBeInTheDocument();
  });

  it("lists each batched item with where it goes", async () => {
    const batch = {
      id: gid("FulfilmentBatch", 3),
      status: "OPEN",
      createdAt: "2026-11-20T10:00:00+00:00",
      partner: { id: gid("PrintPartner", 1), name: "Print Shop Berlin", kind: "MANUAL" },
      items: [
        {
          id: "item-5001",
          lineIndex: 1,
          productName: "Pet Portrait",
          order: { id: "order-5001", number: "5001", shipping: { methodName: "DHL", address: BERLIN } },
        },
      ],
    };
    renderWithApi(<FulfilmentQueue />, { FulfilmentQueue: queue([entry("5001", { batchId: batch.id })], [batch]) });
    const open = await screen.findByTestId("open-batch");
    expect(within(open).getByTestId("batch-item")).toHaveTextContent("#5001-1 Pet Portrait → Ashley Cook, Berlin DE");
  });

  it("shows PodOps' refusal of the queue", async () => {
    renderWithApi(<FulfilmentQueue />, {
      FulfilmentQueue: {
        errors: [
          { message: "You need one of these PodOps roles: ADMIN, FULFILLER, MANAGER.", extensions: { code: "PERMISSION_DENIED" } },
        ],
      },
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("You need one of these PodOps roles: ADMIN, FULFILLER, MANAGER.");
  });
});
