/** Names people read for fulfilment's enums, and short references to jobs. */
import type {
  DefectReason,
  PartnerJobDispatchState,
  PartnerStatus,
  QaState,
  ShippingFieldsFragment,
} from "../graphql/generated/graphql";

export const DEFECT_REASON_LABELS: Record<DefectReason, string> = {
  MISPRINT: "Misprint",
  COLOUR_SHIFT: "Colour shift",
  MISALIGNMENT: "Misalignment",
  DAMAGED: "Damaged",
  WRONG_ITEM: "Wrong item",
  OTHER: "Other",
};

export const DEFECT_REASONS = Object.keys(DEFECT_REASON_LABELS) as DefectReason[];

export const DISPATCH_STATE_LABELS: Record<PartnerJobDispatchState, string> = {
  WAITING: "Waiting to be sent",
  SENT: "At the partner",
  SEND_FAILED: "Could not be sent",
  CANCELLED: "Cancelled",
};

export const PARTNER_STATUS_LABELS: Record<PartnerStatus, string> = {
  QUEUED: "Queued",
  PRINTING: "Printing",
  ON_HOLD: "On hold",
  PRINTED: "Printed",
  SHIPPED: "Shipped",
  FAILED: "Failed",
  RETURNED: "Returned",
};

export const QA_STATE_LABELS: Record<QaState, string> = {
  NOT_REQUIRED: "No QA",
  REQUIRED: "Waiting for QA",
  PASSED: "Passed QA",
  FAILED: "Failed QA",
};

/** Partner statuses after which the item exists and can be checked (PodOps refuses QA before). */
const PRINTED_OR_LATER: ReadonlySet<PartnerStatus> = new Set(["PRINTED", "FAILED", "SHIPPED", "RETURNED"]);

export function isPrinted(status: PartnerStatus | null | undefined): boolean {
  return Boolean(status && PRINTED_OR_LATER.has(status));
}

/** "UGFydG5lckpvYjoxMg==" (PartnerJob:12) → "Job 12"; an id PodOps shapes otherwise is shown as is. */
export function jobLabel(globalId: string): string {
  try {
    const [type, pk] = atob(globalId).split(":");
    if (type === "PartnerJob" && pk) {
      return `Job ${pk}`;
    }
  } catch {
    // not base64: fall through
  }
  return `Job ${globalId}`;
}

/** The job's state in a few words: the partner's view once it has one, else how sending went. */
export function jobStateLabel(job: {
  dispatchState: PartnerJobDispatchState;
  partnerStatus: PartnerStatus | null;
  onHold: boolean;
}): string {
  if (job.onHold) {
    return "On hold at the partner";
  }
  if (job.dispatchState === "SENT" && job.partnerStatus) {
    return PARTNER_STATUS_LABELS[job.partnerStatus];
  }
  return DISPATCH_STATE_LABELS[job.dispatchState];
}

type Address = NonNullable<ShippingFieldsFragment["address"]>;

/** The address as it goes on a parcel, one line each, empty parts left out. */
export function addressLines(address: Address): string[] {
  const cityLine = [address.postalCode, address.city].filter(Boolean).join(" ");
  const areaLine = [address.cityArea, address.countryArea].filter(Boolean).join(", ");
  return [
    address.name,
    address.companyName,
    address.streetAddress1,
    address.streetAddress2,
    cityLine,
    areaLine,
    address.countryCode,
  ].filter((line) => line.trim().length > 0);
}

/** Where it goes in one short line: "Ashley Cook, Berlin DE". */
export function destinationSummary(shipping: ShippingFieldsFragment): string {
  const address = shipping.address;
  if (!address) {
    return "no shipping address";
  }
  const place = [address.city, address.countryCode].filter(Boolean).join(" ");
  return [address.name, place].filter(Boolean).join(", ") || "address without name or city";
}
