/** Small pure helpers shared by the settings forms: parsing what people type, PodOps' field errors. */
import { PayloadError } from "../../api/errors";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** "12" → 12; "" → null (left empty); "1.5", "abc", "-3" → a message. */
export function parseWholeNumber(text: string): Parsed<number | null> {
  const trimmed = text.trim();
  if (trimmed === "") {
    return { ok: true, value: null };
  }
  if (!/^\d+$/.test(trimmed)) {
    return { ok: false, message: "Enter a whole number." };
  }
  return { ok: true, value: Number(trimmed) };
}

/**
 * Reads required whole numbers: a field that is not one (or is empty) gets "Enter a whole number."
 * in `errors` under its name, and reads as 0.
 */
export function wholeNumberReader(errors: Record<string, string>): (field: string, text: string) => number {
  return (field, text) => {
    const parsed = parseWholeNumber(text);
    if (!parsed.ok || parsed.value === null) {
      errors[field] = "Enter a whole number.";
      return 0;
    }
    return parsed.value;
  };
}

/** "1.5" → 1.5; "" → null; "abc" → a message. */
export function parseDecimal(text: string): Parsed<number | null> {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") {
    return { ok: true, value: null };
  }
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) {
    return { ok: false, message: "Enter a number." };
  }
  return { ok: true, value: Number(trimmed) };
}

/** "a, b ,,c" → ["a", "b", "c"] (order kept, duplicates dropped). */
export function parseList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
  ];
}

/** "24, 48" → [24, 48]; anything that is not whole numbers → a message. */
export function parseNumberList(text: string): Parsed<number[]> {
  const entries = parseList(text);
  if (entries.some((entry) => !/^\d+$/.test(entry))) {
    return { ok: false, message: "Whole numbers separated by commas." };
  }
  return { ok: true, value: entries.map(Number) };
}

/** The message PodOps gave for each field it refused (`errors { field code message }`). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof PayloadError)) {
    return {};
  }
  const byField: Record<string, string> = {};
  for (const item of error.errors) {
    if (item.field && !(item.field in byField)) {
      byField[item.field] = item.message;
    }
  }
  return byField;
}

/** The entries of `next` that differ from `current` (compared as JSON). */
export function changedEntries<T extends Record<string, unknown>>(current: T, next: T): Partial<T> {
  const changed: Partial<T> = {};
  for (const key of Object.keys(next) as Array<keyof T>) {
    if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) {
      changed[key] = next[key];
    }
  }
  return changed;
}

/** A JSONString from PodOps as an object; anything else as {}. */
export function parseJsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
