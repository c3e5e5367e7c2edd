import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import { saleorProductTypes } from "../test/productTypeFixtures";
import { renderWithApi } from "../test/renderWithApi";
import { ProductTypePicker, ProductTypesPicker } from "./ProductTypePicker";
import { useKnownProductTypes } from "./productTypes";

function One({ initial = "" }: { initial?: string }) {
  const [slug, setSlug] = useState(initial);
  const known = useKnownProductTypes([initial]);
  return (
    <>
      <ProductTypePicker id="one" label="Product type" value={slug} onChange={setSlug} known={known} />
      <output data-testid="value">{slug}</output>
    </>
  );
}

function Many({ initial }: { initial: string[] }) {
  const [slugs, setSlugs] = useState(initial);
  const known = useKnownProductTypes(initial);
  return (
    <>
      <ProductTypesPicker id="many" label="Skills" value={slugs} onChange={setSlugs} known={known} />
      <output data-testid="value">{slugs.join(",")}</output>
    </>
  );
}

const asked = (sent: { operationName: string; variables: Record<string, unknown> }[]) =>
  sent.filter((op) => op.operationName === "SaleorProductTypes").map((op) => op.variables);

describe("ProductTypePicker", () => {
  it("asks Saleor once focused, searches as the person types, and gives the picked slug", async () => {
    // given
    const { sent } = renderWithApi(<One />, { SaleorProductTypes: saleorProductTypes });
    const input = screen.getByRole("combobox", { name: /^Product type/ });
    expect(asked(sent)).toEqual([]);

    // when the field is focused, the shop's product types are offered
    await userEvent.click(input);
    expect(await screen.findByRole("option", { name: "Canvas print (canvas-print)" })).toBeInTheDocument();
    expect(screen.getAllByRole("option").map((option) => option.textContent)).toEqual([
      "Canvas print (canvas-print)",
      "Mug (mug)",
      "Poster (poster)",
    ]);

    // and typing asks Saleor for what matches
    await userEvent.type(input, "post");
    await waitFor(() => expect(asked(sent)).toContainEqual({ search: "post", first: 20 }));
    await userEvent.click(await screen.findByRole("option", { name: "Poster (poster)" }));

    // then
    expect(screen.getByTestId("value")).toHaveTextContent("poster");
    expect(input).toHaveValue("Poster (poster)");
    expect(asked(sent)[0]).toEqual({ search: null, first: 20 });

    // and another can be typed over it
    await userEvent.clear(input);
    await userEvent.type(input, "mu");
    await userEvent.click(await screen.findByRole("option", { name: "Mug (mug)" }));
    expect(screen.getByTestId("value")).toHaveTextContent("mug");
    expect(input).toHaveValue("Mug (mug)");
  });

  it("shows a saved slug Saleor does not know any more", async () => {
    renderWithApi(<One initial="retired" />, { SaleorProductTypes: saleorProductTypes });

    const input = screen.getByRole("combobox", { name: /^Product type/ });
    await waitFor(() => expect(input).toHaveValue("retired (not in Saleor)"));
    expect(screen.getByTestId("value")).toHaveTextContent("retired");
  });

  it("says when Saleor cannot be reached", async () => {
    renderWithApi(<One />, {
      SaleorProductTypes: {
        errors: [{ message: "Saleor could not be reached for its product types: try again.", extensions: { code: "SALEOR_UNAVAILABLE" } }],
      },
    });
    const input = screen.getByRole("combobox", { name: /^Product type/ });

    await userEvent.click(input);

    expect(await screen.findByText("Saleor could not be reached for its product types: try again.")).toBeInTheDocument();
    expect(input).toHaveAttribute("aria-invalid", "true");
  });
});

describe("ProductTypesPicker", () => {
  it("shows the saved slugs with Saleor's names, keeps one Saleor no longer knows, and adds another", async () => {
    // given two saved skills, one of them gone from Saleor
    const { sent } = renderWithApi(<Many initial={["mug", "retired"]} />, { SaleorProductTypes: saleorProductTypes });
    expect(await screen.findByText("retired (not in Saleor)")).toBeInTheDocument();
    expect(screen.getByText("Mug (mug)")).toBeInTheDocument();
    expect(asked(sent)).toEqual([{ slugs: ["mug", "retired"], first: 100 }]);

    // when the person picks another one from Saleor's
    const input = screen.getByRole("combobox", { name: /^Skills/ });
    await userEvent.click(input);
    await userEvent.type(input, "canvas");
    await userEvent.click(await screen.findByRole("option", { name: "Canvas print (canvas-print)" }));

    // then all three are the value, the unknown one kept
    expect(screen.getByTestId("value")).toHaveTextContent("mug,retired,canvas-print");
    expect(screen.getByText("Canvas print (canvas-print)")).toBeInTheDocument();
  });

  it("removes a saved slug with its ✕", async () => {
    renderWithApi(<Many initial={["mug", "retired"]} />, { SaleorProductTypes: saleorProductTypes });
    const chip = (await screen.findByText("retired (not in Saleor)")).parentElement as HTMLElement;

    await userEvent.click(within(chip).getByText("✕"));

    expect(screen.getByTestId("value")).toHaveTextContent(/^mug$/);
  });
});
