/**
 * The fulfilment queue: what is ready to print, most urgent first (due date, lateness, why it is
 * urgent), its shipping details and its approved artwork file; the fulfiller groups items into a
 * batch for a print partner, downloads a manual partner's archive and marks the batch sent. One
 * request brings everything (the queue, its artwork and addresses, the open batches).
 */
import { Box, Button, Checkbox, Text } from "@saleor/macaw-ui";
import { useState } from "react";

import { Card } from "../components/Card";
import { usePodOpsMutation, usePodOpsQuery } from "../api/hooks";
import { useArchiveDownload } from "../fulfilment/archive";
import { useDashboardActions } from "../bridge/dashboardActions";
import { ItemDetails } from "../components/ItemDetails";
import { NativeSelect } from "../components/NativeSelect";
import { EmptyState, ErrorState, QueryStates } from "../components/states";
import { formatDateTime } from "../format/time";
import {
  BatchCreateMutation,
  BatchSendMutation,
  FulfilmentQueueQuery,
} from "../graphql/documents";
import type { FulfilmentQueueQuery as QueueResult } from "../graphql/generated/graphql";
import { ApprovedArtwork } from "../fulfilment/ApprovedArtwork";
import { destinationSummary } from "../fulfilment/labels";
import { ShippingDetails } from "../fulfilment/ShippingDetails";
import { WorkCard, WorkItemHeading } from "./workQueue";

type Batch = QueueResult["fulfilmentBatches"][number];

/** ``mine``: only the items the signed-in fulfiller holds (a manager sees everyone's, with the holder). */
export function FulfilmentQueue({ mine = false }: { mine?: boolean }) {
  const queue = usePodOpsQuery(FulfilmentQueueQuery, { mine });
  return (
    <QueryStates
      query={queue}
      loadingLabel="Loading the fulfilment queue…"
      isEmpty={(data) => data.fulfilmentQueue.length === 0 && data.fulfilmentBatches.length === 0}
      empty={<EmptyState title="All done">Nothing waiting to be sent to print.</EmptyState>}
    >
      {(data) => <Queue data={data} showHolder={!mine} />}
    </QueryStates>
  );
}

function Queue({ data, showHolder }: { data: QueueResult; showHolder: boolean }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const partners = data.printPartners.filter((partner) => partner.isActive);
  const [partnerId, setPartnerId] = useState("");
  const create = usePodOpsMutation(BatchCreateMutation, (result) => result.batchCreate?.errors);
  const unbatched = data.fulfilmentQueue.filter((entry) => !entry.batchId);
  const chosenPartner = partnerId || partners[0]?.id || "";

  const toggle = (itemId: string, on: boolean) => {
    const next = new Set(selected);
    if (on) {
      next.add(itemId);
    } else {
      next.delete(itemId);
    }
    setSelected(next);
  };

  return (
    <Box display="flex" flexDirection="column" gap={4}>
      {data.fulfilmentBatches.length > 0 ? (
        <Box display="flex" flexDirection="column" gap={2}>
          <Text size={4} fontWeight="bold">
            Open batches
          </Text>
          {data.fulfilmentBatches.map((batch) => (
            <OpenBatch key={batch.id} batch={batch} />
          ))}
        </Box>
      ) : null}

      {unbatched.length > 0 ? (
        <Box display="flex" gap={2} alignItems="end" flexWrap="wrap" data-testid="batch-toolbar">
          {partners.length === 0 ? (
            <Text size={2} color="default2">
              No print partner yet: a manager adds one in the settings.
            </Text>
          ) : (
            <>
              <NativeSelect
                id="batch-partner"
                label="Print partner"
                value={chosenPartner}
                options={partners.map((partner) => ({ value: partner.id, label: partner.name }))}
                onChange={(event) => setPartnerId(event.target.value)}
              />
              <Button
                disabled={selected.size === 0 || !chosenPartner || create.isPending}
                onClick={() =>
                  create.mutate(
                    { items: [...selected], partner: chosenPartner },
                    { onSuccess: () => setSelected(new Set()) },
                  )
                }
              >
                Batch {selected.size} selected
              </Button>
            </>
          )}
        </Box>
      ) : null}
      {create.isError ? <ErrorState title="No batch made" error={create.error} /> : null}

      {data.fulfilmentQueue.map((entry) => (
        <WorkCard key={entry.item.id} data-testid="fulfilment-card" data-order={entry.item.order.number}>
          <Box display="flex" justifyContent="space-between" gap={2}>
            <WorkItemHeading item={entry.item} />
            {entry.batchId ? (
              <Text size={2} color="default2">
                In a batch
              </Text>
            ) : (
              <Checkbox
                checked={selected.has(entry.item.id)}
                onCheckedChange={(checked) => toggle(entry.item.id, checked === true)}
              >
                <Text size={2}>Select</Text>
              </Checkbox>
            )}
          </Box>
          {showHolder ? (
            <Text size={2} color="default2" data-testid="fulfilment-holder">
              {entry.item.assignee ? `Held by ${entry.item.assignee.email}` : "Waiting for a fulfiller with room"}
            </Text>
          ) : null}
          {entry.isLate || entry.priorityReasons.length > 0 ? (
            <Text size={2} color={entry.isLate ? "critical1" : "warning1"}>
              {[entry.isLate ? "Late" : "", ...entry.priorityReasons].filter(Boolean).join(" · ")}
            </Text>
          ) : null}
          {entry.inGrace ? (
            <Text size={2} color="default2">
              Can be sent from {formatDateTime(entry.sendableAt)} (a cancellation in Saleor still stops it until then)
            </Text>
          ) : null}
          <Box display="grid" gap={4} __gridTemplateColumns="repeat(auto-fit, minmax(240px, 1fr))">
            <ItemDetails item={entry.item} />
            <ShippingDetails shipping={entry.item.order.shipping} />
          </Box>
          <ApprovedArtwork version={entry.approvedArtwork} />
        </WorkCard>
      ))}
    </Box>
  );
}

function OpenBatch({ batch }: { batch: Batch }) {
  const send = usePodOpsMutation(BatchSendMutation, (result) => result.batchSend?.errors);
  const { archive, download } = useArchiveDownload();
  const dashboard = useDashboardActions();
  const manual = batch.partner.kind === "MANUAL";
  const failure = send.isError ? send.error : archive.isError ? archive.error : null;
  return (
    <Card
      data-testid="open-batch"
    >
      <Text size={3} fontWeight="medium">
        {batch.partner.name}: {batch.items.length} item{batch.items.length === 1 ? "" : "s"}
      </Text>
      <Box as="ul" display="flex" flexDirection="column" gap={1} margin={0} paddingLeft={4}>
        {batch.items.map((item) => (
          <Box as="li" key={item.id} data-testid="batch-item">
            <Text size={2}>
              #{item.order.number}-{item.lineIndex} {item.productName} → {destinationSummary(item.order.shipping)}
            </Text>
          </Box>
        ))}
      </Box>
      <Box display="flex" gap={2}>
        {manual ? (
          <Button
            variant="secondary"
            size="small"
            disabled={archive.isPending}
            onClick={() => download({ batch: batch.id })}
          >
            Download files
          </Button>
        ) : null}
        <Button
          size="small"
          disabled={send.isPending}
          onClick={() =>
            send.mutate(
              { id: batch.id },
              { onSuccess: () => dashboard.notify("success", manual ? "Marked sent" : "Sent to the print partner") },
            )
          }
        >
          {manual ? "Mark sent" : "Send"}
        </Button>
      </Box>
      {failure ? <ErrorState title="Not done" error={failure} /> : null}
    </Card>
  );
}
