import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { saleorProductTypes } from "../../test/productTypeFixtures";
import { renderWithApi } from "../../test/renderWithApi";
import { FlowSettings } from "./FlowSettings";

type Override = {
  productTypeSlug: string;
  imageReviewEnabled: boolean | null;
  artworkQcEnabled: boolean | null;
  customerApprovalEnabled: boolean | null;
};

const override = (productTypeSlug: string, switches: Partial<Override> = {}): Override => ({
  productTypeSlug,
  imageReviewEnabled: null,
  artworkQcEnabled: null,
  customerApprovalEnabled: null,
  ...switches,
});

/** PodOps' flow settings holding `overrides`; ProductTypeFlowUpdate changes them as PodOps does. */
function fakeFlow(initial: Override[]) {
  let overrides = [...initial];
  const flow = () => ({
    data: {
      flowSettings: {
        imageReviewEnabled: true,
        artworkQcEnabled: true,
        customerApprovalEnabled: false,
        skipRules: [],
        productTypes: overrides,
      },
      reasonCodes: [],
    },
  });
  const update = (variables: Record<string, unknown>) => {
    const slug = String(variables.productTypeSlug);
    const input = variables.input as Omit<Override, "productTypeSlug">;
    const row = override(slug, input);
    overrides = overrides.filter((entry) => entry.productTypeSlug !== slug);
    if (Object.values(input).some((value) => value !== null && value !== undefined)) {
      overrides = [...overrides, row].sort((a, b) => a.productTypeSlug.localeCompare(b.productTypeSlug));
    }
    return { data: { flowSettingsUpdate: { errors: [], flowSettings: { productTypes: overrides } } } };
  };
  return { FlowSettings: flow, ProductTypeFlowUpdate: update, SaleorProductTypes: saleorProductTypes };
}

const updates = (sent: { operationName: string; variables: Record<string, unknown> }[]) =>
  sent.filter((op) => op.operationName === "ProductTypeFlowUpdate").map((op) => op.variables);
const row = (slug: string) =>
  screen.getAllByTestId("flow-override").find((element) => element.dataset.productType === slug) as HTMLElement;
const selected = (container: HTMLElement, label: string) => {
  const select = within(container).getByLabelText(label) as HTMLSelectElement;
  return select.options[select.selectedIndex]?.textContent;
};

describe("ProductTypeFlows", () => {
  it("lists the overrides named as Saleor names them, each switch as the shop's, on or off", async () => {
    renderWithApi(<FlowSettings />, fakeFlow([override("mug", { artworkQcEnabled: false }), override("retired", { customerApprovalEnabled: true })]));

    await waitFor(() => expect(within(row("retired")).getByTestId("product-type-label")).toHaveTextContent("retired (not in Saleor)"));
    expect(within(row("mug")).getByTestId("product-type-label")).toHaveTextContent("Mug (mug)");
    expect(selected(row("mug"), "Image review")).toBe("As the shop (on)");
    expect(selected(row("mug"), "Artwork QC")).toBe("Off");
    expect(selected(row("retired"), "Customer approval")).toBe("On");
    expect(selected(row("retired"), "Artwork QC")).toBe("As the shop (on)");
    expect(within(row("mug")).getByRole("button", { name: "Save" })).toBeDisabled();
  });

  it("adds an override for a product type picked from Saleor's, and lists it", async () => {
    // given no override
    const { sent } = renderWithApi(<FlowSettings />, fakeFlow([]));
    expect(await screen.findByText("Every product type follows the shop")).toBeInTheDocument();
    const form = screen.getByRole("form", { name: "Add a product type's flow" });

    // when posters get no artwork QC and customer approval
    const picker = within(form).getByRole("combobox", { name: /^Product type/ });
    await userEvent.click(picker);
    await userEvent.type(picker, "post");
    await userEvent.click(await screen.findByRole("option", { name: "Poster (poster)" }));
    await userEvent.selectOptions(within(form).getByLabelText("Artwork QC"), "Off");
    await userEvent.selectOptions(within(form).getByLabelText("Customer approval"), "On");
    await userEvent.click(within(form).getByRole("button", { name: "Add override" }));

    // then PodOps is sent the override, switches left as the shop's as null
    await waitFor(() => expect(updates(sent)).toHaveLength(1));
    expect(updates(sent)[0]).toEqual({
      productTypeSlug: "poster",
      input: { imageReviewEnabled: null, artworkQcEnabled: false, customerApprovalEnabled: true },
    });
    expect(
      await screen.findByText("poster has its own flow: Image review: as the shop (on) · Artwork QC: off · Customer approval: on."),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId("flow-override").map((element) => element.dataset.productType)).toEqual(["poster"]));
    expect(selected(row("poster"), "Artwork QC")).toBe("Off");
    expect(picker).toHaveValue("");
    expect(selected(form, "Artwork QC")).toBe("As the shop (on)");
  });

  it("sends nothing without a product type, with every stage as the shop's, or for a product type that has its own flow", async () => {
    const { sent } = renderWithApi(<FlowSettings />, fakeFlow([override("mug", { imageReviewEnabled: false })]));
    const form = await screen.findByRole("form", { name: "Add a product type's flow" });

    await userEvent.click(within(form).getByRole("button", { name: "Add override" }));
    expect(within(form).getByText("Choose a product type.")).toBeInTheDocument();
    expect(screen.getByText("Set at least one stage on or off.")).toBeInTheDocument();

    const picker = within(form).getByRole("combobox", { name: /^Product type/ });
    await userEvent.click(picker);
    await userEvent.type(picker, "mu");
    await userEvent.click(await screen.findByRole("option", { name: "Mug (mug)" }));
    await userEvent.selectOptions(within(form).getByLabelText("Image review"), "On");
    await userEvent.click(within(form).getByRole("button", { name: "Add override" }));
    expect(within(form).getByText("This product type has its own flow already: change it in the list.")).toBeInTheDocument();
    expect(screen.queryByText("Set at least one stage on or off.")).not.toBeInTheDocument();
    expect(updates(sent)).toEqual([]);
  });

  it("changes which stages are on for a product type", async () => {
    // given mugs without artwork QC
    const { sent } = renderWithApi(<FlowSettings />, fakeFlow([override("mug", { artworkQcEnabled: false })]));
    await screen.findAllByTestId("flow-override");

    // when artwork QC follows the shop again and image review is switched off
    await userEvent.selectOptions(within(row("mug")).getByLabelText("Artwork QC"), "As the shop (on)");
    await userEvent.selectOptions(within(row("mug")).getByLabelText("Image review"), "Off");
    await userEvent.click(within(row("mug")).getByRole("button", { name: "Save" }));

    // then
    await waitFor(() => expect(within(row("mug")).getByText("Saved.")).toBeInTheDocument());
    expect(updates(sent)).toEqual([
      { productTypeSlug: "mug", input: { imageReviewEnabled: false, artworkQcEnabled: null, customerApprovalEnabled: null } },
    ]);
    expect(selected(row("mug"), "Image review")).toBe("Off");
    expect(selected(row("mug"), "Artwork QC")).toBe("As the shop (on)");
  });

  it("does not save an override whose stages all follow the shop: it says to remove it", async () => {
    const { sent } = renderWithApi(<FlowSettings />, fakeFlow([override("mug", { artworkQcEnabled: false })]));
    await screen.findAllByTestId("flow-override");

    await userEvent.selectOptions(within(row("mug")).getByLabelText("Artwork QC"), "As the shop (on)");
    await userEvent.click(within(row("mug")).getByRole("button", { name: "Save" }));

    expect(within(row("mug")).getByRole("alert")).toHaveTextContent("Set a stage on or off, or remove the override.");
    expect(updates(sent)).toEqual([]);
  });

  it("removes an override: the product type follows the shop again", async () => {
    const { sent } = renderWithApi(<FlowSettings />, fakeFlow([override("mug", { artworkQcEnabled: false }), override("poster", { imageReviewEnabled: false })]));
    await screen.findAllByTestId("flow-override");

    await userEvent.click(screen.getByRole("button", { name: "Remove the flow of mug" }));

    expect(await screen.findByText("mug follows the shop's flow again.")).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId("flow-override").map((element) => element.dataset.productType)).toEqual(["poster"]));
    expect(updates(sent)).toEqual([
      { productTypeSlug: "mug", input: { imageReviewEnabled: null, artworkQcEnabled: null, customerApprovalEnabled: null } },
    ]);
  });

  it("shows PodOps' refusal of the product type beside the picker, and in the form's message", async () => {
    // given PodOps refusing the product type (its INVALID of a slug it cannot take)
    const { sent } = renderWithApi(<FlowSettings />, {
      ...fakeFlow([]),
      ProductTypeFlowUpdate: {
        data: {
          flowSettingsUpdate: {
            errors: [{ field: "productTypeSlug", code: "INVALID", message: "A product type slug is required" }],
            flowSettings: null,
          },
        },
      },
    });
    const form = await screen.findByRole("form", { name: "Add a product type's flow" });
    const picker = within(form).getByRole("combobox", { name: /^Product type/ });
    await userEvent.click(picker);
    await userEvent.type(picker, "canv");
    await userEvent.click(await screen.findByRole("option", { name: "Canvas print (canvas-print)" }));
    await userEvent.selectOptions(within(form).getByLabelText("Customer approval"), "On");

    // when the override is sent
    await userEvent.click(within(form).getByRole("button", { name: "Add override" }));

    // then PodOps' message is beside the picker and in the error; what was chosen stays
    expect(await screen.findByRole("alert")).toHaveTextContent("A product type slug is required");
    expect(within(form).getByText("A product type slug is required")).toBeInTheDocument();
    expect(picker).toHaveAttribute("aria-invalid", "true");
    expect(picker).toHaveValue("Canvas print (canvas-print)");
    expect(selected(form, "Customer approval")).toBe("On");
    expect(updates(sent)).toEqual([
      { productTypeSlug: "canvas-print", input: { imageReviewEnabled: null, artworkQcEnabled: null, customerApprovalEnabled: true } },
    ]);
    expect(screen.queryAllByTestId("flow-override")).toEqual([]);

    // and choosing another product type clears the picker's message
    await userEvent.clear(picker);
    await userEvent.type(picker, "mu");
    await userEvent.click(await screen.findByRole("option", { name: "Mug (mug)" }));
    await waitFor(() => expect(picker).not.toHaveAttribute("aria-invalid"));
  });
});
