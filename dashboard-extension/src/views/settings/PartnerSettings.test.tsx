import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { renderWithApi } from "../../test/renderWithApi";
import { PartnerSettings, parseVariantIds, variantLines } from "./PartnerSettings";

function partner(overrides: Record<string, unknown> = {}) {
  return {
    id: "UHJpbnRQYXJ0bmVyOjE=",
    name: "Printful",
    kind: "PRINTFUL",
    endpointUrl: "https://api.printful.com",
    webhookUrl: "https://podops.example.com/api/partners/p-1/webhook/secret-token",
    isActive: true,
    hasSecret: false,
    hasApiKey: true,
    ratePerMinute: 60,
    burst: 10,
    webhookRegisteredAt: "2026-11-23T10:00:00+00:00",
    webhookRegistrationError: "",
    webhookRemovedAt: null,
    webhookRemovalError: "",
    printful: { storeId: "4321", variantIds: JSON.stringify({ "POSTER-A3": 1 }), filePlacements: "{}", shippingMethods: "{}" },
    ...overrides,
  };
}

const created = { data: { printPartnerCreate: { errors: [], partner: { id: "UHJpbnRQYXJ0bmVyOjI=" } } } };
const updated = { data: { printPartnerUpdate: { errors: [], partner: { id: "UHJpbnRQYXJ0bmVyOjE=", isActive: true } } } };

describe("parseVariantIds", () => {
  it("reads one SKU or product type per line and names the first line it cannot read", () => {
    expect(parseVariantIds("POSTER-A3 = 4012\n\n portrait=71 ")).toEqual({ ok: true, value: { "POSTER-A3": 4012, portrait: 71 } });
    expect(parseVariantIds("")).toEqual({ ok: true, value: {} });
    expect(parseVariantIds("POSTER-A3 = 4012\nmug = big")).toEqual({
      ok: false,
      message: 'Line 2: write "SKU or product type = Printful variant id".',
    });
    expect(parseVariantIds("mug = 0").ok).toBe(false);
    expect(variantLines(JSON.stringify({ "POSTER-A3": 4012, portrait: 71 }))).toBe("POSTER-A3 = 4012\nportrait = 71");
  });
});

describe("PartnerSettings", () => {
  it("adds a Printful partner with its key, store and variants", async () => {
    const { sent } = renderWithApi(<PartnerSettings />, {
      PrintPartners: { data: { printPartners: [] } },
      PrintPartnerCreate: created,
    });
    const form = await screen.findByRole("form", { name: "Add a print partner" });

    await userEvent.type(within(form).getByLabelText("Partner name"), "Printful EU");
    await userEvent.selectOptions(within(form).getByLabelText("How jobs reach them"), "PRINTFUL");
    await userEvent.type(within(form).getByLabelText("Printful API key"), "pf-private-token-0123456789");
    await userEvent.type(within(form).getByLabelText("Printful store id (account tokens)"), "4321");
    await userEvent.type(within(form).getByLabelText(/Printful variants/), "POSTER-A3 = 4012{enter}portrait = 71");
    await userEvent.click(within(form).getByRole("button", { name: "Add partner" }));

    await screen.findByText("No print partner yet");
    expect(sent.filter((op) => op.operationName === "PrintPartnerCreate").map((op) => op.variables)).toEqual([
      {
        input: {
          name: "Printful EU",
          kind: "PRINTFUL",
          apiKey: "pf-private-token-0123456789",
          printful: { storeId: "4321", variantIds: JSON.stringify({ "POSTER-A3": 4012, portrait: 71 }) },
        },
      },
    ]);
  });

  it("refuses variants it cannot read without calling PodOps", async () => {
    const { sent } = renderWithApi(<PartnerSettings />, { PrintPartners: { data: { printPartners: [] } } });
    const form = await screen.findByRole("form", { name: "Add a print partner" });
    await userEvent.type(within(form).getByLabelText("Partner name"), "Printful");
    await userEvent.selectOptions(within(form).getByLabelText("How jobs reach them"), "PRINTFUL");
    await userEvent.type(within(form).getByLabelText(/Printful variants/), "poster");
    await userEvent.click(within(form).getByRole("button", { name: "Add partner" }));

    expect(await within(form).findByRole("alert")).toHaveTextContent("Line 1");
    expect(sent.map((op) => op.operationName)).not.toContain("PrintPartnerCreate");
  });

  it("shows whether Printful's webhooks are registered, and Printful's reason when not", async () => {
    renderWithApi(<PartnerSettings />, {
      PrintPartners: {
        data: {
          printPartners: [
            partner(),
            partner({ id: "UHJpbnRQYXJ0bmVyOjI=", name: "Printful US", webhookRegisteredAt: null, webhookRegistrationError: "register webhooks: HTTP 401 Bad token" }),
            partner({ id: "UHJpbnRQYXJ0bmVyOjM=", name: "Desk", kind: "MANUAL", webhookUrl: "", printful: null, webhookRegisteredAt: null }),
          ],
        },
      },
    });
    const rows = await screen.findAllByTestId("partner-row");
    expect(within(rows[0]!).getByTestId("printful-webhooks")).toHaveTextContent("Printful sends its order updates to PodOps.");
    expect(within(rows[1]!).getByTestId("printful-webhooks")).toHaveTextContent("not registered: register webhooks: HTTP 401 Bad token");
    expect(within(rows[2]!).queryByTestId("printful-webhooks")).toBeNull();
    expect(rows[0]).toHaveTextContent("Printful store 4321");
  });

  it("shows a switched-off Printful partner's webhook kept for its jobs, removed, or not removed", async () => {
    renderWithApi(<PartnerSettings />, {
      PrintPartners: {
        data: {
          printPartners: [
            partner({ isActive: false }),
            partner({ id: "UHJpbnRQYXJ0bmVyOjI=", name: "Printful US", isActive: false, webhookRegisteredAt: null, webhookRemovedAt: "2026-11-24T10:00:00+00:00" }),
            partner({
              id: "UHJpbnRQYXJ0bmVyOjM=",
              name: "Printful EU",
              isActive: false,
              webhookRegisteredAt: null,
              webhookRemovalError: "look up webhooks: HTTP 401 Bad token (remove the webhook in Printful's dashboard)",
            }),
            partner({ id: "UHJpbnRQYXJ0bmVyOjQ=", name: "Was Printful", kind: "GENERIC_HTTP", printful: null }),
            partner({ id: "UHJpbnRQYXJ0bmVyOjU=", name: "Never registered", isActive: false, webhookRegisteredAt: null }),
          ],
        },
      },
    });
    const rows = await screen.findAllByTestId("partner-row");
    const states = rows.map((row) => within(row).queryByTestId("printful-webhooks")?.textContent ?? null);
    expect(states).toEqual([
      "Printful still sends updates on the jobs it has; its webhook is removed when they are done.",
      "Printful no longer sends its order updates to PodOps.",
      "Printful webhook not removed: look up webhooks: HTTP 401 Bad token (remove the webhook in Printful's dashboard)",
      "Removing PodOps' webhook from Printful…",
      null,
    ]);
  });

  it("edits a Printful partner's variants and rotates its webhook URL, keeping the stored key", async () => {
    const { sent } = renderWithApi(<PartnerSettings />, {
      PrintPartners: { data: { printPartners: [partner()] } },
      PrintPartnerUpdate: updated,
    });
    const [row] = await screen.findAllByTestId("partner-row");
    await userEvent.click(within(row!).getByRole("button", { name: "Printful settings" }));
    const form = within(row!).getByRole("form", { name: "Printful settings of Printful" });
    const variants = within(form).getByLabelText(/Printful variants/);
    expect(variants).toHaveValue("POSTER-A3 = 1");

    await userEvent.type(variants, "{enter}canvas = 9");
    await userEvent.click(within(form).getByRole("button", { name: "Save Printful settings" }));
    await userEvent.click(within(form).getByRole("button", { name: "New webhook URL" }));

    const updates = sent.filter((op) => op.operationName === "PrintPartnerUpdate").map((op) => op.variables);
    const base = { name: "Printful", kind: "PRINTFUL", endpointUrl: "https://api.printful.com", ratePerMinute: 60, burst: 10, isActive: true };
    expect(updates).toEqual([
      {
        id: "UHJpbnRQYXJ0bmVyOjE=",
        input: {
          ...base,
          printful: { storeId: "4321", variantIds: JSON.stringify({ "POSTER-A3": 1, canvas: 9 }), filePlacements: "{}", shippingMethods: "{}" },
        },
      },
      { id: "UHJpbnRQYXJ0bmVyOjE=", input: { ...base, rotateWebhookToken: true } },
    ]);
  });
});
