/**
 * QA and reprints (fulfillers and managers): printed items waiting for their check, passed or
 * failed with a defect reason and an optional photo (a failure orders a reprint of the same
 * approved artwork); and the reprint queue, each reprint with why and the first job it reprints.
 * A manual partner's jobs are moved on here too: record that it printed, download a reprint's
 * files, mark it sent.
 */
import { Box, Button, Text } from "@saleor/macaw-ui";
import { useState } from "react";

import { usePodOpsMutation, usePodOpsQuery } from "../api/hooks";
import { useArchiveDownload } from "../fulfilment/archive";
import { useDashboardActions } from "../bridge/dashboardActions";
import { EmptyState, ErrorState, QueryStates } from "../components/states";
import { Thumbnail } from "../components/Thumbnail";
import { formatDateTime } from "../format/time";
import { DefectForm } from "../fulfilment/DefectForm";
import { JobHeading } from "../fulfilment/JobHeading";
import { DEFECT_REASON_LABELS, isPrinted, jobLabel, jobStateLabel } from "../fulfilment/labels";
import { useQaFail } from "../fulfilment/qa";
import {
  JobMarkSentMutation,
  JobRecordPrintedMutation,
  QaAndReprintsQuery,
  QaPassMutation,
} from "../graphql/documents";
import type { PartnerJobFieldsFragment, QaAndReprintsQuery as QaResult } from "../graphql/generated/graphql";
import { WorkCard } from "./workQueue";

type Job = PartnerJobFieldsFragment;
type Line = Job["lines"][number];
type Reprint = QaResult["reprintJobs"][number];

/** The lines of a job that still wait for their check. */
export function linesToCheck(job: Job): Line[] {
  return job.lines.filter((line) => line.qaState === "REQUIRED" && !line.shippedAt);
}

/** Reprints still on their way first (waiting, sent, not shipped), then the rest, newest first. */
export function sortReprints(reprints: readonly Reprint[]): Reprint[] {
  const open = (job: Reprint) =>
    job.dispatchState !== "CANCELLED" && job.partnerStatus !== "SHIPPED" && job.partnerStatus !== "RETURNED";
  return [...reprints].sort((a, b) => Number(open(b)) - Number(open(a)) || b.createdAt.localeCompare(a.createdAt));
}

export function QaAndReprints() {
  const query = usePodOpsQuery(QaAndReprintsQuery, {});
  return (
    <QueryStates
      query={query}
      loadingLabel="Loading QA and reprints…"
      isEmpty={(data) => data.qaJobs.length === 0 && data.reprintJobs.length === 0}
      empty={<EmptyState title="Nothing to check">No printed items wait for QA, and there are no reprints.</EmptyState>}
    >
      {(data) => (
        <Box display="flex" flexDirection="column" gap={6}>
          <Box as="section" display="flex" flexDirection="column" gap={3} aria-label="Waiting for QA" data-testid="qa-section">
            <Text as="h2" size={5} fontWeight="bold">
              Waiting for QA
            </Text>
            {data.qaJobs.length === 0 ? (
              <Text size={2} color="default2">
                No printed items wait for QA.
              </Text>
            ) : (
              data.qaJobs.map((job) => <QaJob key={job.id} job={job} />)
            )}
          </Box>
          <Box as="section" display="flex" flexDirection="column" gap={3} aria-label="Reprints" data-testid="reprint-section">
            <Text as="h2" size={5} fontWeight="bold">
              Reprints
            </Text>
            {data.reprintJobs.length === 0 ? (
              <Text size={2} color="default2">
                No reprints.
              </Text>
            ) : (
              sortReprints(data.reprintJobs).map((job) => <ReprintJob key={job.id} job={job} />)
            )}
          </Box>
        </Box>
      )}
    </QueryStates>
  );
}

function JobBox({ job, testId, children }: { job: Job; testId: string; children: React.ReactNode }) {
  return (
    <WorkCard data-testid={testId} data-order={job.order.number} data-job={job.id}>
      <JobHeading job={job}>
        {job.partner.name} · {jobStateLabel(job)}
        {job.externalId ? ` · partner ref ${job.externalId}` : ""}
      </JobHeading>
      {job.onHold && job.holdReason ? (
        <Text size={2} color="warning1">
          On hold: {job.holdReason}
        </Text>
      ) : null}
      {children}
    </WorkCard>
  );
}

function QaJob({ job }: { job: Job }) {
  const printed = isPrinted(job.partnerStatus);
  const record = usePodOpsMutation(JobRecordPrintedMutation, (result) => result.jobRecordStatus?.errors);
  return (
    <JobBox job={job} testId="qa-job">
      {!printed ? (
        <Box display="flex" gap={2} alignItems="center" flexWrap="wrap">
          <Text size={2} color="default2">
            Waiting for the partner to print it.
          </Text>
          {job.partner.kind === "MANUAL" ? (
            <Button size="small" variant="secondary" disabled={record.isPending} onClick={() => record.mutate({ id: job.id })}>
              Record printed
            </Button>
          ) : null}
        </Box>
      ) : null}
      {record.isError ? <ErrorState title="Not recorded" error={record.error} /> : null}
      {linesToCheck(job).map((line) => (
        <QaLine key={line.id} line={line} job={job} canCheck={printed} />
      ))}
    </JobBox>
  );
}

function LineHeading({ line, orderNumber }: { line: Line; orderNumber: string }) {
  return (
    <Box display="flex" gap={3} alignItems="center">
      <Thumbnail
        src={line.artwork?.thumbnailUrl}
        alt={`Artwork version ${line.artwork?.number}`}
        size="72px"
        placeholder={line.artworkVersion ? `v${line.artworkVersion}` : "No file"}
      />
      <Box display="flex" flexDirection="column">
        <Text size={3} fontWeight="medium">
          #{orderNumber}-{line.item.lineIndex} {line.item.productName}
          {line.item.variantName ? ` · ${line.item.variantName}` : ""}
          {line.item.quantity > 1 ? ` × ${line.item.quantity}` : ""}
        </Text>
        <Text size={1} color="default2">
          {line.artworkVersion ? `Printed from artwork version ${line.artworkVersion}` : "No artwork version"}
          {line.spotCheck ? " · spot check" : ""}
        </Text>
      </Box>
    </Box>
  );
}

function QaLine({ line, job, canCheck }: { line: Line; job: Job; canCheck: boolean }) {
  const [failing, setFailing] = useState(false);
  const pass = usePodOpsMutation(QaPassMutation, (result) => result.qaPass?.errors);
  const fail = useQaFail();
  const dashboard = useDashboardActions();
  const reference = `#${job.order.number}-${line.item.lineIndex}`;
  const failure = pass.isError ? pass.error : fail.isError ? fail.error : null;
  return (
    <Box display="flex" flexDirection="column" gap={2} data-testid="qa-line" data-line={line.id}>
      <LineHeading line={line} orderNumber={job.order.number} />
      {canCheck && !failing ? (
        <Box display="flex" gap={2}>
          <Button
            size="small"
            disabled={pass.isPending}
            onClick={() =>
              pass.mutate({ id: line.id, comment: "" }, { onSuccess: () => dashboard.notify("success", `${reference} passed QA`) })
            }
          >
            Pass QA
          </Button>
          <Button
            size="small"
            variant="error"
            onClick={() => {
              fail.reset();
              setFailing(true);
            }}
          >
            Fail QA
          </Button>
        </Box>
      ) : null}
      {failing ? (
        <DefectForm
          label={`Fail QA of ${reference}`}
          submitLabel="Fail and reprint"
          busy={fail.isPending}
          withPhoto
          onCancel={() => setFailing(false)}
          onSubmit={(values) =>
            fail.mutate(
              { lineId: line.id, values },
              {
                onSuccess: () => {
                  setFailing(false);
                  dashboard.notify("info", `${reference} failed QA`, "A reprint was ordered.");
                },
              },
            )
          }
        />
      ) : null}
      {failure ? <ErrorState title="Not done" error={failure} /> : null}
    </Box>
  );
}

function ReprintJob({ job }: { job: Reprint }) {
  const markSent = usePodOpsMutation(JobMarkSentMutation, (result) => result.jobMarkSent?.errors);
  const { archive, download } = useArchiveDownload();
  const dashboard = useDashboardActions();
  const manualWaiting = job.partner.kind === "MANUAL" && job.dispatchState === "WAITING";
  const failure = markSent.isError ? markSent.error : archive.isError ? archive.error : null;
  return (
    <JobBox job={job} testId="reprint-job">
      <Text size={2} data-testid="reprint-reason">
        Reprint because: {job.reprintReason ? DEFECT_REASON_LABELS[job.reprintReason] : "not recorded"}
        {job.reprintComment ? ` — “${job.reprintComment}”` : ""}
      </Text>
      {job.reprintOf ? (
        <Box
          display="flex"
          gap={2}
          alignItems="center"
          flexWrap="wrap"
          padding={2}
          borderRadius={3}
          backgroundColor="default2"
          data-testid="first-job"
        >
          <Text size={2}>
            Reprint of {jobLabel(job.reprintOf.id)}: {jobStateLabel({ ...job.reprintOf, onHold: false })}
            {job.reprintOf.submittedAt ? `, sent ${formatDateTime(job.reprintOf.submittedAt)}` : ""}
            {job.reprintOf.externalId ? ` · partner ref ${job.reprintOf.externalId}` : ""}
          </Text>
          <Button size="small" variant="tertiary" onClick={() => dashboard.redirect(`/orders/${job.order.saleorOrderId}`)}>
            Open order #{job.order.number}
          </Button>
        </Box>
      ) : null}
      {job.lines.map((line) => (
        <LineHeading key={line.id} line={line} orderNumber={job.order.number} />
      ))}
      {manualWaiting ? (
        <Box display="flex" gap={2}>
          <Button
            size="small"
            variant="secondary"
            disabled={archive.isPending}
            onClick={() => download({ job: job.id })}
          >
            Download files
          </Button>
          <Button
            size="small"
            disabled={markSent.isPending}
            onClick={() => markSent.mutate({ id: job.id }, { onSuccess: () => dashboard.notify("success", "Reprint marked sent") })}
          >
            Mark sent
          </Button>
        </Box>
      ) : null}
      {failure ? <ErrorState title="Not done" error={failure} /> : null}
    </JobBox>
  );
}
