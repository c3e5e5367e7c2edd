/**
 * Which extension mount a page load is: one single-page app serves every mount declared in the
 * manifest (saleor_podops/saleor/manifest.py), chosen by the iframe's path.
 */

export type Mount =
  /** NAVIGATION_ORDERS, APP_PAGE: the signed-in person's work and, for managers, the board. */
  | { kind: "production" }
  /** ORDER_DETAILS_WIDGETS, WIDGET: one order's production state. */
  | { kind: "order-widget"; orderId: string | null }
  /** ORDER_DETAILS_MORE_ACTIONS, POPUP: hold, resume, reassign, skip, comment, timeline. */
  | { kind: "order-actions"; orderId: string | null }
  /** appUrl: the app's configuration page. */
  | { kind: "configuration" }
  | { kind: "unknown"; path: string };

export const MOUNT_PATHS = {
  production: "/dashboard/production",
  orderWidget: "/dashboard/order-widget",
  orderActions: "/dashboard/order-actions",
  configuration: "/dashboard/",
} as const;

function trimTrailingSlashes(path: string): string {
  return path.replace(/\/+$/, "");
}

export function resolveMount(url: URL): Mount {
  const path = trimTrailingSlashes(url.pathname);
  const orderId = url.searchParams.get("orderId") || null;
  switch (path) {
    case "/dashboard":
      return { kind: "configuration" };
    case trimTrailingSlashes(MOUNT_PATHS.production):
      return { kind: "production" };
    case trimTrailingSlashes(MOUNT_PATHS.orderWidget):
      return { kind: "order-widget", orderId };
    case trimTrailingSlashes(MOUNT_PATHS.orderActions):
      return { kind: "order-actions", orderId };
    default:
      return { kind: "unknown", path: url.pathname };
  }
}
