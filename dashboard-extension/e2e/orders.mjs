/**
 * Saleor order webhook payloads in the shape PodOps' subscription documents select (the same shape
 * as tests/payloads.py, which checks it against both Saleor schemas).
 */

export function globalId(typeName, pk) {
  return Buffer.from(`${typeName}:${pk}`).toString("base64");
}

export function orderLine(index, { productType = "portrait", productName = "Pet Portrait", metadata = {} } = {}) {
  return {
    id: globalId("OrderLine", `e2e-line-${index}`),
    productName,
    variantName: "A3",
    productSku: `SKU-${index}`,
    quantity: 1,
    variant: {
      id: globalId("ProductVariant", index),
      product: { id: globalId("Product", index), productType: { slug: productType } },
    },
    metadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  };
}

export function order(number, { lines = [orderLine(1)] } = {}) {
  return {
    id: globalId("Order", `e2e-order-${number}`),
    number,
    created: new Date(Date.now() - 60_000).toISOString(),
    updatedAt: new Date().toISOString(),
    status: "UNFULFILLED",
    isPaid: true,
    chargeStatus: "FULL",
    channel: { slug: "default-channel" },
    user: { id: globalId("User", 6), email: "ashley.cook@example.com" },
    userEmail: "ashley.cook@example.com",
    shippingMethodName: "DHL Express",
    shippingAddress: {
      firstName: "Ashley",
      lastName: "Cook",
      companyName: "",
      streetAddress1: "Torstrasse 1",
      streetAddress2: "",
      city: "Berlin",
      cityArea: "",
      postalCode: "10119",
      country: { code: "DE" },
      countryArea: "",
      phone: "+4930123456",
    },
    total: { gross: { amount: 59.9, currency: "EUR" } },
    lines,
  };
}

export function orderFullyPaidPayload(orderData) {
  return {
    issuedAt: new Date().toISOString(),
    version: "3.24.0",
    issuingPrincipal: { id: "VXNlcjox" },
    order: orderData,
  };
}
