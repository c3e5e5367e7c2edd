import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { renderWithApi } from "../../test/renderWithApi";
import { changedBy, formatSettingValue, SettingsHistory } from "./SettingsHistory";

type Row = {
  area: string;
  subject: string;
  actorType: string;
  actorId: string;
  actorEmail: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
};

const manager = { actorType: "STAFF", actorId: "VXNlcjoy", actorEmail: "manager@example.com" };

function page(rows: Row[], endCursor: string | null) {
  return {
    data: {
      settingsChanges: {
        pageInfo: { hasNextPage: endCursor !== null, endCursor },
        edges: rows.map((row, index) => ({
          cursor: `${endCursor ?? "last"}-${index}`,
          node: {
            ...row,
            createdAt: "2026-12-08T01:02:03+00:00",
            before: JSON.stringify(row.before),
            after: JSON.stringify(row.after),
          },
        })),
      },
    },
  };
}

describe("SettingsHistory", () => {
  it("lists who changed what from what to what, and loads more from the last cursor", async () => {
    // given two pages of history
    const { sent } = renderWithApi(<SettingsHistory />, {
      SettingsChanges: (variables: Record<string, unknown>) =>
        variables.after === "cursor-1"
          ? page([{ ...manager, area: "ROLES", subject: "VXNlcjo0", before: { roles: ["ARTIST"] }, after: { roles: ["ARTIST", "ART_QC"] } }], null)
          : page(
              [
                { ...manager, area: "CAPACITY", subject: "VXNlcjo0", before: { capacity: 5 }, after: { capacity: 9 } },
                {
                  ...manager,
                  area: "PRINT_PARTNER",
                  subject: "Printer",
                  before: { secret: "(set)", is_active: true },
                  after: { secret: "(changed)", is_active: false },
                },
              ],
              "cursor-1",
            ),
    });

    // then the first page shows each change with who made it and its values
    const rows = await screen.findAllByTestId("settings-change");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Capacity · VXNlcjo0");
    expect(rows[0]).toHaveTextContent("manager@example.com");
    expect(rows[0]).toHaveTextContent("capacity: 5 → 9");
    expect(rows[1]).toHaveTextContent("Print partner · Printer");
    expect(rows[1]).toHaveTextContent("is active: on → off");
    expect(rows[1]).toHaveTextContent("secret: (set) → (changed)");

    // when the manager loads more
    await userEvent.click(screen.getByRole("button", { name: "Load more" }));

    // then the next page is asked for after the first page's end cursor, and appended
    await waitFor(() => expect(screen.getAllByTestId("settings-change")).toHaveLength(3));
    const [, , roles] = screen.getAllByTestId("settings-change");
    expect(roles).toHaveTextContent("Roles · VXNlcjo0");
    expect(roles).toHaveTextContent('roles: ["ARTIST"] → ["ARTIST","ART_QC"]');
    expect(sent.filter((op) => op.operationName === "SettingsChanges").map((op) => op.variables)).toEqual([
      { first: 20 },
      { first: 20, after: "cursor-1" },
    ]);
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });

  it("says so when nothing has changed yet", async () => {
    renderWithApi(<SettingsHistory />, { SettingsChanges: page([], null) });

    expect(await screen.findByText("No settings changed yet")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });

  it("names PodOps for changes it made itself and shows unset values plainly", () => {
    expect(changedBy({ actorType: "SYSTEM", actorId: "", actorEmail: "" })).toBe("PodOps");
    expect(changedBy({ actorType: "SYSTEM", actorId: "podops grant_role", actorEmail: "" })).toBe("PodOps (podops grant_role)");
    expect(changedBy({ actorType: "STAFF", actorId: "VXNlcjoy", actorEmail: "" })).toBe("VXNlcjoy");
    expect(formatSettingValue(null)).toBe("not set");
    expect(formatSettingValue("")).toBe("empty");
    expect(formatSettingValue({ ARTWORK_QC: ["MANAGER"] })).toBe('{"ARTWORK_QC":["MANAGER"]}');
  });
});
