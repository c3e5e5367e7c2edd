import { AppBridgeProvider } from "@saleor/app-sdk/app-bridge";
import { ThemeProvider } from "@saleor/macaw-ui";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { createFakeBridge } from "../test/fakeBridge";
import { BridgeGate } from "./BridgeGate";

function renderGate(fake: ReturnType<typeof createFakeBridge>, props: { inIframe: boolean; timeoutMs?: number }) {
  return render(
    <ThemeProvider>
      <AppBridgeProvider appBridgeInstance={fake.bridge}>
        <BridgeGate {...props}>
          <p>the page</p>
        </BridgeGate>
      </AppBridgeProvider>
    </ThemeProvider>,
  );
}

describe("BridgeGate", () => {
  it("shows the connecting state until the handshake delivers a token, then the page", () => {
    // given
    const fake = createFakeBridge();
    renderGate(fake, { inIframe: true });
    expect(screen.getByRole("status")).toHaveTextContent("Connecting to the Saleor Dashboard…");
    expect(screen.queryByText("the page")).not.toBeInTheDocument();

    // when
    act(() => fake.emit("handshake", { ready: true, token: "token-1" }));

    // then
    expect(screen.getByText("the page")).toBeInTheDocument();
  });

  it("tells the person to open the page from the dashboard outside an iframe", () => {
    renderGate(createFakeBridge({ ready: true, token: "token-1" }), { inIframe: false });
    expect(screen.getByRole("alert")).toHaveTextContent("Open PodOps from the Saleor Dashboard");
    expect(screen.queryByText("the page")).not.toBeInTheDocument();
  });

  it("shows an error with a retry that asks the dashboard again when no handshake comes", async () => {
    // given
    const fake = createFakeBridge();
    renderGate(fake, { inIframe: true, timeoutMs: 20 });

    // when
    const alert = await screen.findByRole("alert");
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));

    // then
    expect(alert).toHaveTextContent("The Saleor Dashboard did not connect");
    expect(fake.bridge.sendNotifyReadyAction).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("status")).toHaveTextContent("Connecting to the Saleor Dashboard…");
  });
});
