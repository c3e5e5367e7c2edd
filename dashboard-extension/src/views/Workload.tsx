/** Workload per person (managers): roles, load against capacity, away. */
import { Box, Text } from "@saleor/macaw-ui";

import { usePodOpsQuery } from "../api/hooks";
import { EmptyState, QueryStates } from "../components/states";
import { ROLE_LABELS } from "../format/stages";
import { StaffQuery } from "../graphql/documents";

export function loadPercent(load: number, capacity: number): number {
  if (capacity <= 0) {
    return load > 0 ? 100 : 0;
  }
  return Math.min(100, Math.round((load / capacity) * 100));
}

export function Workload() {
  const staff = usePodOpsQuery(StaffQuery, {});
  return (
    <QueryStates
      query={staff}
      loadingLabel="Loading the team…"
      isEmpty={(data) => data.staff.length === 0}
      empty={<EmptyState title="Nobody has a PodOps role yet">Give roles on the app's settings page.</EmptyState>}
    >
      {(data) => (
        <Box display="flex" flexDirection="column" gap={2} data-testid="workload">
          {data.staff.map((person) => {
            const percent = loadPercent(person.load, person.capacity);
            return (
              <Box
                key={person.userId}
                display="grid"
                __gridTemplateColumns="minmax(200px, 2fr) 2fr 3fr"
                gap={3}
                alignItems="center"
                padding={3}
                borderWidth={1}
                borderStyle="solid"
                borderColor="default1"
                borderRadius={4}
              >
                <Box display="flex" flexDirection="column">
                  <Text size={3} fontWeight="medium">
                    {person.email}
                  </Text>
                  {person.isAway ? (
                    <Text size={1} color="warning1">
                      Away
                    </Text>
                  ) : null}
                </Box>
                <Text size={2} color="default2">
                  {person.roles.map((role) => ROLE_LABELS[role]).join(", ")}
                </Text>
                <Box display="flex" flexDirection="column" gap={1}>
                  <Box backgroundColor="default2" borderRadius={2} __height="8px" overflow="hidden">
                    <Box
                      __height="8px"
                      __width={`${percent}%`}
                      backgroundColor={percent >= 100 ? "critical1" : "accent1"}
                    />
                  </Box>
                  <Text size={1} color="default2">
                    {person.load} of {person.capacity} units · {person.freeCapacity} free
                  </Text>
                </Box>
              </Box>
            );
          })}
        </Box>
      )}
    </QueryStates>
  );
}
