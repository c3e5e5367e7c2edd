import { ThemeProvider } from "@saleor/macaw-ui";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { BarChart } from "./BarChart";
import { barPercent, formatDuration, formatRate, scaleMax } from "./scale";

describe("scale", () => {
  it("scales bars to the largest value, a small value still shows", () => {
    expect(scaleMax([3, null, 12, 5])).toBe(12);
    expect(scaleMax([0, 0])).toBe(1);
    expect(barPercent(6, 12)).toBe(50);
    expect(barPercent(0.001, 1000)).toBe(1);
    expect(barPercent(null, 10)).toBe(0);
    expect(barPercent(20, 10)).toBe(100);
  });

  it("reads durations and rates as people do", () => {
    expect([formatDuration(42), formatDuration(720), formatDuration(19_800), formatDuration(276_480), formatDuration(null)]).toEqual([
      "42 s",
      "12 min",
      "5.5 h",
      "3.2 d",
      "–",
    ]);
    expect(formatRate(0.8333)).toBe("83 %");
  });
});

const series = [
  { key: "p50", label: "p50", tone: "accent" as const },
  { key: "p90", label: "p90", tone: "warning" as const },
];
const rows = [
  { label: "Artwork", values: { p50: 3600, p90: 7200 }, detail: "4 done" },
  { label: "Image review", values: { p50: 1800, p90: null } },
];

describe("BarChart", () => {
  it("draws a bar per series and row, scaled to the largest, with the values in words", () => {
    render(
      <ThemeProvider>
        <BarChart title="Turnaround" series={series} rows={rows} format={formatDuration} />
      </ThemeProvider>,
    );
    const chart = screen.getByRole("figure", { name: "Turnaround" });
    const bars = within(chart).getAllByTestId("chart-bar");
    expect(bars).toHaveLength(4);
    const widths = bars.map((bar) => bar.querySelectorAll("rect")[1]?.getAttribute("width"));
    expect(widths).toEqual(["50%", "100%", "25%", "0%"]);
    expect(within(chart).getAllByRole("img", { name: "Artwork: p50 1 h, p90 2 h (4 done)" })).toHaveLength(2);
    expect(within(chart).getByText("p90", { selector: "span" })).toBeInTheDocument();
  });

  it("shows the same numbers as a table on request", async () => {
    render(
      <ThemeProvider>
        <BarChart title="Turnaround" series={series} rows={rows} format={formatDuration} />
      </ThemeProvider>,
    );
    await userEvent.click(screen.getByRole("button", { name: "Show as table" }));
    const table = screen.getByRole("table", { name: "Turnaround" });
    expect(within(table).getAllByRole("row").map((row) => row.textContent)).toEqual([
      "p50p90Detail",
      "Artwork1 h2 h4 done",
      "Image review30 min–",
    ]);
    expect(screen.getByRole("button", { name: "Show as chart" })).toHaveAttribute("aria-pressed", "true");
  });

  it("says so when there is nothing to draw", () => {
    render(
      <ThemeProvider>
        <BarChart title="Reprints" series={series} rows={[]} emptyText="No reprints in this period." />
      </ThemeProvider>,
    );
    expect(screen.getByText("No reprints in this period.")).toBeInTheDocument();
    expect(screen.queryByTestId("chart-bar")).not.toBeInTheDocument();
  });
});
