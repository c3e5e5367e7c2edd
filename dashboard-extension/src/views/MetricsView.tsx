/**
 * Managers: production metrics as charts (`productionMetrics`): items per stage and their age,
 * turnaround per stage (p50 / p90) and end to end, SLA breaches, rejections per stage and reason,
 * first-pass rate per artist, reprints per reason; over the last 7, 30 or 90 days.
 */
import { Box, Text } from "@saleor/macaw-ui";
import { useMemo, useState } from "react";

import { usePodOpsQuery } from "../api/hooks";
import { BarChart, type BarRow } from "../charts/BarChart";
import { formatDuration, formatRate } from "../charts/scale";
import { NativeSelect } from "../components/NativeSelect";
import { QueryStates } from "../components/states";
import { BOARD_STAGES, STAGE_LABELS, humanize } from "../format/stages";
import { formatDate } from "../format/time";
import { DEFECT_REASON_LABELS } from "../fulfilment/labels";
import { ProductionMetricsQuery } from "../graphql/documents";
import type {
  DefectReason,
  ProductionMetricsQuery as MetricsResult,
  ProductionStage,
} from "../graphql/generated/graphql";

export const PERIODS = [
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The start of a period of `days` days ending now, to the minute (a stable query key). */
export function periodStart(days: number, now: Date = new Date()): string {
  const start = new Date(now.getTime() - days * DAY_MS);
  start.setSeconds(0, 0);
  return start.toISOString();
}

export function stageName(stage: string): string {
  if (stage === "QA") {
    return "Print QA";
  }
  return STAGE_LABELS[stage as ProductionStage] ?? humanize(stage);
}

/** Stages in the order work moves through them (PodOps sends them sorted by name). */
export function byLifecycle<T extends { stage: string }>(rows: readonly T[]): T[] {
  const position = (stage: string) => {
    const index = BOARD_STAGES.indexOf(stage as ProductionStage);
    return index === -1 ? BOARD_STAGES.length : index;
  };
  return [...rows].sort((a, b) => position(a.stage) - position(b.stage) || a.stage.localeCompare(b.stage));
}

export function reasonName(reason: string): string {
  return DEFECT_REASON_LABELS[reason as DefectReason] ?? humanize(reason);
}

type Metrics = MetricsResult["productionMetrics"];

/** The chart rows of each metric (pure, so tests check what is drawn). */
export function metricRows(metrics: Metrics, staff: MetricsResult["staff"]) {
  const emails = new Map(staff.map((member) => [member.userId, member.email]));
  const loads = byLifecycle(metrics.itemsPerStage);
  const stages: BarRow[] = loads.map((load) => ({
    label: stageName(load.stage),
    values: { items: load.items },
  }));
  const ages: BarRow[] = loads
    .filter((load) => load.items > 0)
    .map((load) => ({
      label: stageName(load.stage),
      values: { average: load.averageAgeSeconds, oldest: load.oldestAgeSeconds },
    }));
  const turnaround: BarRow[] = [
    ...byLifecycle(metrics.turnaroundPerStage).map((t) => ({
      label: stageName(t.stage),
      values: { p50: t.p50Seconds, p90: t.p90Seconds },
      detail: `${t.count} done`,
    })),
    ...(metrics.endToEnd.count > 0
      ? [
          {
            label: "End to end",
            values: { p50: metrics.endToEnd.p50Seconds, p90: metrics.endToEnd.p90Seconds },
            detail: `${metrics.endToEnd.count} shipped`,
          },
        ]
      : []),
  ];
  const breaches: BarRow[] = byLifecycle(metrics.slaBreaches).map((b) => ({ label: stageName(b.stage), values: { count: b.count } }));
  const rejections: BarRow[] = byLifecycle(metrics.rejections).map((r) => ({
    label: `${stageName(r.stage)} · ${reasonName(r.reason)}`,
    values: { count: r.count },
  }));
  const firstPass: BarRow[] = metrics.firstPass.map((a) => ({
    label: emails.get(a.artistUserId) ?? a.artistUserId,
    values: { rate: a.rate },
    detail: `${a.firstPass} of ${a.items}`,
  }));
  const reprints: BarRow[] = metrics.reprints.map((r) => ({ label: reasonName(r.reason), values: { count: r.count } }));
  return { stages, ages, turnaround, breaches, rejections, firstPass, reprints };
}

export function MetricsView() {
  const [days, setDays] = useState<string>("30");
  const since = useMemo(() => periodStart(Number(days)), [days]);
  const metrics = usePodOpsQuery(ProductionMetricsQuery, { since });
  return (
    <Box display="flex" flexDirection="column" gap={4} data-testid="metrics">
      <Box display="flex" gap={4} alignItems="flex-end" flexWrap="wrap">
        <NativeSelect
          id="metrics-period"
          label="Period"
          value={days}
          options={PERIODS}
          onChange={(event) => setDays(event.target.value)}
        />
        {metrics.data ? (
          <Text size={2} color="default2">
            Since {formatDate(metrics.data.productionMetrics.since)}; items per stage and ages are as of now.
          </Text>
        ) : null}
      </Box>
      <QueryStates query={metrics} loadingLabel="Loading the metrics…">
        {(data) => <Charts data={data} />}
      </QueryStates>
    </Box>
  );
}

function Stat({ label, value, tone }: { label: string; value: string; tone?: "critical1" | "default1" }) {
  return (
    <Box
      display="flex"
      flexDirection="column"
      gap={1}
      padding={4}
      borderWidth={1}
      borderStyle="solid"
      borderColor="default1"
      borderRadius={4}
      data-testid="metric-stat"
    >
      <Text size={2} color="default2">
        {label}
      </Text>
      <Text size={6} fontWeight="bold" color={tone ?? "default1"}>
        {value}
      </Text>
    </Box>
  );
}

function Charts({ data }: { data: MetricsResult }) {
  const metrics = data.productionMetrics;
  const rows = metricRows(metrics, data.staff);
  return (
    <Box display="flex" flexDirection="column" gap={4}>
      <Box display="grid" gap={3} __gridTemplateColumns="repeat(auto-fit, minmax(180px, 1fr))">
        <Stat label="In the fulfilment queue" value={String(metrics.fulfilmentQueueDepth)} />
        <Stat label="Partner jobs waiting to be sent" value={String(metrics.partnerJobsWaiting)} />
        <Stat
          label="Partner jobs that could not be sent"
          value={String(metrics.partnerJobsFailed)}
          tone={metrics.partnerJobsFailed > 0 ? "critical1" : "default1"}
        />
        <Stat
          label="Partner jobs needing a person"
          value={String(metrics.partnerJobsNeedingAttention)}
          tone={metrics.partnerJobsNeedingAttention > 0 ? "critical1" : "default1"}
        />
        <Stat
          label="End to end (p50 / p90)"
          value={`${formatDuration(metrics.endToEnd.p50Seconds)} / ${formatDuration(metrics.endToEnd.p90Seconds)}`}
        />
      </Box>
      <Box display="grid" gap={4} __gridTemplateColumns="repeat(auto-fit, minmax(340px, 1fr))">
        <BarChart
          title="Items per stage"
          description="Open items in each stage now."
          series={[{ key: "items", label: "Items", tone: "accent" }]}
          rows={rows.stages}
          emptyText="No open items."
          testId="chart-items-per-stage"
        />
        <BarChart
          title="Age in stage"
          description="How long open items have been in their stage."
          series={[
            { key: "average", label: "Average", tone: "info" },
            { key: "oldest", label: "Oldest", tone: "warning" },
          ]}
          rows={rows.ages}
          format={formatDuration}
          emptyText="No open items."
          testId="chart-stage-age"
        />
        <BarChart
          title="Turnaround per stage"
          description="Time from entering a stage to leaving it: median and 90th percentile."
          series={[
            { key: "p50", label: "p50", tone: "accent" },
            { key: "p90", label: "p90", tone: "warning" },
          ]}
          rows={rows.turnaround}
          format={formatDuration}
          testId="chart-turnaround"
        />
        <BarChart
          title="SLA breaches"
          description="Items that stayed in a stage longer than its SLA target."
          series={[{ key: "count", label: "Breaches", tone: "critical" }]}
          rows={rows.breaches}
          emptyText="No breaches in this period."
          testId="chart-sla-breaches"
        />
        <BarChart
          title="Rejections"
          description="Per stage and reason."
          series={[{ key: "count", label: "Rejections", tone: "warning" }]}
          rows={rows.rejections}
          emptyText="No rejections in this period."
          testId="chart-rejections"
        />
        <BarChart
          title="First-pass rate per artist"
          description="Artwork approved without being sent back."
          series={[{ key: "rate", label: "First pass", tone: "success" }]}
          rows={rows.firstPass}
          format={formatRate}
          max={1}
          emptyText="No finished artwork in this period."
          testId="chart-first-pass"
        />
        <BarChart
          title="Reprints per reason"
          series={[{ key: "count", label: "Reprints", tone: "critical" }]}
          rows={rows.reprints}
          emptyText="No reprints in this period."
          testId="chart-reprints"
        />
      </Box>
    </Box>
  );
}
