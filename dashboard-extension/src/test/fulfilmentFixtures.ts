/** Answers PodOps gives the work queues and fulfilment views, shaped like the generated query types. */

export const BERLIN = {
  name: "Ashley Cook",
  companyName: "",
  streetAddress1: "Torstrasse 1",
  streetAddress2: "Hinterhaus",
  city: "Berlin",
  cityArea: "",
  postalCode: "10119",
  countryCode: "DE",
  countryArea: "",
  phone: "+4930123456",
};

export function gid(type: string, pk: number): string {
  return btoa(`${type}:${pk}`);
}

export function workItem(number: string, overrides: Record<string, unknown> = {}) {
  return {
    id: `item-${number}`,
    lineIndex: 1,
    productName: "Pet Portrait",
    variantName: "A3",
    sku: "SKU",
    productTypeSlug: "portrait",
    quantity: 1,
    customText: "",
    options: "{}",
    inputProblems: "[]",
    uploadReferences: ["ref-1"],
    stage: "FULFILMENT_QUEUE",
    stageEnteredAt: new Date().toISOString(),
    holdReturnStage: null,
    reworkSource: null,
    rejectionCount: 0,
    artworkRound: 1,
    assignee: null,
    order: {
      id: `order-${number}`,
      number,
      saleorOrderId: `T3JkZXI6${number}`,
      customerEmail: "ashley@example.com",
      shippingMethodName: "DHL Express",
      priority: 0,
      dueAt: null,
      needsAttention: false,
      attentionReason: "",
      shipping: { methodName: "DHL Express", address: BERLIN },
    },
    availableActions: [],
    blockedActions: [],
    ...overrides,
  };
}

export function jobLine(pk: number, overrides: Record<string, unknown> = {}) {
  return {
    id: gid("PartnerJobLine", pk),
    qaState: "REQUIRED",
    spotCheck: false,
    shippedAt: null,
    artworkVersion: 2,
    artwork: { id: gid("ArtworkVersion", 2), number: 2, thumbnailUrl: "https://podops.example.com/t.jpg" },
    item: { id: `item-${pk}`, lineIndex: 1, productName: "Pet Portrait", variantName: "A3", quantity: 1 },
    ...overrides,
  };
}

export function partnerJob(pk: number, number: string, overrides: Record<string, unknown> = {}) {
  return {
    id: gid("PartnerJob", pk),
    externalId: "",
    dispatchState: "SENT",
    attempts: 1,
    lastError: "",
    nextAttemptAt: "2026-11-20T10:00:00+00:00",
    submittedAt: "2026-11-20T10:00:00+00:00",
    createdAt: "2026-11-20T09:00:00+00:00",
    partnerStatus: "PRINTED",
    onHold: false,
    holdReason: "",
    partner: { id: gid("PrintPartner", 1), name: "Print Shop Berlin", kind: "MANUAL" },
    order: { id: `order-${number}`, number, saleorOrderId: `T3JkZXI6${number}` },
    lines: [jobLine(pk * 10)],
    ...overrides,
  };
}

export const payloadOk = (field: string, extra: Record<string, unknown> = {}) => ({
  data: { [field]: { errors: [], ...extra } },
});

export const payloadRefused = (field: string, message: string, code = "INVALID") => ({
  data: { [field]: { errors: [{ field: null, code, message }] } },
});
