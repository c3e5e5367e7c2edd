import { describe, expect, it } from "vitest";

import { PayloadError } from "../../api/errors";
import {
  changedEntries,
  fieldErrors,
  parseDecimal,
  parseJsonObject,
  parseList,
  parseNumberList,
  parseWholeNumber,
  wholeNumberReader,
} from "./forms";

describe("settings form parsing", () => {
  it("reads required whole numbers, noting each field that is not one", () => {
    const errors: Record<string, string> = {};
    const whole = wholeNumberReader(errors);

    expect([whole("days", " 4 "), whole("hours", ""), whole("minutes", "2.5")]).toEqual([4, 0, 0]);
    expect(errors).toEqual({ hours: "Enter a whole number.", minutes: "Enter a whole number." });
  });

  it.each([
    ["12", { ok: true, value: 12 }],
    [" 7 ", { ok: true, value: 7 }],
    ["", { ok: true, value: null }],
    ["1.5", { ok: false, message: "Enter a whole number." }],
    ["-3", { ok: false, message: "Enter a whole number." }],
    ["abc", { ok: false, message: "Enter a whole number." }],
  ])("parseWholeNumber(%j)", (text, expected) => {
    expect(parseWholeNumber(text)).toEqual(expected);
  });

  it.each([
    ["2.5", { ok: true, value: 2.5 }],
    ["2,5", { ok: true, value: 2.5 }],
    ["", { ok: true, value: null }],
    ["1e3", { ok: false, message: "Enter a number." }],
  ])("parseDecimal(%j)", (text, expected) => {
    expect(parseDecimal(text)).toEqual(expected);
  });

  it("splits lists on commas, trims, drops empty entries and duplicates", () => {
    expect(parseList(" mug, poster ,, mug,canvas ")).toEqual(["mug", "poster", "canvas"]);
    expect(parseList("")).toEqual([]);
    expect(parseNumberList("24, 72")).toEqual({ ok: true, value: [24, 72] });
    expect(parseNumberList("24, soon")).toEqual({ ok: false, message: "Whole numbers separated by commas." });
  });

  it("reads JSON objects from PodOps and nothing else", () => {
    expect(parseJsonObject('{"ARTWORK": 48}')).toEqual({ ARTWORK: 48 });
    expect(parseJsonObject("[1]")).toEqual({});
    expect(parseJsonObject("not json")).toEqual({});
  });

  it("keeps only the entries that changed", () => {
    expect(
      changedEntries({ a: 1, b: [1, 2], c: { x: 1 }, d: null }, { a: 1, b: [1, 3], c: { x: 1 }, d: 4 }),
    ).toEqual({ b: [1, 3], d: 4 });
  });

  it("maps PodOps' payload errors to their fields (first message wins)", () => {
    const error = new PayloadError([
      { field: "warnDpi", code: "INVALID_DPI", message: "Too low" },
      { field: "warnDpi", code: "INVALID_DPI", message: "Second" },
      { field: null, code: "INVALID", message: "Whole input" },
    ]);
    expect(fieldErrors(error)).toEqual({ warnDpi: "Too low" });
    expect(fieldErrors(new Error("network"))).toEqual({});
  });
});
