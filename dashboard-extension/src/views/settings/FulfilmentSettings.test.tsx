import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { saleorProductTypes } from "../../test/productTypeFixtures";
import { renderWithApi } from "../../test/renderWithApi";
import { FulfilmentSettings, fulfilmentChanges, fulfilmentDraft } from "./FulfilmentSettings";

const SLA = { IMAGE_REVIEW: 24, AWAITING_CUSTOMER: 72, ARTWORK: 48, ARTWORK_QC: 24, CUSTOMER_APPROVAL: 72, FULFILMENT_QUEUE: 24, IN_PRODUCTION: 96 };

function settings(overrides: Record<string, unknown> = {}) {
  return {
    graceMinutes: 120,
    spotCheckPercent: 2,
    qaProductTypes: ["canvas"],
    batchMaxItems: 50,
    expressShippingMethods: [] as string[],
    highValueThreshold: null as number | null,
    dueSoonHours: 12,
    slaHours: JSON.stringify(SLA),
    printMethods: JSON.stringify({ mug: "SUBLIMATION" }),
    defaultPartnerId: null as string | null,
    fallbackWarehouseId: "",
    ...overrides,
  };
}

const PARTNERS = [
  { id: "UHJpbnRQYXJ0bmVyOjE=", name: "Print Shop Berlin", isActive: true },
  { id: "UHJpbnRQYXJ0bmVyOjI=", name: "Old Partner", isActive: false },
];
const answer = (value: ReturnType<typeof settings>) => ({ data: { fulfilmentSettings: value, printPartners: PARTNERS } });

describe("fulfilmentChanges", () => {
  it("sends only what changed, objects as JSON strings, empty amounts as null", () => {
    const current = settings({ highValueThreshold: 250 });
    const draft = fulfilmentDraft(current);

    expect(fulfilmentChanges(current, draft)).toEqual({ ok: true, input: {} });
    expect(
      fulfilmentChanges(current, {
        ...draft,
        graceMinutes: "30",
        highValueThreshold: "",
        slaHours: { ...draft.slaHours, ARTWORK: "36", IN_PRODUCTION: "" },
        printMethods: [...draft.printMethods, { productType: " poster ", method: "GICLEE" }, { productType: "", method: "" }],
        expressShippingMethods: "DHL Express, UPS Next Day",
      }),
    ).toEqual({
      ok: true,
      input: {
        graceMinutes: 30,
        highValueThreshold: null,
        expressShippingMethods: ["DHL Express", "UPS Next Day"],
        slaHours: JSON.stringify({ ...SLA, ARTWORK: 36, IN_PRODUCTION: undefined }),
        printMethods: JSON.stringify({ mug: "SUBLIMATION", poster: "GICLEE" }),
      },
    });
  });

  it("names the fields it cannot send", () => {
    const current = settings();
    const draft = fulfilmentDraft(current);
    expect(
      fulfilmentChanges(current, {
        ...draft,
        batchMaxItems: "many",
        spotCheckPercent: "",
        slaHours: { ...draft.slaHours, ARTWORK: "1.5" },
        printMethods: [{ productType: "poster", method: "" }],
      }),
    ).toEqual({
      ok: false,
      errors: {
        spotCheckPercent: "Enter a number (percent).",
        "sla-ARTWORK": "Whole hours, or empty for no target.",
        "method-0": "Give both the product type and its print method.",
        batchMaxItems: "Enter a whole number.",
      },
    });
  });
});

describe("FulfilmentSettings", () => {
  it("saves the grace window, an SLA target, a print method and the default partner, then shows them", async () => {
    // given
    let current = settings();
    const { sent } = renderWithApi(<FulfilmentSettings />, {
      FulfilmentSettings: () => answer(current),
      FulfilmentSettingsUpdate: (variables: Record<string, unknown>) => {
        const input = variables.input as Record<string, unknown>;
        current = settings({
          graceMinutes: input.graceMinutes,
          slaHours: input.slaHours,
          printMethods: input.printMethods,
          defaultPartnerId: input.defaultPartner,
        });
        return { data: { fulfilmentSettingsUpdate: { errors: [], settings: current } } };
      },
      SaleorProductTypes: saleorProductTypes,
    });
    const form = await screen.findByRole("form", { name: "Fulfilment settings" });
    expect(within(form).getByLabelText("Default print partner")).toHaveValue("");

    // when
    await userEvent.clear(within(form).getByLabelText("Grace window (minutes)"));
    await userEvent.type(within(form).getByLabelText("Grace window (minutes)"), "30");
    await userEvent.clear(within(form).getByLabelText("SLA hours for Artwork"));
    await userEvent.type(within(form).getByLabelText("SLA hours for Artwork"), "36");
    await userEvent.click(within(form).getByRole("button", { name: "Add print method" }));
    const rows = within(form).getAllByTestId("print-method-row");
    expect(within(rows[0]!).getByRole("combobox", { name: /^Product type/ })).toHaveValue("Mug (mug)");
    const picker = within(rows[1]!).getByRole("combobox", { name: /^Product type/ });
    await userEvent.click(picker);
    await userEvent.type(picker, "post");
    await userEvent.click(await screen.findByRole("option", { name: "Poster (poster)" }));
    await userEvent.type(within(rows[1]!).getByLabelText("Print method"), "GICLEE");
    await userEvent.selectOptions(within(form).getByLabelText("Default print partner"), "Print Shop Berlin");
    await userEvent.click(within(form).getByRole("button", { name: "Save fulfilment settings" }));

    // then
    await screen.findByText("Saved.");
    expect(sent.filter((op) => op.operationName === "FulfilmentSettingsUpdate").map((op) => op.variables)).toEqual([
      {
        input: {
          graceMinutes: 30,
          slaHours: JSON.stringify({ ...SLA, ARTWORK: 36 }),
          printMethods: JSON.stringify({ mug: "SUBLIMATION", poster: "GICLEE" }),
          defaultPartner: "UHJpbnRQYXJ0bmVyOjE=",
        },
      },
    ]);
    const saved = screen.getByRole("form", { name: "Fulfilment settings" });
    await waitFor(() => expect(within(saved).getByLabelText("Grace window (minutes)")).toHaveValue("30"));
    expect(within(saved).getByLabelText("SLA hours for Artwork")).toHaveValue("36");
    expect(within(saved).getByLabelText("Default print partner")).toHaveValue("UHJpbnRQYXJ0bmVyOjE=");
    expect(within(saved).getAllByTestId("print-method-row")).toHaveLength(2);
  });

  it("picks the product types always checked after printing, keeping a saved one Saleor no longer knows", async () => {
    // given "canvas", which Saleor does not know (its product type is "canvas-print")
    const { sent } = renderWithApi(<FulfilmentSettings />, {
      FulfilmentSettings: answer(settings()),
      FulfilmentSettingsUpdate: { data: { fulfilmentSettingsUpdate: { errors: [], settings: settings() } } },
      SaleorProductTypes: saleorProductTypes,
    });
    const form = await screen.findByRole("form", { name: "Fulfilment settings" });
    expect(await within(form).findByText("canvas (not in Saleor)")).toBeInTheDocument();

    // when
    const picker = within(form).getByRole("combobox", { name: /^Always checked after printing/ });
    await userEvent.click(picker);
    await userEvent.type(picker, "post");
    await userEvent.click(await screen.findByRole("option", { name: "Poster (poster)" }));
    await userEvent.click(within(form).getByRole("button", { name: "Save fulfilment settings" }));

    // then
    await waitFor(() => expect(sent.some((op) => op.operationName === "FulfilmentSettingsUpdate")).toBe(true));
    expect(sent.find((op) => op.operationName === "FulfilmentSettingsUpdate")?.variables).toEqual({
      input: { qaProductTypes: ["canvas", "poster"] },
    });
    expect(sent.filter((op) => op.operationName === "SaleorProductTypes").map((op) => op.variables)[0]).toEqual({
      slugs: ["canvas", "mug"],
      first: 100,
    });
  });

  it("removes a print method with its button", async () => {
    const { sent } = renderWithApi(<FulfilmentSettings />, {
      FulfilmentSettings: answer(settings()),
      FulfilmentSettingsUpdate: { data: { fulfilmentSettingsUpdate: { errors: [], settings: settings({ printMethods: "{}" }) } } },
    });
    const form = await screen.findByRole("form", { name: "Fulfilment settings" });

    await userEvent.click(within(form).getByRole("button", { name: "Remove the print method of mug" }));
    await userEvent.click(within(form).getByRole("button", { name: "Save fulfilment settings" }));

    await waitFor(() => expect(sent.some((op) => op.operationName === "FulfilmentSettingsUpdate")).toBe(true));
    expect(sent.find((op) => op.operationName === "FulfilmentSettingsUpdate")?.variables).toEqual({ input: { printMethods: "{}" } });
  });

  it("shows PodOps' message beside the field it refused and keeps the form as typed", async () => {
    renderWithApi(<FulfilmentSettings />, {
      FulfilmentSettings: answer(settings()),
      FulfilmentSettingsUpdate: {
        data: {
          fulfilmentSettingsUpdate: {
            errors: [{ field: "spotCheckPercent", code: "INVALID", message: "A share between 0 and 100 percent" }],
            settings: null,
          },
        },
      },
    });
    const form = await screen.findByRole("form", { name: "Fulfilment settings" });
    const share = within(form).getByLabelText("Spot-check share (%)");

    await userEvent.clear(share);
    await userEvent.type(share, "120{Enter}");

    expect(await within(form).findByRole("alert")).toHaveTextContent("A share between 0 and 100 percent");
    expect(share).toHaveAttribute("aria-invalid", "true");
    expect(share).toHaveValue("120");
  });

  it("shows the API's error with a retry when the settings cannot be loaded", async () => {
    renderWithApi(<FulfilmentSettings />, {
      FulfilmentSettings: { errors: [{ message: "You need one of the roles ADMIN, MANAGER.", extensions: { code: "PERMISSION_DENIED" } }] },
    });

    expect(await screen.findByRole("alert")).toHaveTextContent("You need one of the roles ADMIN, MANAGER.");
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
