/**
 * A reason picked from a list and a comment, with its own fields below (e.g. a photo): rejecting
 * work, failing QA, ordering a reprint. Ctrl+Enter sends, Escape cancels; the keys stay in the form
 * (a queue's shortcuts do not apply while typing).
 */
import { Box, Button, Text, Textarea } from "@saleor/macaw-ui";
import { type FormEvent, type KeyboardEvent, type ReactNode, useState } from "react";

import { NativeSelect } from "./NativeSelect";

export function ReasonCommentForm<TReason extends string>({
  label,
  reasonLabel,
  reasons,
  placeholder = "Choose a reason",
  reasonsLoading = false,
  missingReason,
  check,
  busy,
  submitLabel,
  framed = false,
  onSubmit,
  onCancel,
  children,
}: {
  /** The form's accessible name. */
  label: string;
  reasonLabel: string;
  reasons: ReadonlyArray<{ value: TReason; label: string }>;
  placeholder?: string;
  /** The list is not there yet: the select waits. */
  reasonsLoading?: boolean;
  /** The message when no reason is chosen. */
  missingReason: string;
  /** Another message that keeps the values from being sent, or null. */
  check?: (reason: TReason, comment: string) => string | null;
  busy: boolean;
  submitLabel: string;
  /** Drawn in a bordered box (when it opens inside a card's content). */
  framed?: boolean;
  onSubmit: (reason: TReason, comment: string) => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const [reason, setReason] = useState<TReason | "">("");
  const [comment, setComment] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const message = !reason ? missingReason : (check?.(reason, comment.trim()) ?? null);
    setProblem(message);
    if (reason && message === null) {
      onSubmit(reason, comment.trim());
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === "Escape") {
      onCancel();
    } else if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
      submit();
    }
  };

  return (
    <Box
      as="form"
      display="flex"
      flexDirection="column"
      gap={2}
      onSubmit={submit}
      onKeyDown={onKeyDown}
      aria-label={label}
      {...(framed ? { padding: 3, borderWidth: 1, borderStyle: "solid", borderColor: "default1", borderRadius: 3 } : {})}
    >
      <NativeSelect
        label={reasonLabel}
        autoFocus
        value={reason}
        disabled={reasonsLoading}
        placeholder={placeholder}
        options={reasons}
        onChange={(event) => {
          setReason(event.target.value as TReason | "");
          setProblem(null);
        }}
        aria-invalid={problem !== null && !reason}
      />
      <Textarea label="Comment" value={comment} rows={2} onChange={(event) => setComment(event.target.value)} />
      {children}
      {problem ? (
        <Text size={2} color="critical1" role="alert">
          {problem}
        </Text>
      ) : null}
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
