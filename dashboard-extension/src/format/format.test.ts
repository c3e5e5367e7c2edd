import { describe, expect, it } from "vitest";

import { describePrintCheck, printCheckTone } from "../artwork/printCheck";
import { optionPairs, parseJsonList, parseJsonObject, problemMessages } from "./json";
import { actionLabel, eventLabel, humanize, stageLabel } from "./stages";
import { formatAge, isOverdue } from "./time";

const NOW = new Date("2026-11-23T12:00:00Z");

describe("formatAge", () => {
  it.each([
    ["2026-11-23T11:59:30Z", "just now"],
    ["2026-11-23T11:48:00Z", "12 min"],
    ["2026-11-23T07:00:00Z", "5 h"],
    ["2026-11-20T11:00:00Z", "3 d"],
    ["2026-11-23T12:05:00Z", "just now"],
  ])("since %s is %s", (since, expected) => {
    expect(formatAge(since, NOW)).toBe(expected);
  });

  it("is empty without a date", () => {
    expect(formatAge(null, NOW)).toBe("");
  });
});

describe("isOverdue", () => {
  it("is true only for a due date in the past", () => {
    expect(isOverdue("2026-11-23T11:00:00Z", NOW)).toBe(true);
    expect(isOverdue("2026-11-23T13:00:00Z", NOW)).toBe(false);
    expect(isOverdue(null, NOW)).toBe(false);
  });
});

describe("labels", () => {
  it("names known values and humanizes values added later", () => {
    expect(stageLabel("ARTWORK_QC")).toBe("Artwork QC");
    expect(stageLabel(null)).toBe("Not started");
    expect(actionLabel("SUBMIT_ARTWORK")).toBe("Hand on artwork");
    expect(eventLabel("REJECTED")).toBe("Rejected");
    expect(humanize("PARTNER_RETRY_SCHEDULED")).toBe("Partner retry scheduled");
    expect(actionLabel("SOMETHING_NEW" as never)).toBe("Something new");
  });
});

describe("JSONString fields", () => {
  it("reads objects, lists and garbage without throwing", () => {
    expect(parseJsonObject('{"Size":"A4"}')).toEqual({ Size: "A4" });
    expect(parseJsonObject("[1]")).toEqual({});
    expect(parseJsonObject("{oops")).toEqual({});
    expect(parseJsonList('[{"code":"X","message":"Too long"}]')).toEqual([{ code: "X", message: "Too long" }]);
    expect(parseJsonList('{"a":1}')).toEqual([]);
    expect(optionPairs('{"Size":"A4","Frame":true}')).toEqual([
      ["Size", "A4"],
      ["Frame", "true"],
    ]);
    expect(problemMessages('[{"code":"TEXT_TOO_LONG","message":"The text is too long"}, "plain"]')).toEqual([
      "The text is too long",
      "plain",
    ]);
  });
});

describe("print checks", () => {
  const check = {
    format: "PNG",
    widthPx: 1200,
    heightPx: 1600,
    mode: "RGB",
    hasIccProfile: false,
    effectiveDpi: 99.6,
    minDpi: 150,
    warnDpi: 200,
    resolution: "LOW",
    printWidthIn: "12",
    printHeightIn: "16",
  };

  it("says what the partner will get and warns on low resolution", () => {
    expect(describePrintCheck(check)).toBe(
      "PNG 1200×1600 px · RGB · 100 dpi at 12×16 in · below 200 dpi · no ICC profile",
    );
    expect(printCheckTone(check)).toBe("warning");
    expect(printCheckTone({ ...check, resolution: "OK" })).toBe("ok");
    expect(printCheckTone({ ...check, resolution: null })).toBe("unknown");
    expect(describePrintCheck(null)).toBe("");
  });
});
