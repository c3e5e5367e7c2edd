import { describe, expect, it } from "vitest";

import { describeEvent } from "./Timeline";

const event = (overrides: Record<string, unknown>) =>
  ({
    type: "STAGE_CHANGED",
    actorType: "STAFF",
    actorId: "u",
    fromStage: null,
    toStage: null,
    reasonCode: "",
    comment: "",
    isInternal: false,
    createdAt: "2026-11-23T10:00:00Z",
    itemId: null,
    data: "{}",
    ...overrides,
  }) as never;

describe("describeEvent", () => {
  it("names the move, the one stage, or just the event", () => {
    expect(describeEvent(event({ fromStage: "ARTWORK", toStage: "ARTWORK_QC" }))).toBe("Stage changed: Artwork → Artwork QC");
    expect(describeEvent(event({ type: "UNASSIGNED", fromStage: "ARTWORK_QC" }))).toBe("Unassigned: Artwork QC");
    expect(describeEvent(event({ type: "COMMENT" }))).toBe("Comment");
    expect(describeEvent(event({ type: "SOME_NEW_EVENT" }))).toBe("Some new event");
  });
});
