/**
 * A defect: reason code (PodOps' defect reasons), comment (needed for "Other"), and optionally a
 * photo. Used to fail QA (which orders the reprint) and by managers to reprint a failed job's line.
 * Ctrl+Enter sends, Escape cancels.
 */
import { Box, Text } from "@saleor/macaw-ui";
import { useState } from "react";

import { ReasonCommentForm } from "../components/ReasonCommentForm";
import type { DefectReason } from "../graphql/generated/graphql";
import { DEFECT_REASON_LABELS, DEFECT_REASONS } from "./labels";

export type DefectValues = { reason: DefectReason; comment: string; photo: File | null };

const REASON_OPTIONS = DEFECT_REASONS.map((value) => ({ value, label: DEFECT_REASON_LABELS[value] }));

export function DefectForm({
  label,
  submitLabel,
  busy,
  withPhoto = false,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  busy: boolean;
  withPhoto?: boolean;
  onSubmit: (values: DefectValues) => void;
  onCancel: () => void;
}) {
  const [photo, setPhoto] = useState<File | null>(null);
  return (
    <ReasonCommentForm<DefectReason>
      label={label}
      reasonLabel="Defect reason"
      reasons={REASON_OPTIONS}
      missingReason="Choose a defect reason."
      check={(reason, comment) => (reason === "OTHER" && !comment ? "Say what is wrong when the reason is Other." : null)}
      busy={busy}
      submitLabel={submitLabel}
      framed
      onSubmit={(reason, comment) => onSubmit({ reason, comment, photo })}
      onCancel={onCancel}
    >
      {withPhoto ? (
        <Box display="flex" flexDirection="column" gap={1}>
          <Text as="span" size={2} color="default2">
            <label htmlFor={`${label}-photo`}>Photo of the defect (optional)</label>
          </Text>
          <input
            id={`${label}-photo`}
            type="file"
            accept="image/*"
            onChange={(event) => setPhoto(event.target.files?.[0] ?? null)}
          />
        </Box>
      ) : null}
    </ReasonCommentForm>
  );
}
