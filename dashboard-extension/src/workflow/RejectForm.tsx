/** Reject with a reason (one of the shop's reason codes) and a comment. Enter sends, Escape cancels. */
import { Box, Button, Textarea } from "@saleor/macaw-ui";
import { type FormEvent, type KeyboardEvent, useState } from "react";

import { usePodOpsQuery } from "../api/hooks";
import { NativeSelect } from "../components/NativeSelect";
import { ErrorState } from "../components/states";
import { ReasonCodesQuery } from "../graphql/documents";

export function RejectForm({
  busy,
  onSubmit,
  onCancel,
  submitLabel = "Reject",
}: {
  busy: boolean;
  onSubmit: (values: { reasonCode: string; comment: string }) => void;
  onCancel: () => void;
  submitLabel?: string;
}) {
  const reasons = usePodOpsQuery(ReasonCodesQuery, {});
  const [reasonCode, setReasonCode] = useState("");
  const [comment, setComment] = useState("");
  const [missingReason, setMissingReason] = useState(false);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!reasonCode) {
      setMissingReason(true);
      return;
    }
    onSubmit({ reasonCode, comment: comment.trim() });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation(); // the queue's shortcuts do not apply while typing
    if (event.key === "Escape") {
      onCancel();
    } else if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
      submit();
    }
  };

  if (reasons.isError) {
    return <ErrorState title="Reasons could not be loaded" error={reasons.error} onRetry={() => void reasons.refetch()} />;
  }
  return (
    <Box as="form" display="flex" flexDirection="column" gap={2} onSubmit={submit} onKeyDown={onKeyDown} aria-label="Reject">
      <NativeSelect
        label="Reason"
        autoFocus
        value={reasonCode}
        disabled={reasons.isPending}
        placeholder={reasons.isPending ? "Loading reasons…" : "Choose a reason"}
        options={(reasons.data?.reasonCodes ?? []).map((reason) => ({ value: reason.code, label: reason.label }))}
        onChange={(event) => {
          setReasonCode(event.target.value);
          setMissingReason(false);
        }}
        aria-invalid={missingReason}
      />
      {missingReason ? <Box color="critical1" fontSize={2}>Choose a reason.</Box> : null}
      <Textarea
        label="Comment"
        value={comment}
        rows={2}
        onChange={(event) => setComment(event.target.value)}
      />
      <Box display="flex" gap={2}>
        <Button type="submit" variant="error" disabled={busy}>
          {busy ? "Sending…" : submitLabel}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </Box>
    </Box>
  );
}
