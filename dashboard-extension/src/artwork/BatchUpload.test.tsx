import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { fakeXhrFactory } from "../test/fakeXhr";
import { renderWithApi } from "../test/renderWithApi";
import { BatchUpload } from "./BatchUpload";
import { pairResults } from "./uploads";

const item = { id: "item-1", lineIndex: 1, productName: "Pet Portrait", order: { number: "5001" } };

function dryRunAnswer() {
  return {
    data: {
      artworkBatchUpload: {
        errors: [],
        results: [
          { fileName: "5001 - Pet Portrait - 1.png", outcome: "MATCHED", message: "", expectedName: "5001 - Pet Portrait - 1", item, printCheck: null },
          { fileName: "holiday.png", outcome: "NO_MATCH", message: "The name does not start with the order number.", expectedName: "", item: null, printCheck: null },
        ],
      },
    },
  };
}

describe("pairResults", () => {
  it("pairs by position and falls back to the file name", () => {
    const a = new File(["a"], "a.png");
    const b = new File(["b"], "b.png");
    const result = (fileName: string) => ({ fileName, outcome: "MATCHED" as const, message: "", expectedName: "", item: null, printCheck: null });
    expect(pairResults([a, b], [result("a.png"), result("b.png")]).map((row) => row.result?.fileName)).toEqual(["a.png", "b.png"]);
    expect(pairResults([a, b], [result("b.png"), result("a.png")]).map((row) => row.result?.fileName)).toEqual(["a.png", "b.png"]);
    expect(pairResults([a], [])[0]?.result).toBeUndefined();
  });
});

describe("BatchUpload", () => {
  it("dry-runs the files, uploads only the matched one, and shows a green and a red banner", async () => {
    // given
    const xhr = fakeXhrFactory((upload) =>
      upload.operations.query.includes("ArtworkBatchDryRun")
        ? { body: dryRunAnswer() }
        : { body: { data: { artworkUpload: { errors: [], version: { id: "v1", number: 1, printCheck: null } } } } },
    );
    renderWithApi(<BatchUpload />, {}, { createXhr: xhr.createXhr });
    const files = [new File(["a"], "5001 - Pet Portrait - 1.png", { type: "image/png" }), new File(["b"], "holiday.png", { type: "image/png" })];

    // when
    await userEvent.upload(screen.getByLabelText(/Drop artwork files here/), files);
    const table = await screen.findByTestId("match-table");

    // then: the dry run sent both files and saved nothing
    expect(xhr.sent[0]?.operations.variables).toEqual({ files: [null, null] });
    expect(xhr.sent[0]?.map).toEqual({ "0": ["variables.files.0"], "1": ["variables.files.1"] });
    expect(within(table).getAllByTestId("match-row").map((row) => row.dataset["outcome"])).toEqual(["MATCHED", "NO_MATCH"]);

    // when: the matched files are uploaded
    await userEvent.click(screen.getByRole("button", { name: "Upload 1 matched file(s)" }));

    // then
    const banners = await screen.findAllByTestId("upload-banner");
    await waitFor(() => expect(screen.getAllByTestId("upload-banner")).toHaveLength(2));
    expect(banners.length).toBeGreaterThan(0);
    const byFile = Object.fromEntries(
      screen.getAllByTestId("upload-banner").map((banner) => [banner.dataset["file"], banner.dataset["outcome"]]),
    );
    expect(byFile).toEqual({ "5001 - Pet Portrait - 1.png": "success", "holiday.png": "failure" });
    expect(screen.getByText("Saved as artwork version 1 of #5001-1.")).toBeInTheDocument();
    expect(xhr.sent).toHaveLength(2);
    expect(xhr.sent[1]?.operations.variables).toEqual({ id: "item-1", file: null });
    expect(xhr.sent[1]?.fileNames).toEqual(["5001 - Pet Portrait - 1.png"]);
  });

  it("shows why the files could not be checked", async () => {
    const xhr = fakeXhrFactory(() => ({
      body: { errors: [{ message: "You need one of these PodOps roles: ARTIST.", extensions: { code: "PERMISSION_DENIED" } }] },
    }));
    renderWithApi(<BatchUpload />, {}, { createXhr: xhr.createXhr });
    await userEvent.upload(screen.getByLabelText(/Drop artwork files here/), [new File(["a"], "a.png", { type: "image/png" })]);
    expect(await screen.findByRole("alert")).toHaveTextContent("You need one of these PodOps roles: ARTIST.");
  });
});
