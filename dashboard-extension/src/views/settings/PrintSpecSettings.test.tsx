import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { saleorProductTypes } from "../../test/productTypeFixtures";
import { renderWithApi } from "../../test/renderWithApi";
import { describeSpec, inches, PrintSpecSettings, specInput } from "./PrintSpecSettings";

function spec(slug: string | null, width: string, height: string, minDpi = 150, warnDpi = 300) {
  const px = (value: string, dpi: number) => Math.ceil(Number(value) * dpi);
  return {
    productTypeSlug: slug,
    printWidthIn: width,
    printHeightIn: height,
    minDpi,
    warnDpi,
    pixelsAtMinDpi: { width: px(width, minDpi), height: px(height, minDpi) },
    pixelsAtWarnDpi: { width: px(width, warnDpi), height: px(height, warnDpi) },
  };
}

type Row = { productTypeSlug: string; source: "PRODUCT_TYPE" | "SHOP_DEFAULT" | "NONE"; spec: ReturnType<typeof spec> | null };

function specs(shopDefault: ReturnType<typeof spec> | null, productTypes: Row[]) {
  return { data: { printSpecs: { shopDefault, productTypes } } };
}

const POSTER = spec("poster", "24.00", "36.00", 100, 200);
const updated = { data: { printSpecUpdate: { errors: [], printSpec: POSTER } } };

describe("print spec helpers", () => {
  it("shows inches without trailing zeros and the pixels each DPI needs", () => {
    expect(inches("8.00")).toBe("8");
    expect(inches("24.50")).toBe("24.5");
    expect(inches("10")).toBe("10");
    expect(describeSpec(spec(null, "8.00", "10.00"))).toBe(
      "8 × 10 in · refused under 150 DPI (1200 × 1500 px) · flagged under 300 DPI (2400 × 3000 px)",
    );
  });

  it("sends sizes as typed and empty DPIs as null (PodOps' defaults), and names fields it cannot send", () => {
    expect(specInput({ slug: "", width: "8,5", height: "11", minDpi: "", warnDpi: "300" })).toEqual({
      ok: true,
      input: { printWidthIn: "8.5", printHeightIn: "11", minDpi: null, warnDpi: 300 },
    });
    expect(specInput({ slug: "", width: "", height: "wide", minDpi: "1.5", warnDpi: "300" })).toEqual({
      ok: false,
      errors: {
        printWidthIn: "Enter the print width in inches.",
        printHeightIn: "Enter the print height in inches.",
        minDpi: "Enter a whole number.",
      },
    });
  });
});

describe("PrintSpecSettings", () => {
  it("lists each product type with the spec that applies and where it comes from", async () => {
    renderWithApi(<PrintSpecSettings />, {
      PrintSpecs: specs(spec(null, "8.00", "10.00"), [
        { productTypeSlug: "mug", source: "SHOP_DEFAULT", spec: spec(null, "8.00", "10.00") },
        { productTypeSlug: "poster", source: "PRODUCT_TYPE", spec: POSTER },
      ]),
    });

    expect(screen.getByRole("status")).toHaveTextContent("Loading print specs…");
    const rows = await screen.findAllByTestId("print-spec-row");
    expect(rows.map((row) => [row.dataset.productType, row.dataset.source])).toEqual([
      ["mug", "SHOP_DEFAULT"],
      ["poster", "PRODUCT_TYPE"],
    ]);
    expect(rows[0]).toHaveTextContent("Shop default");
    expect(rows[1]).toHaveTextContent("24 × 36 in · refused under 100 DPI (2400 × 3600 px)");
    expect(screen.getByTestId("print-spec-default")).toHaveTextContent("8 × 10 in");
  });

  it("edits a product type's spec from the keyboard and shows what PodOps saved", async () => {
    // given: PodOps answers the query with what was last saved
    let poster = POSTER;
    const { sent } = renderWithApi(<PrintSpecSettings />, {
      PrintSpecs: () => specs(null, [{ productTypeSlug: "poster", source: "PRODUCT_TYPE", spec: poster }]),
      PrintSpecUpdate: () => {
        poster = spec("poster", "20.00", "36.00", 100, 200);
        return { data: { printSpecUpdate: { errors: [], printSpec: poster } } };
      },
    });
    await userEvent.click(await screen.findByRole("button", { name: "Edit the print spec of poster" }));
    const form = screen.getByRole("form", { name: "Print spec of poster" });

    // when
    const width = within(form).getByLabelText("Width (in)");
    expect(width).toHaveFocus();
    await userEvent.clear(width);
    await userEvent.type(width, "20{Enter}");

    // then
    await screen.findByText("Print spec of poster saved.");
    expect(sent.filter((op) => op.operationName === "PrintSpecUpdate").map((op) => op.variables)).toEqual([
      { productTypeSlug: "poster", input: { printWidthIn: "20", printHeightIn: "36", minDpi: 100, warnDpi: 200 } },
    ]);
    expect(screen.queryByRole("form", { name: "Print spec of poster" })).not.toBeInTheDocument();
    expect(screen.getByTestId("print-spec-row")).toHaveTextContent("20 × 36 in");
  });

  it("shows PodOps' refusal with its message beside the field and keeps what was typed", async () => {
    renderWithApi(<PrintSpecSettings />, {
      PrintSpecs: specs(null, [{ productTypeSlug: "poster", source: "PRODUCT_TYPE", spec: POSTER }]),
      PrintSpecUpdate: {
        data: {
          printSpecUpdate: {
            errors: [{ field: "warnDpi", code: "INVALID_DPI", message: "The warning DPI is at least the minimum DPI" }],
            printSpec: null,
          },
        },
      },
    });
    await userEvent.click(await screen.findByRole("button", { name: "Edit the print spec of poster" }));
    const form = screen.getByRole("form", { name: "Print spec of poster" });

    await userEvent.clear(within(form).getByLabelText("Flagged under (DPI)"));
    await userEvent.type(within(form).getByLabelText("Flagged under (DPI)"), "50");
    await userEvent.click(within(form).getByRole("button", { name: "Save print spec" }));

    expect(await within(form).findByRole("alert")).toHaveTextContent("The warning DPI is at least the minimum DPI");
    expect(within(form).getByLabelText("Flagged under (DPI)")).toHaveAttribute("aria-invalid", "true");
    expect(within(form).getByLabelText("Flagged under (DPI)")).toHaveValue("50");
  });

  it("sends nothing while a size is missing, and Escape closes the form", async () => {
    const { sent } = renderWithApi(<PrintSpecSettings />, {
      PrintSpecs: specs(null, [{ productTypeSlug: "mug", source: "NONE", spec: null }]),
    });
    await userEvent.click(await screen.findByRole("button", { name: "Edit the print spec of mug" }));
    const form = screen.getByRole("form", { name: "Print spec of mug" });
    // a new spec starts from the usual thresholds
    expect(within(form).getByLabelText("Refused under (DPI)")).toHaveValue("150");
    expect(within(form).getByLabelText("Flagged under (DPI)")).toHaveValue("300");

    await userEvent.click(within(form).getByRole("button", { name: "Save print spec" }));
    expect(within(form).getByText("Enter the print width in inches.")).toBeInTheDocument();
    await userEvent.keyboard("{Escape}");

    expect(screen.queryByRole("form", { name: "Print spec of mug" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Edit the print spec of mug" })).toHaveFocus();
    expect(sent.map((op) => op.operationName).filter((name) => name.startsWith("PrintSpec"))).toEqual(["PrintSpecs"]);
  });

  it("sets the shop default (no product type) and adds a spec for a product type picked from Saleor's", async () => {
    const { sent } = renderWithApi(<PrintSpecSettings />, {
      PrintSpecs: specs(null, []),
      PrintSpecUpdate: updated,
      SaleorProductTypes: saleorProductTypes,
    });
    expect(await screen.findByText("No product types yet")).toBeInTheDocument();
    expect(screen.getByTestId("print-spec-default")).toHaveTextContent("Not set");

    await userEvent.click(screen.getByRole("button", { name: "Set a shop default" }));
    const shopDefault = screen.getByRole("form", { name: "Shop default print spec" });
    await userEvent.type(within(shopDefault).getByLabelText("Width (in)"), "8");
    await userEvent.type(within(shopDefault).getByLabelText("Height (in)"), "10{Enter}");
    await screen.findByText("Shop default saved.");

    await userEvent.click(screen.getByRole("button", { name: "Add a print spec" }));
    const add = screen.getByRole("form", { name: "Add a print spec" });
    const picker = within(add).getByRole("combobox", { name: /^Product type/ });
    expect(picker).toHaveFocus();
    await userEvent.click(within(add).getByRole("button", { name: "Save print spec" }));
    expect(within(add).getByText("Choose a product type.")).toBeInTheDocument();
    await userEvent.type(picker, "canvas");
    await userEvent.click(await screen.findByRole("option", { name: "Canvas print (canvas-print)" }));
    await userEvent.type(within(add).getByLabelText("Width (in)"), "16");
    await userEvent.type(within(add).getByLabelText("Height (in)"), "20");
    await userEvent.click(within(add).getByRole("button", { name: "Save print spec" }));
    await screen.findByText("Print spec of canvas-print saved.");

    expect(sent.filter((op) => op.operationName === "PrintSpecUpdate").map((op) => op.variables)).toEqual([
      { productTypeSlug: null, input: { printWidthIn: "8", printHeightIn: "10", minDpi: 150, warnDpi: 300 } },
      { productTypeSlug: "canvas-print", input: { printWidthIn: "16", printHeightIn: "20", minDpi: 150, warnDpi: 300 } },
    ]);
  });

  it("names the listed product types as Saleor does, and says which one Saleor no longer knows", async () => {
    renderWithApi(<PrintSpecSettings />, {
      PrintSpecs: specs(null, [
        { productTypeSlug: "poster", source: "PRODUCT_TYPE", spec: POSTER },
        { productTypeSlug: "retired", source: "NONE", spec: null },
      ]),
      SaleorProductTypes: saleorProductTypes,
    });

    const label = async (slug: string) =>
      within((await screen.findAllByTestId("print-spec-row")).find((row) => row.dataset.productType === slug) as HTMLElement).getByTestId(
        "product-type-label",
      );
    expect(await screen.findByText("retired (not in Saleor)")).toBeInTheDocument();
    expect(await label("poster")).toHaveTextContent("Poster (poster)");
    expect(await label("retired")).toHaveTextContent("retired (not in Saleor)");
  });

  it("removes a product type's own spec so it uses the shop default", async () => {
    const { sent } = renderWithApi(<PrintSpecSettings />, {
      PrintSpecs: specs(spec(null, "8.00", "10.00"), [{ productTypeSlug: "poster", source: "PRODUCT_TYPE", spec: POSTER }]),
      PrintSpecDelete: { data: { printSpecDelete: { errors: [] } } },
    });

    await userEvent.click(await screen.findByRole("button", { name: "Remove the print spec of poster" }));

    await screen.findByText("Print spec of poster removed.");
    expect(sent.find((op) => op.operationName === "PrintSpecDelete")?.variables).toEqual({ productTypeSlug: "poster" });
  });

  it("shows the API's error with a retry when the specs cannot be loaded", async () => {
    renderWithApi(<PrintSpecSettings />, {
      PrintSpecs: { errors: [{ message: "You need one of the roles ADMIN, MANAGER.", extensions: { code: "PERMISSION_DENIED" } }] },
    });

    expect(await screen.findByRole("alert")).toHaveTextContent("You need one of the roles ADMIN, MANAGER.");
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
