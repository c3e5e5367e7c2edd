import { AppBridgeProvider } from "@saleor/app-sdk/app-bridge";
import { act, render } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { createFakeBridge } from "../test/fakeBridge";
import { DashboardTheme, macawThemeFor } from "./DashboardTheme";

describe("DashboardTheme", () => {
  it("maps the dashboard's theme to macaw's", () => {
    expect(macawThemeFor("dark")).toBe("defaultDark");
    expect(macawThemeFor("light")).toBe("defaultLight");
    expect(macawThemeFor(undefined)).toBe("defaultLight");
  });

  it("starts with the iframe's theme and follows the dashboard's theme events", () => {
    // given
    const fake = createFakeBridge({ theme: "dark" });
    render(
      <AppBridgeProvider appBridgeInstance={fake.bridge}>
        <DashboardTheme initialTheme="dark">
          <p>page</p>
        </DashboardTheme>
      </AppBridgeProvider>,
    );
    expect(document.documentElement.dataset["podopsTheme"]).toBe("dark");

    // when
    act(() => fake.emit("theme", { theme: "light" }));

    // then
    expect(document.documentElement.dataset["podopsTheme"]).toBe("light");
  });
});
