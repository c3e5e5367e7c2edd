import { useAppBridge } from "@saleor/app-sdk/app-bridge";

/** The dashboard's language (`locale` in the iframe URL, then `localeChanged`), for dates. */
export function useDashboardLocale(): string {
  const { appBridgeState } = useAppBridge();
  return appBridgeState?.locale?.replace("_", "-") || "en";
}
