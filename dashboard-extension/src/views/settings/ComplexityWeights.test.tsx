import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { saleorProductTypes } from "../../test/productTypeFixtures";
import { renderWithApi } from "../../test/renderWithApi";
import { ComplexityWeights } from "./ComplexityWeights";

const weights = (...rows: Array<[string, number]>) => ({
  data: { complexityWeights: rows.map(([productTypeSlug, weight]) => ({ productTypeSlug, weight })) },
});
const saved = (productTypeSlug: string, weight: number) => ({
  data: { complexityWeightUpdate: { errors: [], complexityWeight: { productTypeSlug, weight } } },
});

describe("ComplexityWeights", () => {
  it("changes a product type's weight with Enter and shows the saved value", async () => {
    // given
    let canvas = 3;
    const { sent } = renderWithApi(<ComplexityWeights />, {
      ComplexityWeights: () => weights(["canvas", canvas], ["mug", 1]),
      ComplexityWeightUpdate: (variables: Record<string, unknown>) => {
        canvas = Number(variables.weight);
        return saved("canvas", canvas);
      },
    });
    const input = await screen.findByLabelText("Units for canvas");
    expect(within(screen.getByRole("form", { name: "Weight of canvas" })).getByRole("button", { name: "Save" })).toBeDisabled();

    // when
    await userEvent.clear(input);
    await userEvent.type(input, "5{Enter}");

    // then
    const canvasRow = () => screen.getAllByTestId("weight-row").find((row) => row.dataset.productType === "canvas");
    await waitFor(() => expect(canvasRow()).toHaveTextContent("Saved."));
    expect(sent.filter((op) => op.operationName === "ComplexityWeightUpdate").map((op) => op.variables)).toEqual([
      { productTypeSlug: "canvas", weight: 5 },
    ]);
    expect(screen.getByLabelText("Units for canvas")).toHaveValue("5");
    expect(sent.filter((op) => op.operationName === "ComplexityWeights")).toHaveLength(2);
  });

  it("shows PodOps' message when it refuses a weight, beside the field", async () => {
    renderWithApi(<ComplexityWeights />, {
      ComplexityWeights: weights(["canvas", 3]),
      ComplexityWeightUpdate: {
        data: {
          complexityWeightUpdate: {
            errors: [{ field: "weight", code: "INVALID", message: "A product type and a weight between 1 and 100 are required" }],
            complexityWeight: null,
          },
        },
      },
    });
    const input = await screen.findByLabelText("Units for canvas");

    await userEvent.clear(input);
    await userEvent.type(input, "500{Enter}");

    const row = screen.getByTestId("weight-row");
    expect(await within(row).findByRole("alert")).toHaveTextContent("A product type and a weight between 1 and 100 are required");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveValue("500");
  });

  it("starts empty (every type takes 1 unit) and adds a weight for a product type picked from Saleor's", async () => {
    const { sent } = renderWithApi(<ComplexityWeights />, {
      ComplexityWeights: weights(),
      ComplexityWeightUpdate: saved("poster", 4),
      SaleorProductTypes: saleorProductTypes,
    });
    expect(await screen.findByText("Every product type takes 1 unit")).toBeInTheDocument();
    const form = screen.getByRole("form", { name: "Add a complexity weight" });

    await userEvent.click(within(form).getByRole("button", { name: "Add weight" }));
    expect(within(form).getByText("Choose a product type.")).toBeInTheDocument();
    const picker = within(form).getByRole("combobox", { name: /^Product type/ });
    await userEvent.click(picker);
    await userEvent.type(picker, "post");
    await userEvent.click(await screen.findByRole("option", { name: "Poster (poster)" }));
    await userEvent.clear(within(form).getByLabelText("Work units"));
    await userEvent.type(within(form).getByLabelText("Work units"), "4{Enter}");

    expect(await screen.findByText("poster takes 4 units.")).toBeInTheDocument();
    expect(sent.filter((op) => op.operationName === "ComplexityWeightUpdate").map((op) => op.variables)).toEqual([
      { productTypeSlug: "poster", weight: 4 },
    ]);
    expect(picker).toHaveValue("");
  });

  it("names the saved product types as Saleor does, and keeps one Saleor no longer knows", async () => {
    const { sent } = renderWithApi(<ComplexityWeights />, {
      ComplexityWeights: weights(["poster", 2], ["retired", 3]),
      SaleorProductTypes: saleorProductTypes,
    });

    const label = (slug: string) =>
      within(screen.getAllByTestId("weight-row").find((row) => row.dataset.productType === slug) as HTMLElement).getByTestId(
        "product-type-label",
      );
    await waitFor(() => expect(label("retired")).toHaveTextContent("retired (not in Saleor)"));
    expect(label("poster")).toHaveTextContent("Poster (poster)");
    expect(screen.getByLabelText("Units for retired")).toHaveValue("3");
    expect(sent.filter((op) => op.operationName === "SaleorProductTypes").map((op) => op.variables)).toEqual([
      { slugs: ["poster", "retired"], first: 100 },
    ]);
  });

  it("removes a product type's weight: its row goes and it takes 1 unit again", async () => {
    // given
    let rows: Array<[string, number]> = [
      ["canvas", 3],
      ["mug", 2],
    ];
    const { sent } = renderWithApi(<ComplexityWeights />, {
      ComplexityWeights: () => weights(...rows),
      ComplexityWeightDelete: (variables: Record<string, unknown>) => {
        rows = rows.filter(([slug]) => slug !== variables.productTypeSlug);
        return { data: { complexityWeightDelete: { errors: [] } } };
      },
    });

    // when
    await userEvent.click(await screen.findByRole("button", { name: "Remove the weight of canvas" }));

    // then
    expect(await screen.findByText("canvas takes 1 unit again.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByLabelText("Units for canvas")).not.toBeInTheDocument());
    expect(screen.getAllByTestId("weight-row").map((row) => row.dataset.productType)).toEqual(["mug"]);
    expect(sent.filter((op) => op.operationName === "ComplexityWeightDelete").map((op) => op.variables)).toEqual([
      { productTypeSlug: "canvas" },
    ]);
    expect(sent.filter((op) => op.operationName === "ComplexityWeightUpdate")).toEqual([]);
  });

  it("shows PodOps' message when the weight was already removed, and reads the list again", async () => {
    // given a weight another manager removed meanwhile
    let listed: Array<[string, number]> = [["canvas", 3]];
    const { sent } = renderWithApi(<ComplexityWeights />, {
      ComplexityWeights: () => weights(...listed),
      ComplexityWeightDelete: () => {
        listed = [];
        return {
          data: {
            complexityWeightDelete: {
              errors: [{ field: "productTypeSlug", code: "NOT_FOUND", message: "The product type 'canvas' has no complexity weight" }],
            },
          },
        };
      },
    });

    // when
    await userEvent.click(await screen.findByRole("button", { name: "Remove the weight of canvas" }));

    // then
    expect(await screen.findByRole("alert")).toHaveTextContent("The product type 'canvas' has no complexity weight");
    expect(await screen.findByText("Every product type takes 1 unit")).toBeInTheDocument();
    expect(screen.queryByText("canvas takes 1 unit again.")).not.toBeInTheDocument();
    expect(sent.filter((op) => op.operationName === "ComplexityWeights")).toHaveLength(2);
  });

  it("shows the API's error when the weights cannot be loaded", async () => {
    renderWithApi(<ComplexityWeights />, {
      ComplexityWeights: { errors: [{ message: "PodOps is not installed for this Saleor.", extensions: { code: "PERMISSION_DENIED" } }] },
    });

    expect(await screen.findByRole("alert")).toHaveTextContent("PodOps is not installed for this Saleor.");
  });
});
