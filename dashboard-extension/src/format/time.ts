/** Ages and dates as people read them in a queue. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long since `since`: "just now", "12 min", "5 h", "3 d". */
export function formatAge(since: string | null | undefined, now: Date = new Date()): string {
  if (!since) {
    return "";
  }
  const elapsed = Math.max(0, now.getTime() - new Date(since).getTime());
  if (elapsed < MINUTE) {
    return "just now";
  }
  if (elapsed < HOUR) {
    return `${Math.floor(elapsed / MINUTE)} min`;
  }
  if (elapsed < DAY) {
    return `${Math.floor(elapsed / HOUR)} h`;
  }
  return `${Math.floor(elapsed / DAY)} d`;
}

export function formatDateTime(value: string | null | undefined, locale = "en"): string {
  if (!value) {
    return "";
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(value),
  );
}

export function formatDate(value: string | null | undefined, locale = "en"): string {
  if (!value) {
    return "";
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(value));
}

/** Whether a due date has passed. */
export function isOverdue(dueAt: string | null | undefined, now: Date = new Date()): boolean {
  return Boolean(dueAt) && new Date(dueAt as string).getTime() < now.getTime();
}
