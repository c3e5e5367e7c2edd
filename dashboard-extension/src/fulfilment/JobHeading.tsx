/** The line a partner job's card starts with: the job and its order, then details in a quieter tone. */
import { Box, Text } from "@saleor/macaw-ui";
import type { ReactNode } from "react";

import { jobLabel } from "./labels";

export function JobHeading({ job, children }: { job: { id: string; order: { number: string } }; children: ReactNode }) {
  return (
    <Box display="flex" gap={2} flexWrap="wrap" alignItems="baseline">
      <Text size={4} fontWeight="bold">
        {jobLabel(job.id)} · order #{job.order.number}
      </Text>
      <Text size={2} color="default2">
        {children}
      </Text>
    </Box>
  );
}
