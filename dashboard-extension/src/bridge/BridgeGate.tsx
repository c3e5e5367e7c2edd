/**
 * Nothing talks to PodOps before the dashboard's handshake has delivered a token. Outside the
 * dashboard, or when the dashboard never answers, the person is told so instead of a blank page.
 */
import { useAppBridge } from "@saleor/app-sdk/app-bridge";
import { Box } from "@saleor/macaw-ui";
import { type ReactNode, useEffect, useState } from "react";

import { ErrorState, LoadingState } from "../components/states";

export const HANDSHAKE_TIMEOUT_MS = 15_000;

export function isInIframe(): boolean {
  try {
    return window.self !== window.top;
  } catch {
    return true; // a cross-origin parent throws: we are framed
  }
}

export function BridgeGate({
  children,
  inIframe = isInIframe(),
  timeoutMs = HANDSHAKE_TIMEOUT_MS,
}: {
  children: ReactNode;
  inIframe?: boolean;
  timeoutMs?: number;
}) {
  const { appBridge, appBridgeState } = useAppBridge();
  const [timedOut, setTimedOut] = useState(false);
  const connected = Boolean(appBridgeState?.ready && appBridgeState.token);

  useEffect(() => {
    if (connected) {
      return undefined;
    }
    const timer = setTimeout(() => setTimedOut(true), timeoutMs);
    return () => clearTimeout(timer);
  }, [connected, timeoutMs]);

  if (!inIframe) {
    return (
      <Box padding={6}>
        <ErrorState
          title="Open PodOps from the Saleor Dashboard"
          error={new Error("This page runs inside the Saleor Dashboard: open Apps → PodOps, or Orders → Production.")}
        />
      </Box>
    );
  }
  if (connected) {
    return <>{children}</>;
  }
  if (timedOut) {
    return (
      <Box padding={6}>
        <ErrorState
          title="The Saleor Dashboard did not connect"
          error={new Error("No sign-in arrived from the Saleor Dashboard. Try again, or reload the dashboard.")}
          onRetry={() => {
            setTimedOut(false);
            appBridge?.sendNotifyReadyAction();
          }}
        />
      </Box>
    );
  }
  return <LoadingState label="Connecting to the Saleor Dashboard…" rows={2} />;
}
