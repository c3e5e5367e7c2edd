import { Box, Input, type InputProps, Text } from "@saleor/macaw-ui";
import type { ReactNode } from "react";

/** One block of the settings page: a heading, what it is for, its content. */
export function SettingsSection({
  title,
  description,
  testId,
  children,
}: {
  title: string;
  description?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  const headingId = `settings-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <Box as="section" display="flex" flexDirection="column" gap={3} data-testid={testId} aria-labelledby={headingId}>
      <Box display="flex" flexDirection="column" gap={1}>
        <Text as="h2" size={6} fontWeight="bold" id={headingId}>
          {title}
        </Text>
        {description ? (
          <Text size={2} color="default2">
            {description}
          </Text>
        ) : null}
      </Box>
      {children}
    </Box>
  );
}

/** A quiet confirmation after a save (announced to screen readers). */
export function SavedNote({ children = "Saved." }: { children?: ReactNode }) {
  return (
    <Text size={2} color="success1" role="status">
      {children}
    </Text>
  );
}

/** A group of fields with its legend (announced with each field by screen readers). */
export function FieldGroup({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <Box as="fieldset" display="flex" flexDirection="column" gap={2} borderWidth={0} padding={0} margin={0}>
      <Box as="legend" padding={0} marginBottom={2}>
        <Text size={4} fontWeight="bold">
          {legend}
        </Text>
      </Box>
      {children}
    </Box>
  );
}

/** A macaw input that shows PodOps' (or the form's) message for it, marked invalid for assistive tech. */
export function FieldInput({ errorText, help, ...props }: InputProps & { errorText?: string; help?: ReactNode }) {
  return (
    <Input
      {...props}
      error={Boolean(errorText)}
      aria-invalid={errorText ? true : undefined}
      helperText={errorText ?? help}
    />
  );
}
