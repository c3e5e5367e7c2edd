import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { saleorProductTypes } from "../../test/productTypeFixtures";
import { renderWithApi } from "../../test/renderWithApi";
import { PeopleSettings } from "./PeopleSettings";

function person(userId: string, email: string, skills: string[]) {
  return { userId, email, roles: ["ARTIST"], capacity: 5, load: 1, freeCapacity: 4, isAway: false, skills, lastAssignedAt: null };
}

const skillsSaved = (variables: Record<string, unknown>) => ({
  data: { staffSkillsUpdate: { errors: [], staffMember: { userId: variables.userId, skills: variables.skills } } },
});

const rowOf = (email: string) => screen.getAllByTestId("person-row").find((row) => row.textContent?.includes(email)) as HTMLElement;

describe("PeopleSettings skills", () => {
  it("picks skills from Saleor's product types and keeps a saved one Saleor no longer knows", async () => {
    // given an artist with two skills, one of them gone from Saleor, and one without any
    const { sent } = renderWithApi(<PeopleSettings />, {
      Staff: { data: { staff: [person("u-1", "arthur@example.com", ["mug", "retired"]), person("u-2", "ada@example.com", [])] } },
      SaleorProductTypes: saleorProductTypes,
      StaffSkillsUpdate: skillsSaved,
    });
    const arthur = await waitFor(() => rowOf("arthur@example.com"));
    expect(await within(arthur).findByText("retired (not in Saleor)")).toBeInTheDocument();
    expect(within(arthur).getByText("Mug (mug)")).toBeInTheDocument();
    const save = within(arthur).getByRole("button", { name: "Save the skills of arthur@example.com" });
    expect(save).toBeDisabled();

    // when a product type is picked from Saleor's and the skills saved
    const picker = within(arthur).getByRole("combobox", { name: /^Skills \(product types\)/ });
    await userEvent.click(picker);
    await userEvent.type(picker, "canv");
    await userEvent.click(await screen.findByRole("option", { name: "Canvas print (canvas-print)" }));
    await userEvent.click(save);

    // then the saved one Saleor does not know is kept; one question to Saleor named everybody's skills
    await waitFor(() => expect(sent.some((op) => op.operationName === "StaffSkillsUpdate")).toBe(true));
    expect(sent.find((op) => op.operationName === "StaffSkillsUpdate")?.variables).toEqual({
      userId: "u-1",
      skills: ["mug", "retired", "canvas-print"],
    });
    expect(sent.filter((op) => op.operationName === "SaleorProductTypes").map((op) => op.variables)[0]).toEqual({
      slugs: ["mug", "retired"],
      first: 100,
    });
  });

  it("removes a skill Saleor no longer knows", async () => {
    const { sent } = renderWithApi(<PeopleSettings />, {
      Staff: { data: { staff: [person("u-1", "arthur@example.com", ["mug", "retired"])] } },
      SaleorProductTypes: saleorProductTypes,
      StaffSkillsUpdate: skillsSaved,
    });
    const chip = (await screen.findByText("retired (not in Saleor)")).parentElement as HTMLElement;

    await userEvent.click(within(chip).getByText("✕"));
    await userEvent.click(screen.getByRole("button", { name: "Save the skills of arthur@example.com" }));

    await waitFor(() => expect(sent.some((op) => op.operationName === "StaffSkillsUpdate")).toBe(true));
    expect(sent.find((op) => op.operationName === "StaffSkillsUpdate")?.variables).toEqual({ userId: "u-1", skills: ["mug"] });
  });
});
