/** Names people read for PodOps' enums. */
import type {
  MyWorkTab,
  PodOpsRole,
  ProductionStage,
  TimelineEventType,
  WorkflowAction,
} from "../graphql/generated/graphql";

export const STAGE_LABELS: Record<ProductionStage, string> = {
  IMAGE_REVIEW: "Image review",
  AWAITING_CUSTOMER: "Awaiting customer",
  ARTWORK: "Artwork",
  ARTWORK_QC: "Artwork QC",
  CUSTOMER_APPROVAL: "Customer approval",
  FULFILMENT_QUEUE: "Fulfilment queue",
  IN_PRODUCTION: "In production",
  SHIPPED: "Shipped",
  ON_HOLD: "On hold",
  CANCELLED: "Cancelled",
};

/** The stages an item moves through until it ships, in order. */
export const WORK_STAGES: readonly ProductionStage[] = [
  "IMAGE_REVIEW",
  "AWAITING_CUSTOMER",
  "ARTWORK",
  "ARTWORK_QC",
  "CUSTOMER_APPROVAL",
  "FULFILMENT_QUEUE",
  "IN_PRODUCTION",
];

/** The board's columns: the work stages in order, then the items on hold. */
export const BOARD_STAGES: readonly ProductionStage[] = [...WORK_STAGES, "ON_HOLD"];

export const TAB_LABELS: Record<MyWorkTab, string> = {
  IMAGE_REVIEW: "Image review",
  NEW_WORK: "New work",
  REJECTED_BY_CUSTOMER: "Rejected by customer",
  REJECTED_BY_ART_MANAGER: "Rejected by art manager",
  ARTWORK_QC: "Artwork QC",
  FULFILMENT_QUEUE: "Fulfilment queue",
};

export const ROLE_LABELS: Record<PodOpsRole, string> = {
  ADMIN: "Admin",
  MANAGER: "Manager",
  IMAGE_PROCESSOR: "Image processor",
  ARTIST: "Artist",
  ART_QC: "Art QC",
  FULFILLER: "Fulfiller",
};

/** Known labels; values PodOps adds later read as their humanized name (see `actionLabel`). */
const ACTION_LABELS: Partial<Record<WorkflowAction, string>> = {
  APPROVE_IMAGE: "Approve",
  REJECT_IMAGE: "Reject",
  CUSTOMER_REPLACE_PHOTO: "Customer replaced the photo",
  CUSTOMER_GO_AHEAD: "Customer says go ahead",
  SUBMIT_ARTWORK: "Hand on artwork",
  QC_APPROVE: "Approve",
  QC_REJECT: "Reject",
  CUSTOMER_APPROVE: "Customer approves",
  CUSTOMER_REJECT: "Customer rejects",
  HOLD: "Hold",
  RESUME: "Resume",
  SKIP_STAGE: "Skip stage",
  REASSIGN: "Reassign",
  COMMENT: "Comment",
  SEND_TO_PARTNER: "Send to print partner",
  SHIP: "Mark sent",
};

const EVENT_LABELS: Partial<Record<TimelineEventType, string>> = {
  ORDER_RECEIVED: "Production order created",
  INPUT_PROBLEM: "Problem with the customer's input",
  STAGE_CHANGED: "Stage changed",
  ORDER_CANCELLED: "Cancelled",
  CANCEL_NEEDS_ATTENTION: "Cancelled in Saleor after production started",
  SHIPPING_UPDATED: "Shipping details updated",
  COMMENT: "Comment",
  REJECTED: "Rejected",
  HELD: "Put on hold",
  RESUMED: "Resumed",
  STAGE_SKIPPED: "Stage skipped",
  ASSIGNED: "Assigned",
  UNASSIGNED: "Unassigned",
  FILE_ADDED: "File added",
  NOTIFICATION_SENT: "Notification sent",
  BATCH_UPDATED: "Print batch updated",
  PARTNER_JOB_SENT: "Sent to the print partner",
  PARTNER_SEND_FAILED: "Sending to the print partner failed",
  PARTNER_STATUS: "Print partner status",
  PARCEL_SHIPPED: "Parcel shipped",
  QA_PASSED: "QA passed",
  QA_FAILED: "QA failed",
  REPRINT_CREATED: "Reprint created",
};

export function stageLabel(stage: ProductionStage | null | undefined): string {
  return stage ? STAGE_LABELS[stage] : "Not started";
}

/** "PARTNER_JOB_SENT" → "Partner job sent": for enum values this build does not know yet. */
export function humanize(value: string): string {
  const words = value.toLowerCase().split("_").join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function actionLabel(action: WorkflowAction): string {
  return ACTION_LABELS[action] ?? humanize(action);
}

export function eventLabel(type: TimelineEventType): string {
  return EVENT_LABELS[type] ?? humanize(type);
}
