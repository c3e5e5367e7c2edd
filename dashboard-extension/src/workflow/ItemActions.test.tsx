import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { renderWithApi } from "../test/renderWithApi";
import { ItemActions } from "./ItemActions";

const item = {
  id: "item-7",
  stage: "ARTWORK" as const,
  availableActions: ["HOLD", "REASSIGN", "COMMENT", "SUBMIT_ARTWORK", "CUSTOMER_APPROVE"] as const,
  blockedActions: [{ action: "SKIP_STAGE" as const, message: "Artwork cannot be skipped." }],
};
const staff = {
  data: {
    staff: [
      { userId: "u-artist", email: "arthur@example.com", roles: ["ARTIST"], capacity: 5, load: 2, freeCapacity: 3, isAway: false, skills: [], lastAssignedAt: null },
      { userId: "u-qc", email: "quinn@example.com", roles: ["ART_QC"], capacity: 5, load: 0, freeCapacity: 5, isAway: false, skills: [], lastAssignedAt: null },
    ],
  },
};
const ok = (field: string) => ({ data: { [field]: { errors: [], item: { id: "item-7", stage: "ARTWORK" } } } });

describe("ItemActions", () => {
  it("shows a button per staff action PodOps allows, limited by `only`, and why the rest are blocked", () => {
    renderWithApi(
      <ItemActions item={{ ...item, availableActions: [...item.availableActions] }} only={["HOLD", "REASSIGN", "COMMENT", "SKIP_STAGE"]} showBlocked />,
      {},
    );
    expect(screen.getAllByRole("button").map((button) => button.textContent)).toEqual(["Hold", "Reassign", "Comment"]);
    expect(screen.getByText("Skip stage: Artwork cannot be skipped.")).toBeInTheDocument();
  });

  it("holds the item at a click and tells the dashboard", async () => {
    const { sent, fake } = renderWithApi(<ItemActions item={{ ...item, availableActions: ["HOLD"] }} />, { ItemHold: ok("itemHold") });
    await userEvent.click(screen.getByRole("button", { name: "Hold" }));
    await waitFor(() => expect(sent.map((op) => op.operationName)).toEqual(["ItemHold"]));
    expect(sent[0]?.variables).toEqual({ id: "item-7", comment: "" });
    await waitFor(() =>
      expect(fake.dispatched.some((action) => action.type === "notification" && action.payload["status"] === "success")).toBe(true),
    );
  });

  it("reassigns to a person who works the stage", async () => {
    // given
    const { sent } = renderWithApi(<ItemActions item={{ ...item, availableActions: ["REASSIGN"] }} />, {
      Staff: staff,
      ItemReassign: ok("itemReassign"),
    });
    await userEvent.click(screen.getByRole("button", { name: "Reassign" }));
    const form = screen.getByRole("form", { name: "Reassign" });
    const select = within(form).getByLabelText("Give to");
    await waitFor(() => expect(select).not.toBeDisabled());

    // then: only artists are offered for the Artwork stage
    expect(within(select).getAllByRole("option").map((option) => option.textContent)).toEqual([
      "Choose a person",
      "arthur@example.com — 2/5",
    ]);

    // when
    await userEvent.selectOptions(select, "u-artist");
    await userEvent.click(within(form).getByRole("button", { name: "Reassign" }));

    // then
    await waitFor(() => expect(sent.some((op) => op.operationName === "ItemReassign")).toBe(true));
    expect(sent.find((op) => op.operationName === "ItemReassign")?.variables).toEqual({
      id: "item-7",
      assigneeUserId: "u-artist",
      comment: "",
    });
  });

  it("keeps the comment and shows PodOps' refusal when the comment is refused", async () => {
    renderWithApi(<ItemActions item={{ ...item, availableActions: ["COMMENT"] }} />, {
      ItemComment: { data: { itemComment: { errors: [{ field: "comment", code: "INVALID", message: "The comment is too long." }], item: null } } },
    });
    await userEvent.click(screen.getByRole("button", { name: "Comment" }));
    const box = screen.getByLabelText("Internal comment");
    await userEvent.type(box, "Ship to the office");
    await userEvent.click(screen.getByRole("button", { name: "Add comment" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The comment is too long.");
    expect(box).toHaveValue("Ship to the office");
  });
});
