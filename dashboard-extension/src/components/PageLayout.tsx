import { Box, Text } from "@saleor/macaw-ui";
import type { ReactNode } from "react";

export function PageLayout({
  title,
  subtitle,
  actions,
  children,
  compact = false,
}: {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  /** Widgets and popups: less padding, smaller heading. */
  compact?: boolean;
}) {
  return (
    <Box display="flex" flexDirection="column" gap={compact ? 3 : 5} padding={compact ? 3 : 6}>
      <Box display="flex" justifyContent="space-between" alignItems="center" gap={4} flexWrap="wrap">
        <Box display="flex" flexDirection="column" gap={1}>
          <Text as="h1" size={compact ? 5 : 8} fontWeight="bold">
            {title}
          </Text>
          {subtitle ? (
            <Text size={2} color="default2">
              {subtitle}
            </Text>
          ) : null}
        </Box>
        {actions ? (
          <Box display="flex" gap={2} alignItems="center">
            {actions}
          </Box>
        ) : null}
      </Box>
      {children}
    </Box>
  );
}
