/** macaw-ui's theme, following the Saleor Dashboard's light or dark theme as App Bridge reports it. */
import { useAppBridge } from "@saleor/app-sdk/app-bridge";
import { Box, type DefaultTheme, ThemeProvider, useTheme } from "@saleor/macaw-ui";
import { type ReactNode, useEffect } from "react";

export function macawThemeFor(dashboardTheme: string | undefined): DefaultTheme {
  return dashboardTheme === "dark" ? "defaultDark" : "defaultLight";
}

function FollowDashboardTheme() {
  const { appBridgeState } = useAppBridge();
  const { theme, setTheme } = useTheme();
  const wanted = macawThemeFor(appBridgeState?.theme);
  useEffect(() => {
    if (theme !== wanted) {
      setTheme(wanted);
    }
  }, [theme, wanted, setTheme]);
  useEffect(() => {
    document.documentElement.dataset["podopsTheme"] = wanted === "defaultDark" ? "dark" : "light";
  }, [wanted]);
  return null;
}

export function DashboardTheme({
  initialTheme,
  children,
}: {
  initialTheme: string | undefined;
  children: ReactNode;
}) {
  return (
    <ThemeProvider defaultTheme={macawThemeFor(initialTheme)}>
      <FollowDashboardTheme />
      <Box backgroundColor="default1" color="default1" __minHeight="100vh">
        {children}
      </Box>
    </ThemeProvider>
  );
}
