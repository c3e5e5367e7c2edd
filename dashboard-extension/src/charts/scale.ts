/** Numbers for bar charts: the scale's top, a bar's length, durations and rates as people read them. */

/** The largest value of the chart (at least `floor`, so all-zero data draws empty bars). */
export function scaleMax(values: ReadonlyArray<number | null | undefined>, floor = 1): number {
  return values.reduce<number>((max, value) => (value != null && value > max ? value : max), floor);
}

/** A bar's length in percent of the track (0–100; a non-zero value is at least 1 % so it shows). */
export function barPercent(value: number | null | undefined, max: number): number {
  if (value == null || value <= 0 || max <= 0) {
    return 0;
  }
  return Math.min(100, Math.max(1, (value / max) * 100));
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function oneDecimal(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/** Seconds as "40 s", "12 min", "5.5 h", "3.2 d"; "–" when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || Number.isNaN(seconds)) {
    return "–";
  }
  if (seconds < MINUTE) {
    return `${Math.round(seconds)} s`;
  }
  if (seconds < HOUR) {
    return `${Math.round(seconds / MINUTE)} min`;
  }
  if (seconds < DAY) {
    return `${oneDecimal(seconds / HOUR)} h`;
  }
  return `${oneDecimal(seconds / DAY)} d`;
}

/** A rate between 0 and 1 as "83 %". */
export function formatRate(rate: number): string {
  return `${Math.round(rate * 100)} %`;
}
