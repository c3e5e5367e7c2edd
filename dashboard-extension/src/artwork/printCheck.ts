/** Reading PodOps' print check of a file as a person would say it. */
import type { PrintCheckFieldsFragment } from "../graphql/generated/graphql";

export type PrintCheckTone = "ok" | "warning" | "unknown";

export function printCheckTone(check: PrintCheckFieldsFragment | null | undefined): PrintCheckTone {
  if (!check?.resolution) {
    return "unknown";
  }
  return check.resolution === "OK" ? "ok" : "warning";
}

export function describePrintCheck(check: PrintCheckFieldsFragment | null | undefined): string {
  if (!check) {
    return "";
  }
  const parts = [`${check.format} ${check.widthPx}×${check.heightPx} px`, check.mode];
  if (check.effectiveDpi != null) {
    const size = check.printWidthIn && check.printHeightIn ? ` at ${check.printWidthIn}×${check.printHeightIn} in` : "";
    parts.push(`${Math.round(check.effectiveDpi)} dpi${size}`);
  }
  if (check.resolution === "LOW") {
    parts.push(`below ${check.warnDpi ?? check.minDpi ?? "the wanted"} dpi`);
  }
  parts.push(check.hasIccProfile ? "ICC profile" : "no ICC profile");
  return parts.join(" · ");
}
