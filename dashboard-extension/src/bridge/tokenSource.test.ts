import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { type BridgeLike, createBridgeTokenSource, TokenRefreshTimeout } from "./tokenSource";

type Listener = (payload: unknown) => void;

/** A stand-in for App Bridge: state, subscriptions and dispatched actions, driven by the test. */
function fakeBridge(initialToken: string | undefined) {
  let token = initialToken;
  const listeners: Record<string, Set<Listener>> = {};
  const dispatched: string[] = [];
  const bridge = {
    getState: () => ({ token, saleorApiUrl: "https://shop.example.com/graphql/" }),
    subscribe: (event: string, callback: Listener) => {
      (listeners[event] ??= new Set()).add(callback);
      return () => listeners[event]?.delete(callback);
    },
    dispatch: vi.fn(async (action: { type: string }) => {
      dispatched.push(action.type);
    }),
  } as unknown as BridgeLike;
  return {
    bridge,
    dispatched,
    listenerCount: () => Object.values(listeners).reduce((sum, set) => sum + set.size, 0),
    /** The dashboard delivers an event: App Bridge updates its state, then calls subscribers. */
    deliver(event: "handshake" | "tokenRefresh", newToken: string) {
      token = newToken;
      listeners[event]?.forEach((callback) => callback({ token: newToken }));
    },
  };
}

describe("createBridgeTokenSource", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reads the current token and Saleor API URL from the bridge", () => {
    const { bridge } = fakeBridge("token-1");
    expect(createBridgeTokenSource(bridge).current()).toEqual({
      token: "token-1",
      saleorApiUrl: "https://shop.example.com/graphql/",
    });
  });

  it.each(["handshake", "tokenRefresh"] as const)(
    "asks the dashboard with notifyReady and resolves on a new token from %s",
    async (event) => {
      // given
      const fake = fakeBridge("stale");
      const source = createBridgeTokenSource(fake.bridge);

      // when
      const refreshed = source.refresh("stale");
      fake.deliver(event, "fresh");

      // then
      await expect(refreshed).resolves.toBe("fresh");
      expect(fake.dispatched).toEqual(["notifyReady"]);
      expect(fake.listenerCount()).toBe(0);
    },
  );

  it("ignores a handshake that repeats the refused token", async () => {
    // given
    const fake = fakeBridge("stale");
    const source = createBridgeTokenSource(fake.bridge);
    let settled = false;

    // when
    const refreshed = source.refresh("stale").finally(() => {
      settled = true;
    });
    fake.deliver("handshake", "stale");
    await vi.advanceTimersByTimeAsync(1);

    // then
    expect(settled).toBe(false);
    fake.deliver("tokenRefresh", "fresh");
    await expect(refreshed).resolves.toBe("fresh");
  });

  it("resolves at once when the bridge already holds a newer token", async () => {
    const fake = fakeBridge("already-fresh");
    await expect(createBridgeTokenSource(fake.bridge).refresh("stale")).resolves.toBe("already-fresh");
    expect(fake.dispatched).toEqual([]);
  });

  it("shares one request between concurrent refreshes of the same token", async () => {
    // given
    const fake = fakeBridge("stale");
    const source = createBridgeTokenSource(fake.bridge);

    // when
    const first = source.refresh("stale");
    const second = source.refresh("stale");
    fake.deliver("handshake", "fresh");

    // then
    await expect(Promise.all([first, second])).resolves.toEqual(["fresh", "fresh"]);
    expect(fake.dispatched).toEqual(["notifyReady"]);
  });

  it("fails after the timeout when the dashboard sends nothing, and cleans up", async () => {
    // given
    const fake = fakeBridge("stale");
    const source = createBridgeTokenSource(fake.bridge, { timeoutMs: 5_000 });

    // when
    const refreshed = source.refresh("stale");
    const assertion = expect(refreshed).rejects.toBeInstanceOf(TokenRefreshTimeout);
    await vi.advanceTimersByTimeAsync(5_000);

    // then
    await assertion;
    expect(fake.listenerCount()).toBe(0);
  });
});
