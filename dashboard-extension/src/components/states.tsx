/** Loading, empty and error states: every view shows one of these instead of a blank page. */
import { Box, Button, Skeleton, Text } from "@saleor/macaw-ui";
import type { ReactNode } from "react";

import { describeError } from "../api/errors";

export function LoadingState({ label = "Loading…", rows = 3 }: { label?: string; rows?: number }) {
  return (
    <Box display="flex" flexDirection="column" gap={3} padding={4} role="status" aria-live="polite">
      <Text size={2} color="default2">
        {label}
      </Text>
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} __height="20px" />
      ))}
    </Box>
  );
}

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Box
      display="flex"
      flexDirection="column"
      alignItems="center"
      gap={2}
      padding={8}
      borderStyle="solid"
      borderWidth={1}
      borderColor="default1"
      borderRadius={4}
      data-testid="empty-state"
    >
      <Text size={5} fontWeight="bold">
        {title}
      </Text>
      {children ? (
        <Text size={3} color="default2">
          {children}
        </Text>
      ) : null}
      {action}
    </Box>
  );
}

export function ErrorState({
  title = "Something went wrong",
  error,
  onRetry,
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
}) {
  return (
    <Box
      display="flex"
      flexDirection="column"
      gap={2}
      padding={4}
      borderWidth={1}
      borderStyle="solid"
      borderColor="critical1"
      backgroundColor="critical1"
      borderRadius={4}
      role="alert"
      data-testid="error-state"
    >
      <Text size={4} fontWeight="bold" color="critical1">
        {title}
      </Text>
      <Text size={3} as="p" __whiteSpace="pre-line">
        {describeError(error)}
      </Text>
      {onRetry ? (
        <Box>
          <Button variant="secondary" onClick={onRetry}>
            Try again
          </Button>
        </Box>
      ) : null}
    </Box>
  );
}

/** One of the three states for a query, or its content once there is data. */
export function QueryStates<TData>({
  query,
  loadingLabel,
  isEmpty,
  empty,
  children,
}: {
  query: {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    data: TData | undefined;
    refetch: () => unknown;
  };
  loadingLabel?: string;
  isEmpty?: (data: TData) => boolean;
  empty?: ReactNode;
  children: (data: TData) => ReactNode;
}) {
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (query.isPending || query.data === undefined) {
    return <LoadingState label={loadingLabel} />;
  }
  if (isEmpty?.(query.data)) {
    return <>{empty}</>;
  }
  return <>{children(query.data)}</>;
}
