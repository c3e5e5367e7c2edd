/** The Saleor Dashboard's side of things the extension asks for: toasts, navigation, popups. */
import { actions, useAppBridge } from "@saleor/app-sdk/app-bridge";
import { useMemo } from "react";

export type NotificationStatus = "info" | "success" | "warning" | "error";

export type DashboardActions = {
  notify(status: NotificationStatus, title: string, text?: string): void;
  /** Navigate the dashboard (a dashboard path such as `/orders/<id>`, or an absolute URL). */
  redirect(to: string, newContext?: boolean): void;
  closePopup(): void;
  openPopup(extensionIdentifier: string, params?: unknown): Promise<void>;
  refreshEntity(): void;
};

function ignore(): void {
  // A dashboard that does not know an action answers with a negative response: nothing to do.
}

export function useDashboardActions(): DashboardActions {
  const { appBridge } = useAppBridge();
  return useMemo<DashboardActions>(
    () => ({
      notify(status, title, text) {
        appBridge?.dispatch(actions.Notification({ status, title, text })).catch(ignore);
      },
      redirect(to, newContext = false) {
        appBridge?.dispatch(actions.Redirect({ to, newContext })).catch(ignore);
      },
      closePopup() {
        appBridge?.dispatch(actions.PopupClose()).catch(ignore);
      },
      async openPopup(extensionIdentifier, params) {
        if (!appBridge) {
          throw new Error("The Saleor Dashboard is not connected.");
        }
        await appBridge.dispatch(actions.OpenPopup({ extensionIdentifier, params }));
      },
      refreshEntity() {
        appBridge?.dispatch(actions.RefreshEntity()).catch(ignore);
      },
    }),
    [appBridge],
  );
}
