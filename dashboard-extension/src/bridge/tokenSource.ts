/**
 * The dashboard token, as App Bridge holds it. Saleor's dashboard tokens live about five minutes; the
 * dashboard pushes a new one (`tokenRefresh`) when it renews its own, and answers `notifyReady` with a
 * fresh `handshake`. A refresh asks with `notifyReady` and waits for a token other than the refused one,
 * so the page keeps its state (no reload).
 */
import { actions, type AppBridge } from "@saleor/app-sdk/app-bridge";

import type { DashboardCredentials, TokenSource } from "../api/client";

export type BridgeLike = Pick<AppBridge, "getState" | "subscribe" | "dispatch">;

export class TokenRefreshTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`The Saleor Dashboard sent no new token within ${Math.round(timeoutMs / 1000)} s.`);
    this.name = "TokenRefreshTimeout";
  }
}

export function createBridgeTokenSource(
  bridge: BridgeLike,
  { timeoutMs = 10_000 }: { timeoutMs?: number } = {},
): TokenSource {
  let pending: { stale: string | undefined; promise: Promise<string> } | undefined;

  const current = (): DashboardCredentials => {
    const state = bridge.getState();
    return { token: state.token, saleorApiUrl: state.saleorApiUrl };
  };

  const waitForNewToken = (staleToken: string | undefined): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      const cleanups: Array<() => void> = [];
      const finish = (settle: () => void) => {
        cleanups.forEach((cleanup) => cleanup());
        settle();
      };
      const check = () => {
        const token = bridge.getState().token;
        if (token && token !== staleToken) {
          finish(() => resolve(token));
          return true;
        }
        return false;
      };
      if (check()) {
        return;
      }
      cleanups.push(bridge.subscribe("handshake", check));
      cleanups.push(bridge.subscribe("tokenRefresh", check));
      const timer = setTimeout(() => finish(() => reject(new TokenRefreshTimeout(timeoutMs))), timeoutMs);
      cleanups.push(() => clearTimeout(timer));
      // The dashboard answers notifyReady with a handshake carrying its current token.
      bridge.dispatch(actions.NotifyReady()).catch(() => {
        // No answer to the action itself is not fatal: a tokenRefresh may still come.
      });
    });

  const refresh = (staleToken: string | undefined): Promise<string> => {
    if (pending && pending.stale === staleToken) {
      return pending.promise;
    }
    const promise = waitForNewToken(staleToken).finally(() => {
      if (pending?.promise === promise) {
        pending = undefined;
      }
    });
    pending = { stale: staleToken, promise };
    return promise;
  };

  return { current, refresh };
}
