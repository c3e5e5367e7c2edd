/** A square image box: the picture scaled to fit, or a short placeholder text while there is none. */
import { Box, Text } from "@saleor/macaw-ui";
import type { ReactNode } from "react";

export function Thumbnail({
  src,
  alt,
  size,
  placeholder,
  testId,
}: {
  src: string | null | undefined;
  alt: string;
  /** A CSS length, e.g. "96px". */
  size: string;
  placeholder: ReactNode;
  testId?: string;
}) {
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="center"
      backgroundColor="default2"
      borderRadius={3}
      overflow="hidden"
      __width={size}
      __height={size}
      __flexShrink="0"
      data-testid={testId}
    >
      {src ? (
        <img src={src} alt={alt} style={{ maxWidth: "100%", maxHeight: "100%", objectFit: "contain" }} />
      ) : (
        <Text size={1} color="default2">
          {placeholder}
        </Text>
      )}
    </Box>
  );
}
