import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { renderWithApi } from "../test/renderWithApi";
import { MetricsView, metricRows, periodStart } from "./MetricsView";

const metrics = {
  since: "2026-10-24T00:00:00+00:00",
  itemsPerStage: [
    { stage: "FULFILMENT_QUEUE", items: 2, oldestAgeSeconds: 600, averageAgeSeconds: 300 },
    { stage: "ARTWORK", items: 4, oldestAgeSeconds: 7200, averageAgeSeconds: 3600 },
    { stage: "ON_HOLD", items: 0, oldestAgeSeconds: 0, averageAgeSeconds: 0 },
  ],
  turnaroundPerStage: [{ stage: "ARTWORK", count: 10, p50Seconds: 3600, p90Seconds: 14400 }],
  endToEnd: { count: 3, p50Seconds: 86400, p90Seconds: 172800 },
  slaBreaches: [{ stage: "ARTWORK", count: 2 }],
  rejections: [
    { stage: "ARTWORK_QC", reason: "WRONG_CROP", count: 3 },
    { stage: "QA", reason: "COLOUR_SHIFT", count: 1 },
  ],
  firstPass: [{ artistUserId: "VXNlcjo0", items: 5, firstPass: 4, rate: 0.8 }],
  reprints: [{ reason: "MISPRINT", count: 1 }],
  fulfilmentQueueDepth: 2,
  partnerJobsWaiting: 1,
  partnerJobsFailed: 1,
  partnerJobsNeedingAttention: 2,
};
const staff = [{ userId: "VXNlcjo0", email: "arthur.artist@example.com" }];

describe("metricRows", () => {
  it("labels stages, reasons and artists as people read them, stages in lifecycle order", () => {
    const rows = metricRows(metrics, staff);
    expect(rows.stages.map((row) => [row.label, row.values.items])).toEqual([
      ["Artwork", 4],
      ["Fulfilment queue", 2],
      ["On hold", 0],
    ]);
    expect(rows.ages.map((row) => row.label)).toEqual(["Artwork", "Fulfilment queue"]);
    expect(rows.turnaround.map((row) => [row.label, row.values.p90, row.detail])).toEqual([
      ["Artwork", 14400, "10 done"],
      ["End to end", 172800, "3 shipped"],
    ]);
    expect(rows.rejections.map((row) => row.label)).toEqual(["Artwork QC · Wrong crop", "Print QA · Colour shift"]);
    expect(rows.firstPass).toEqual([{ label: "arthur.artist@example.com", values: { rate: 0.8 }, detail: "4 of 5" }]);
    expect(rows.reprints[0]?.label).toBe("Misprint");
  });

  it("keeps an unknown artist's id", () => {
    expect(metricRows(metrics, []).firstPass[0]?.label).toBe("VXNlcjo0");
  });
});

describe("periodStart", () => {
  it("starts the period that many days ago, to the minute", () => {
    expect(periodStart(7, new Date("2026-11-23T10:15:42.123Z"))).toBe("2026-11-16T10:15:00.000Z");
  });
});

describe("MetricsView", () => {
  it("draws every metric as a chart", async () => {
    renderWithApi(<MetricsView />, { ProductionMetrics: { data: { productionMetrics: metrics, staff } } });
    const view = await screen.findByTestId("chart-items-per-stage");
    expect(within(view).getAllByTestId("chart-bar").map((bar) => bar.getAttribute("data-value"))).toEqual(["4", "2", "0"]);
    for (const title of [
      "Items per stage",
      "Age in stage",
      "Turnaround per stage",
      "SLA breaches",
      "Rejections",
      "First-pass rate per artist",
      "Reprints per reason",
    ]) {
      expect(screen.getByRole("figure", { name: title })).toBeInTheDocument();
    }
    expect(within(screen.getByTestId("chart-first-pass")).getByText("80 % · 4 of 5")).toBeInTheDocument();
    expect(screen.getAllByTestId("metric-stat").map((stat) => stat.textContent)).toEqual([
      "In the fulfilment queue2",
      "Partner jobs waiting to be sent1",
      "Partner jobs that could not be sent1",
      "Partner jobs needing a person2",
      "End to end (p50 / p90)1 d / 2 d",
    ]);
  });

  it("asks again for another period", async () => {
    const { sent } = renderWithApi(<MetricsView />, { ProductionMetrics: { data: { productionMetrics: metrics, staff } } });
    await screen.findByTestId("chart-items-per-stage");
    await userEvent.selectOptions(screen.getByLabelText("Period"), "7");
    await waitFor(() => expect(sent.filter((op) => op.operationName === "ProductionMetrics")).toHaveLength(2));
    const [thirty, seven] = sent.map((op) => Date.parse(String(op.variables.since)));
    expect(Math.round(((seven ?? 0) - (thirty ?? 0)) / 86_400_000)).toBe(23);
  });

  it("says when there is nothing yet, per chart", async () => {
    const empty = {
      ...metrics,
      itemsPerStage: [],
      turnaroundPerStage: [],
      endToEnd: { count: 0, p50Seconds: null, p90Seconds: null },
      slaBreaches: [],
      rejections: [],
      firstPass: [],
      reprints: [],
    };
    renderWithApi(<MetricsView />, { ProductionMetrics: { data: { productionMetrics: empty, staff: [] } } });
    expect(await screen.findByText("No reprints in this period.")).toBeInTheDocument();
    expect(screen.getAllByText("No open items.")).toHaveLength(2);
    expect(screen.queryByTestId("chart-bar")).not.toBeInTheDocument();
  });

  it("shows PodOps' refusal", async () => {
    renderWithApi(<MetricsView />, {
      ProductionMetrics: { errors: [{ message: "You need one of these PodOps roles: ADMIN, MANAGER.", extensions: { code: "PERMISSION_DENIED" } }] },
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("You need one of these PodOps roles: ADMIN, MANAGER.");
  });
});
