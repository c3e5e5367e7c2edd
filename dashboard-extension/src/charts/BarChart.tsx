/**
 * A horizontal bar chart in plain SVG, coloured with macaw's theme tokens (CSS variables), so it
 * follows the dashboard's light and dark themes. Each row is a label, one bar per series and the
 * values in text; "Show as table" gives the same numbers as a table (screen readers, keyboard,
 * copying). No chart library: every chart here is a bar chart, and this is all they need.
 */
import { Box, Button, Text, vars } from "@saleor/macaw-ui";
import { useId, useState } from "react";

import { barPercent, scaleMax } from "./scale";

export type ChartTone = "accent" | "info" | "warning" | "critical" | "success";

const TONE_COLOURS: Record<ChartTone, string> = {
  accent: vars.colors.text.accent1,
  info: vars.colors.text.info1,
  warning: vars.colors.text.warning1,
  critical: vars.colors.text.critical1,
  success: vars.colors.text.success1,
};

export type BarSeries = { key: string; label: string; tone: ChartTone };
export type BarRow = { label: string; values: Record<string, number | null>; detail?: string };

const BAR_HEIGHT = 12;

export function BarChart({
  title,
  description,
  series,
  rows,
  format = (value) => String(value),
  max,
  emptyText = "Nothing in this period.",
  testId,
}: {
  title: string;
  description?: string;
  series: readonly BarSeries[];
  rows: readonly BarRow[];
  format?: (value: number) => string;
  /** The scale's top (e.g. 1 for rates); default: the largest value. */
  max?: number;
  emptyText?: string;
  testId?: string;
}) {
  const [asTable, setAsTable] = useState(false);
  const titleId = useId();
  const top = max ?? scaleMax(rows.flatMap((row) => series.map((s) => row.values[s.key])));
  const valueText = (value: number | null | undefined) => (value == null ? "–" : format(value));

  return (
    <Box
      as="figure"
      margin={0}
      display="flex"
      flexDirection="column"
      gap={3}
      padding={4}
      borderWidth={1}
      borderStyle="solid"
      borderColor="default1"
      borderRadius={4}
      data-testid={testId ?? "chart"}
      data-chart="bar"
      aria-labelledby={titleId}
    >
      <Box display="flex" justifyContent="space-between" alignItems="flex-start" gap={2}>
        <Box display="flex" flexDirection="column" gap={1}>
          <Box as="figcaption" id={titleId}>
            <Text size={4} fontWeight="bold">
              {title}
            </Text>
          </Box>
          {description ? (
            <Text size={2} color="default2">
              {description}
            </Text>
          ) : null}
        </Box>
        {rows.length > 0 ? (
          <Box __flexShrink="0" __whiteSpace="nowrap">
            <Button size="small" variant="tertiary" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
              {asTable ? "Show as chart" : "Show as table"}
            </Button>
          </Box>
        ) : null}
      </Box>

      {rows.length === 0 ? (
        <Text size={2} color="default2">
          {emptyText}
        </Text>
      ) : asTable ? (
        <ChartTable title={title} series={series} rows={rows} valueText={valueText} />
      ) : (
        <>
          {series.length > 1 ? <Legend series={series} /> : null}
          <Box display="grid" gap={2} __gridTemplateColumns="minmax(96px, 32%) minmax(0, 1fr)" alignItems="center">
            {rows.map((row) => (
              <ChartRow key={row.label} row={row} series={series} top={top} valueText={valueText} />
            ))}
          </Box>
        </>
      )}
    </Box>
  );
}

function ChartRow({
  row,
  series,
  top,
  valueText,
}: {
  row: BarRow;
  series: readonly BarSeries[];
  top: number;
  valueText: (value: number | null | undefined) => string;
}) {
  const spoken = series.map((s) => `${s.label} ${valueText(row.values[s.key])}`).join(", ");
  return (
    <>
      <Text size={2} title={row.label} __overflow="hidden" __textOverflow="ellipsis" __whiteSpace="nowrap">
        {row.label}
      </Text>
      <Box display="flex" flexDirection="column" gap={1} data-testid="chart-row" data-label={row.label}>
        {series.map((s) => (
          <Box key={s.key} display="grid" gap={2} alignItems="center" __gridTemplateColumns="minmax(0, 1fr) auto">
            <svg
              width="100%"
              height={BAR_HEIGHT}
              role="img"
              aria-label={`${row.label}: ${spoken}${row.detail ? ` (${row.detail})` : ""}`}
              data-testid="chart-bar"
              data-series={s.key}
              data-value={row.values[s.key] ?? ""}
            >
              <rect x="0" y="0" width="100%" height={BAR_HEIGHT} rx="2" style={{ fill: vars.colors.background.default2 }} />
              <rect
                x="0"
                y="0"
                width={`${barPercent(row.values[s.key], top)}%`}
                height={BAR_HEIGHT}
                rx="2"
                style={{ fill: TONE_COLOURS[s.tone] }}
              >
                <title>{`${s.label}: ${valueText(row.values[s.key])}`}</title>
              </rect>
            </svg>
            <Text size={1} color="default2" __whiteSpace="nowrap" __minWidth="64px">
              {valueText(row.values[s.key])}
              {series.length === 1 && row.detail ? ` · ${row.detail}` : ""}
            </Text>
          </Box>
        ))}
      </Box>
    </>
  );
}

function Legend({ series }: { series: readonly BarSeries[] }) {
  return (
    <Box display="flex" gap={4} flexWrap="wrap" aria-hidden="true">
      {series.map((s) => (
        <Box key={s.key} display="flex" gap={1} alignItems="center">
          <svg width="12" height="12">
            <rect width="12" height="12" rx="2" style={{ fill: TONE_COLOURS[s.tone] }} />
          </svg>
          <Text size={1} color="default2">
            {s.label}
          </Text>
        </Box>
      ))}
    </Box>
  );
}

function ChartTable({
  title,
  series,
  rows,
  valueText,
}: {
  title: string;
  series: readonly BarSeries[];
  rows: readonly BarRow[];
  valueText: (value: number | null | undefined) => string;
}) {
  const hasDetail = rows.some((row) => row.detail);
  const cell = { padding: "4px 8px", textAlign: "left" as const, borderBottom: `1px solid ${vars.colors.border.default1}` };
  return (
    <Box as="table" __borderCollapse="collapse" fontSize={2} color="default1" aria-label={title}>
      <thead>
        <tr>
          <th style={cell} scope="col">
            {""}
          </th>
          {series.map((s) => (
            <th key={s.key} style={cell} scope="col">
              {s.label}
            </th>
          ))}
          {hasDetail ? (
            <th style={cell} scope="col">
              Detail
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th style={cell} scope="row">
              {row.label}
            </th>
            {series.map((s) => (
              <td key={s.key} style={cell}>
                {valueText(row.values[s.key])}
              </td>
            ))}
            {hasDetail ? <td style={cell}>{row.detail ?? ""}</td> : null}
          </tr>
        ))}
      </tbody>
    </Box>
  );
}
