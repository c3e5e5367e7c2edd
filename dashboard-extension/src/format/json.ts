/** PodOps sends some structures as JSONString: read them defensively (never crash a view). */

export function parseJsonObject(value: string | null | undefined): Record<string, unknown> {
  if (!value) {
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export function parseJsonList(value: string | null | undefined): unknown[] {
  if (!value) {
    return [];
  }
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** The customer's options (name → value) as display pairs. */
export function optionPairs(value: string | null | undefined): Array<[string, string]> {
  return Object.entries(parseJsonObject(value)).map(([key, option]) => [key, String(option)]);
}

/** Input problems as messages (`[{code, message}]` in PodOps). */
export function problemMessages(value: string | null | undefined): string[] {
  return parseJsonList(value)
    .map((problem) =>
      problem && typeof problem === "object" && "message" in problem
        ? String((problem as { message: unknown }).message)
        : String(problem),
    )
    .filter(Boolean);
}
