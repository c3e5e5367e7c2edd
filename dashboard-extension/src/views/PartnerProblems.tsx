/**
 * Managers: partner jobs that need a person: not sent (refused or given up after retries),
 * reported failed or returned by the partner, or on hold there; each with its error, and the
 * actions: send again, cancel (the partner is asked first; unshipped items are cancelled), or
 * reprint a failed or returned line.
 */
import { Box, Button, Input, Text } from "@saleor/macaw-ui";
import { type FormEvent, type KeyboardEvent, useState } from "react";

import { usePodOpsMutation, usePodOpsQuery } from "../api/hooks";
import { useDashboardActions } from "../bridge/dashboardActions";
import { EmptyState, ErrorState, QueryStates } from "../components/states";
import { formatDateTime } from "../format/time";
import { DefectForm } from "../fulfilment/DefectForm";
import { JobHeading } from "../fulfilment/JobHeading";
import { jobLabel, jobStateLabel } from "../fulfilment/labels";
import {
  JobCancelMutation,
  JobRetrySendMutation,
  LineReprintMutation,
  PartnerProblemsQuery,
} from "../graphql/documents";
import type { PartnerProblemsQuery as ProblemsResult } from "../graphql/generated/graphql";
import { WorkCard } from "./workQueue";

type Job = ProblemsResult["partnerJobs"][number];

/** What is wrong with the job, in words, and the partner's or PodOps' own message. */
export function problemOf(job: Job): { title: string; message: string } {
  if (job.dispatchState === "SEND_FAILED") {
    return {
      title: `Could not be sent (${job.attempts} attempt${job.attempts === 1 ? "" : "s"})`,
      message: job.lastError || "No error was recorded.",
    };
  }
  if (job.partnerStatus === "FAILED") {
    return { title: "The partner reported it failed", message: job.partnerReason || "No reason given." };
  }
  if (job.partnerStatus === "RETURNED") {
    return { title: "The parcel came back", message: job.partnerReason || "No reason given." };
  }
  if (job.onHold) {
    return { title: "On hold at the partner", message: job.holdReason || job.partnerReason || "No reason given." };
  }
  return { title: jobStateLabel(job), message: job.lastError };
}

export function PartnerProblems() {
  const query = usePodOpsQuery(PartnerProblemsQuery, {});
  return (
    <QueryStates
      query={query}
      loadingLabel="Loading partner jobs…"
      isEmpty={(data) => data.partnerJobs.length === 0}
      empty={
        <EmptyState title="No partner problems">
          Every job was sent, and no partner reported a failure, a return or a hold.
        </EmptyState>
      }
    >
      {(data) => (
        <Box display="flex" flexDirection="column" gap={3}>
          <Text size={2} color="default2">
            {data.partnerJobs.length === 1 ? "1 job needs" : `${data.partnerJobs.length} jobs need`} a decision.
          </Text>
          {data.partnerJobs.map((job) => (
            <ProblemJob key={job.id} job={job} />
          ))}
        </Box>
      )}
    </QueryStates>
  );
}

function ProblemJob({ job }: { job: Job }) {
  const retry = usePodOpsMutation(JobRetrySendMutation, (result) => result.jobRetrySend?.errors);
  const cancel = usePodOpsMutation(JobCancelMutation, (result) => result.jobCancel?.errors);
  const reprint = usePodOpsMutation(LineReprintMutation, (result) => result.lineReprint?.errors);
  const dashboard = useDashboardActions();
  const [cancelling, setCancelling] = useState(false);
  const [reprinting, setReprinting] = useState<string | null>(null);
  const problem = problemOf(job);
  const failure = retry.isError ? retry.error : cancel.isError ? cancel.error : reprint.isError ? reprint.error : null;
  const canReprint = job.dispatchState === "SENT" && (job.partnerStatus === "FAILED" || job.partnerStatus === "RETURNED");
  const busy = retry.isPending || cancel.isPending || reprint.isPending;

  return (
    <WorkCard critical data-testid="partner-problem" data-order={job.order.number}>
      <JobHeading job={job}>
        {job.partner.name}
        {job.externalId ? ` · partner ref ${job.externalId}` : ""}
        {job.reprintOfId ? ` · reprint of ${jobLabel(job.reprintOfId)}` : ""}
        {` · created ${formatDateTime(job.createdAt)}`}
      </JobHeading>
      <Box display="flex" flexDirection="column" gap={1}>
        <Text size={3} fontWeight="medium" color="critical1">
          {problem.title}
        </Text>
        {problem.message ? (
          <Text size={2} as="p" __whiteSpace="pre-line" data-testid="partner-problem-error">
            {problem.message}
          </Text>
        ) : null}
      </Box>
      <Box as="ul" margin={0} paddingLeft={4} display="flex" flexDirection="column" gap={1}>
        {job.lines.map((line) => (
          <Box as="li" key={line.id} display="flex" gap={2} alignItems="center">
            <Text size={2}>
              #{job.order.number}-{line.item.lineIndex} {line.item.productName}
              {line.shippedAt ? " · shipped" : ""}
            </Text>
            {canReprint && !line.shippedAt && reprinting !== line.id ? (
              <Button
                size="small"
                variant="tertiary"
                disabled={busy}
                aria-label={`Reprint #${job.order.number}-${line.item.lineIndex}`}
                onClick={() => setReprinting(line.id)}
              >
                Reprint
              </Button>
            ) : null}
          </Box>
        ))}
      </Box>
      {reprinting ? (
        <DefectForm
          label="Reprint the line"
          submitLabel="Order reprint"
          busy={reprint.isPending}
          onCancel={() => setReprinting(null)}
          onSubmit={({ reason, comment }) =>
            reprint.mutate(
              { id: reprinting, reason, comment },
              {
                onSuccess: () => {
                  setReprinting(null);
                  dashboard.notify("success", "Reprint ordered");
                },
              },
            )
          }
        />
      ) : null}
      {cancelling ? (
        <CancelForm
          busy={cancel.isPending}
          onCancel={() => setCancelling(false)}
          onSubmit={(reason) =>
            cancel.mutate(
              { id: job.id, reason },
              {
                onSuccess: () => {
                  setCancelling(false);
                  dashboard.notify("info", `${jobLabel(job.id)} cancelled`);
                },
              },
            )
          }
        />
      ) : (
        <Box display="flex" gap={2}>
          {job.dispatchState === "SEND_FAILED" ? (
            <Button
              size="small"
              disabled={busy}
              onClick={() => retry.mutate({ id: job.id }, { onSuccess: () => dashboard.notify("success", "Sending again") })}
            >
              Retry sending
            </Button>
          ) : null}
          {job.dispatchState !== "CANCELLED" ? (
            <Button
              size="small"
              variant="error"
              disabled={busy}
              onClick={() => {
                cancel.reset();
                setCancelling(true);
              }}
            >
              Cancel job
            </Button>
          ) : null}
        </Box>
      )}
      {failure ? <ErrorState title="Not done" error={failure} /> : null}
    </WorkCard>
  );
}

function CancelForm({
  busy,
  onSubmit,
  onCancel,
}: {
  busy: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    onSubmit(reason.trim());
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      onCancel();
    }
  };
  return (
    <Box as="form" display="flex" flexDirection="column" gap={2} onSubmit={submit} onKeyDown={onKeyDown} aria-label="Cancel the job">
      <Text size={2} color="default2">
        The partner is asked to stop first; the job's unshipped items and their order are cancelled in PodOps.
      </Text>
      <Input
        label="Why"
        autoFocus
        value={reason}
        onChange={(event) => {
          setReason(event.target.value);
          setMissing(false);
        }}
        error={missing}
        helperText={missing ? "Say why the job is cancelled." : undefined}
      />
      <Box display="flex" gap={2}>
        <Button type="submit" variant="error" disabled={busy}>
          {busy ? "Cancelling…" : "Cancel the job"}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Keep it
        </Button>
      </Box>
    </Box>
  );
}
