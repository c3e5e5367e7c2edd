/** Which PodOps answered: proves the page reached PodOps with the dashboard token. */
import { Text } from "@saleor/macaw-ui";

import { usePodOpsQuery } from "../api/hooks";
import { ApiVersionQuery } from "../graphql/documents";

export function ServiceStatus() {
  const query = usePodOpsQuery(ApiVersionQuery, {});
  if (query.isError) {
    return (
      <Text size={2} color="critical1" data-testid="service-status">
        PodOps unavailable
      </Text>
    );
  }
  return (
    <Text size={2} color="default2" data-testid="service-status">
      {query.data ? `PodOps ${query.data.apiVersion}` : "Connecting to PodOps…"}
    </Text>
  );
}
