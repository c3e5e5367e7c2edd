/** An App Bridge stand-in for component tests: state and events are driven by the test. */
import type { AppBridge, AppBridgeState } from "@saleor/app-sdk/app-bridge";
import { vi } from "vitest";

type Listener = (payload: unknown) => void;

export function createFakeBridge(initial: Partial<AppBridgeState> = {}) {
  let state: AppBridgeState = {
    id: "QXBwOjQy",
    ready: false,
    path: "/dashboard/production",
    theme: "light",
    locale: "en",
    saleorApiUrl: "https://shop.example.com/graphql/",
    formContext: {},
    ...initial,
  };
  const listeners: Record<string, Set<Listener>> = {};
  const dispatched: Array<{ type: string; payload: Record<string, unknown> }> = [];
  const bridge = {
    getState: () => state,
    subscribe: (event: string, callback: Listener) => {
      (listeners[event] ??= new Set()).add(callback);
      return () => listeners[event]?.delete(callback);
    },
    unsubscribeAll: () => undefined,
    dispatch: vi.fn(async (action: { type: string; payload: Record<string, unknown> }) => {
      dispatched.push(action);
    }),
    sendNotifyReadyAction: vi.fn(),
  };
  return {
    bridge: bridge as unknown as AppBridge,
    dispatched,
    /** The dashboard sends an event: the bridge's state changes, then subscribers run. */
    emit(event: "handshake" | "theme" | "tokenRefresh", change: Partial<AppBridgeState>) {
      state = { ...state, ...change };
      listeners[event]?.forEach((callback) => callback(change));
    },
  };
}
