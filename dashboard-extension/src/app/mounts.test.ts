import { describe, expect, it } from "vitest";

import { resolveMount } from "./mounts";

const base = "https://podops.example.com";

describe("resolveMount", () => {
  it.each([
    ["/dashboard/", { kind: "configuration" }],
    ["/dashboard", { kind: "configuration" }],
    ["/dashboard/production", { kind: "production" }],
    ["/dashboard/production/", { kind: "production" }],
    ["/dashboard/order-widget?orderId=T3JkZXI6MQ%3D%3D", { kind: "order-widget", orderId: "T3JkZXI6MQ==" }],
    ["/dashboard/order-actions?orderId=T3JkZXI6Mg%3D%3D", { kind: "order-actions", orderId: "T3JkZXI6Mg==" }],
    ["/dashboard/order-widget", { kind: "order-widget", orderId: null }],
    ["/dashboard/elsewhere", { kind: "unknown", path: "/dashboard/elsewhere" }],
  ])("maps %s to its mount", (path, expected) => {
    expect(resolveMount(new URL(path, base))).toEqual(expected);
  });
});
