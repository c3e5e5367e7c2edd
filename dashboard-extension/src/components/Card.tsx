/** A bordered panel stacking its children: one row of a settings list, one batch, one item. */
import { Box } from "@saleor/macaw-ui";
import type { ReactNode } from "react";

export function Card({
  as,
  children,
  ...data
}: { as?: "li" | "div"; children: ReactNode } & Record<`data-${string}`, string | undefined>) {
  return (
    <Box
      as={as ?? "div"}
      display="flex"
      flexDirection="column"
      gap={2}
      padding={3}
      borderWidth={1}
      borderStyle="solid"
      borderColor="default1"
      borderRadius={4}
      {...data}
    >
      {children}
    </Box>
  );
}
