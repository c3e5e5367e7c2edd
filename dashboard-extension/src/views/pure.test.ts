import { describe, expect, it } from "vitest";

import { popupOrderId } from "../pages/OrderActionsPage";
import { isManager, productionTabs } from "../pages/ProductionPage";
import { cardsByStage } from "./ProductionBoard";
import { reasonCodeFromLabel } from "./settings/FlowSettings";
import { loadPercent } from "./Workload";

describe("cardsByStage", () => {
  it("puts every item in its stage's column, longest waiting first", () => {
    const order = (number: string, items: Array<[string, string, string]>) => ({
      id: number,
      number,
      saleorOrderId: `O-${number}`,
      customerEmail: "",
      stage: null,
      status: "OPEN" as const,
      priority: 0,
      dueAt: null,
      needsAttention: number === "2",
      attentionReason: "",
      createdAt: "",
      items: items.map(([id, stage, entered], index) => ({
        id,
        lineIndex: index + 1,
        productName: "Portrait",
        stage: stage as "ARTWORK",
        stageEnteredAt: entered,
        assignee: null,
      })),
    });
    const columns = cardsByStage([
      order("1", [["a", "ARTWORK", "2026-11-23T10:00:00Z"], ["b", "ARTWORK_QC", "2026-11-23T09:00:00Z"]]),
      order("2", [["c", "ARTWORK", "2026-11-23T08:00:00Z"]]),
    ]);
    expect(columns.get("ARTWORK")?.map((card) => card.itemId)).toEqual(["c", "a"]);
    expect(columns.get("ARTWORK_QC")?.map((card) => card.itemId)).toEqual(["b"]);
    expect(columns.get("ARTWORK")?.[0]?.needsAttention).toBe(true);
    expect(columns.get("IMAGE_REVIEW")).toBeUndefined();
  });
});

describe("loadPercent", () => {
  it.each([
    [2, 4, 50],
    [5, 4, 100],
    [0, 0, 0],
    [1, 0, 100],
  ])("%s of %s is %s%%", (load, capacity, expected) => {
    expect(loadPercent(load, capacity)).toBe(expected);
  });
});

describe("settings helpers", () => {
  it("makes reason codes from labels", () => {
    expect(reasonCodeFromLabel("Too blurry!")).toBe("TOO_BLURRY");
    expect(reasonCodeFromLabel("  Face not-visible ")).toBe("FACE_NOT_VISIBLE");
  });
});

describe("production tabs", () => {
  const me = (roles: string[], tabs: string[]) =>
    ({ me: { userId: "u", email: "e", roles, member: null }, myWorkTabs: tabs }) as never;

  it("gives managers the board, the team, the metrics and partner problems before their queues, QA last", () => {
    expect(productionTabs(me(["MANAGER"], ["IMAGE_REVIEW"])).map((tab) => tab.value)).toEqual([
      "BOARD",
      "TEAM",
      "METRICS",
      "PARTNER_JOBS",
      "IMAGE_REVIEW",
      "QA",
    ]);
  });

  it("gives fulfillers their queue and QA and reprints", () => {
    expect(productionTabs(me(["FULFILLER"], ["FULFILMENT_QUEUE"])).map((tab) => tab.label)).toEqual([
      "Fulfilment queue",
      "QA and reprints",
    ]);
  });

  it("gives others only their queues", () => {
    expect(productionTabs(me(["ARTIST"], ["NEW_WORK", "REJECTED_BY_CUSTOMER"])).map((tab) => tab.label)).toEqual([
      "New work",
      "Rejected by customer",
    ]);
    expect(productionTabs(me([], []))).toEqual([]);
    expect(isManager(["ADMIN"])).toBe(true);
    expect(isManager(["ART_QC"])).toBe(false);
  });
});

describe("popupOrderId", () => {
  it("takes the dashboard's orderId, else the widget's appParams", () => {
    expect(popupOrderId("T3JkZXI6MQ==", { orderId: "other" })).toBe("T3JkZXI6MQ==");
    expect(popupOrderId(null, { orderId: "T3JkZXI6Mg==" })).toBe("T3JkZXI6Mg==");
    expect(popupOrderId(null, { orderId: 5 })).toBeNull();
    expect(popupOrderId(null, undefined)).toBeNull();
  });
});
