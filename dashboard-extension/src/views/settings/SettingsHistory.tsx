/**
 * Settings history (managers): who changed which setting, when, and from what to what, newest
 * first, a page at a time ("Load more"). Secrets show only that they changed.
 */
import { Box, Button, Text } from "@saleor/macaw-ui";

import { usePodOpsPagedQuery } from "../../api/hooks";
import { Card } from "../../components/Card";
import { EmptyState, ErrorState, QueryStates } from "../../components/states";
import { parseJsonObject } from "../../format/json";
import { formatDateTime } from "../../format/time";
import { SettingsChangesQuery } from "../../graphql/documents";
import type { SettingsArea, SettingsChangesQuery as SettingsChangesResult } from "../../graphql/generated/graphql";
import { SettingsSection } from "./Section";

export const HISTORY_PAGE_SIZE = 20;

type Page = SettingsChangesResult["settingsChanges"];
type Change = NonNullable<NonNullable<Page["edges"][number]>["node"]>;

/** The changes of a page with their cursors (edges and nodes are nullable in the schema). */
function changesOf(page: Page): Array<{ cursor: string; change: Change }> {
  return page.edges.flatMap((edge) => (edge?.node ? [{ cursor: edge.cursor, change: edge.node }] : []));
}

const AREA_LABELS: Record<SettingsArea, string> = {
  ROLES: "Roles",
  CAPACITY: "Capacity",
  SKILLS: "Skills",
  AWAY: "Away",
  COMPLEXITY_WEIGHT: "Complexity weight",
  FLOW_SETTINGS: "Flow",
  REASON_CODES: "Rejection reasons",
  FULFILMENT_SETTINGS: "Fulfilment settings",
  PRINT_PARTNER: "Print partner",
  PRINT_SPEC: "Print spec",
  NOTIFICATION_SETTINGS: "Notifications",
  APPROVAL_SETTINGS: "Approvals",
};

/** A changed value as one line of text: "not set" for null, lists and maps as compact JSON. */
export function formatSettingValue(value: unknown): string {
  if (value === null || value === undefined) {
    return "not set";
  }
  if (typeof value === "boolean") {
    return value ? "on" : "off";
  }
  if (typeof value === "string") {
    return value === "" ? "empty" : value;
  }
  if (typeof value === "number") {
    return String(value);
  }
  return JSON.stringify(value);
}

/** Who made a change: the staff user's email (or id), or PodOps itself. */
export function changedBy(change: Pick<Change, "actorType" | "actorId" | "actorEmail">): string {
  if (change.actorType === "STAFF") {
    return change.actorEmail || change.actorId || "A staff user";
  }
  return change.actorId ? `PodOps (${change.actorId})` : "PodOps";
}

export function SettingsHistory() {
  const pages = usePodOpsPagedQuery(SettingsChangesQuery, { first: HISTORY_PAGE_SIZE }, (page) => page.settingsChanges.pageInfo);
  return (
    <SettingsSection
      title="History"
      testId="settings-history"
      description="Who changed which setting and when, newest first. Secrets (partner keys and shared secrets) show only that they changed."
    >
      <QueryStates
        query={pages}
        loadingLabel="Loading the settings history…"
        isEmpty={(data) => data.pages.every((page) => page.settingsChanges.edges.length === 0)}
        empty={<EmptyState title="No settings changed yet">Changes to people, weights, the flow and the other settings appear here.</EmptyState>}
      >
        {(data) => (
          <Box as="ul" display="flex" flexDirection="column" gap={2} padding={0} margin={0} style={{ listStyle: "none" }} aria-labelledby="settings-history">
            {data.pages.flatMap((page) =>
              changesOf(page.settingsChanges).map(({ cursor, change }) => <ChangeRow key={cursor} change={change} />),
            )}
          </Box>
        )}
      </QueryStates>
      {pages.isFetchNextPageError ? <ErrorState title="More history could not be loaded" error={pages.error} /> : null}
      {pages.hasNextPage ? (
        <Box>
          <Button type="button" variant="secondary" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
            {pages.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </Box>
      ) : null}
    </SettingsSection>
  );
}

function ChangeRow({ change }: { change: Change }) {
  const before = parseJsonObject(change.before);
  const after = parseJsonObject(change.after);
  const fields = Array.from(new Set([...Object.keys(before), ...Object.keys(after)])).sort();
  return (
    <Card as="li" data-testid="settings-change">
      <Box display="flex" flexDirection="column" gap={1}>
        <Text size={3} fontWeight="medium">
          {AREA_LABELS[change.area] ?? change.area}
          {change.subject ? ` · ${change.subject}` : ""}
        </Text>
        <Text size={2} color="default2">
          {changedBy(change)} · <time dateTime={change.createdAt}>{formatDateTime(change.createdAt)}</time>
        </Text>
        <Box as="ul" padding={0} margin={0} style={{ listStyle: "none" }}>
          {fields.map((field) => (
            <Box as="li" key={field}>
              <Text size={2}>
                {field.replace(/_/g, " ")}: {formatSettingValue(before[field])} → {formatSettingValue(after[field])}
              </Text>
            </Box>
          ))}
        </Box>
      </Box>
    </Card>
  );
}
