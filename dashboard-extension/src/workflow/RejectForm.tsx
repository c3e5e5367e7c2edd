/** Reject with a reason (one of the shop's reason codes) and a comment. Ctrl+Enter sends, Escape cancels. */
import { usePodOpsQuery } from "../api/hooks";
import { ReasonCommentForm } from "../components/ReasonCommentForm";
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
  if (reasons.isError) {
    return <ErrorState title="Reasons could not be loaded" error={reasons.error} onRetry={() => void reasons.refetch()} />;
  }
  return (
    <ReasonCommentForm
      label="Reject"
      reasonLabel="Reason"
      reasons={(reasons.data?.reasonCodes ?? []).map((reason) => ({ value: reason.code, label: reason.label }))}
      reasonsLoading={reasons.isPending}
      placeholder={reasons.isPending ? "Loading reasons…" : "Choose a reason"}
      missingReason="Choose a reason."
      busy={busy}
      submitLabel={submitLabel}
      onSubmit={(reasonCode, comment) => onSubmit({ reasonCode, comment })}
      onCancel={onCancel}
    />
  );
}
