import "@saleor/macaw-ui/style";

import { AppBridge } from "@saleor/app-sdk/app-bridge";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./app/App";

const root = document.getElementById("root");
if (!root) {
  throw new Error("index.html has no #root element");
}

// One bridge for the page's life: it listens for the dashboard's messages and sends notifyReady.
const bridge = new AppBridge();

createRoot(root).render(
  <StrictMode>
    <App bridge={bridge} location={new URL(window.location.href)} />
  </StrictMode>,
);
