/*
 * Plays the Saleor Dashboard's part of App Bridge for the PodOps extension (message shapes from
 * @saleor/app-sdk 1.15 and the dashboard's AppFrame):
 * - frames the extension with ?id, saleorApiUrl, theme, locale (and the mount's context, e.g. orderId);
 * - on the frame's load and on every `notifyReady` action posts a `handshake` with a freshly minted
 *   dashboard token (signed by the runner with the e2e key);
 * - answers every action with `response` { actionId, ok: true };
 * - `window.__host.refreshToken()` pushes `tokenRefresh`, `window.__host.setTheme()` pushes `theme`.
 * Query parameters: podops (origin), path (mount path), appId, theme, user (a token preset of the
 * runner), tokenTtl (seconds the minted tokens live, 300 by default; `__host.setTokenTtl()` changes
 * it), context (extra query string for the iframe, e.g. "orderId=T3JkZXI6MQ==").
 */
(function () {
  const params = new URL(window.location.href).searchParams;
  const podops = params.get("podops");
  const path = params.get("path") || "/dashboard/production";
  const appId = params.get("appId");
  const user = params.get("user") || "manager";
  let theme = params.get("theme") || "light";
  let tokenTtl = Number(params.get("tokenTtl") || "300");
  const saleorApiUrl = `${window.location.origin}/graphql/`;
  const appOrigin = new URL(podops).origin;

  const src = new URL(path, podops);
  src.searchParams.set("id", appId);
  src.searchParams.set("saleorApiUrl", saleorApiUrl);
  src.searchParams.set("theme", theme);
  src.searchParams.set("locale", "en");
  new URLSearchParams(params.get("context") || "").forEach((value, key) => src.searchParams.set(key, value));

  const frame = document.getElementById("app-frame");
  const box = document.getElementById("frame-box");
  if (path.includes("widget")) {
    box.classList.add("widget");
  }
  document.body.dataset.theme = theme;
  document.getElementById("mount-label").textContent = path;

  const host = {
    /** Every message exchanged, in order: { dir: "in" | "out", type, payload }. */
    log: [],
    /** Every token minted, in order. */
    tokens: [],
    notifications: [],
    handshakes: 0,
    async refreshToken() {
      const token = await mint();
      post({ type: "tokenRefresh", payload: { token } });
      return token;
    },
    setTokenTtl(seconds) {
      tokenTtl = seconds;
    },
    setTheme(next) {
      theme = next;
      document.body.dataset.theme = next;
      post({ type: "theme", payload: { theme: next } });
    },
  };
  window.__host = host;

  async function mint() {
    const response = await fetch("/mint-token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user, ttl: tokenTtl }),
    });
    if (!response.ok) {
      throw new Error(`mint-token answered ${response.status}`);
    }
    const { token } = await response.json();
    host.tokens.push(token);
    return token;
  }

  function post(event) {
    host.log.push({ dir: "out", type: event.type, payload: event.payload });
    frame.contentWindow.postMessage(event, appOrigin);
  }

  async function handshake() {
    const token = await mint();
    host.handshakes += 1;
    post({
      type: "handshake",
      payload: { token, version: 1, saleorVersion: "3.24.0", dashboardVersion: "3.24.0" },
    });
  }

  function toast(payload) {
    host.notifications.push(payload);
    const element = document.createElement("div");
    element.className = "toast";
    element.dataset.status = payload.status || "info";
    element.textContent = [payload.title, payload.text].filter(Boolean).join(": ");
    document.getElementById("toasts").appendChild(element);
  }

  window.addEventListener("message", async (event) => {
    if (event.origin !== appOrigin || event.source !== frame.contentWindow) {
      return;
    }
    const { type, payload } = event.data || {};
    host.log.push({ dir: "in", type, payload });
    if (type === "notifyReady") {
      await handshake();
    } else if (type === "notification") {
      toast(payload);
    } else if (type === "widgetResize") {
      frame.style.height = `${payload.height}px`;
    }
    if (payload && payload.actionId) {
      post({ type: "response", payload: { actionId: payload.actionId, ok: true } });
    }
  });

  frame.addEventListener("load", () => {
    handshake();
  });
  frame.src = src.toString();
})();
