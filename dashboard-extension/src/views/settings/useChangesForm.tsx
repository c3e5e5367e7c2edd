/**
 * The settings forms that send only what changed (notification and fulfilment settings): the draft,
 * the form's own and PodOps' field messages, "Nothing changed." when there is nothing to send, and
 * the row with the save button, its confirmation and the error.
 */
import { Box, Button, Text } from "@saleor/macaw-ui";
import { type FormEvent, useState } from "react";

import { ErrorState } from "../../components/states";
import { fieldErrors } from "./forms";
import { SavedNote } from "./Section";

export type Changes<TInput> = { ok: true; input: TInput } | { ok: false; errors: Record<string, string> };

/** What the forms need of their save mutation (a `usePodOpsMutation` taking `{ input }`). */
type Save<TInput> = { error: Error | null; reset: () => void; mutate: (variables: { input: TInput }) => void };

export function useChangesForm<TDraft, TInput extends object>({
  initial,
  changes,
  save,
  serverErrors = (byField) => byField,
}: {
  initial: () => TDraft;
  /** What to send for a draft, or the messages of the fields that cannot be sent as they are. */
  changes: (draft: TDraft) => Changes<TInput>;
  save: Save<TInput>;
  /** PodOps' messages by field, as the form shows them (e.g. under another field name). */
  serverErrors?: (byField: Record<string, string>) => Record<string, string>;
}) {
  const [draft, setDraft] = useState<TDraft>(initial);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [nothingChanged, setNothingChanged] = useState(false);
  const errors: Record<string, string> = { ...serverErrors(fieldErrors(save.error)), ...localErrors };
  const set = <K extends keyof TDraft>(key: K, value: TDraft[K]) => {
    setNothingChanged(false);
    setDraft({ ...draft, [key]: value });
  };
  /** An onChange that puts an input's text into the draft. */
  const text = (key: keyof TDraft) => (event: { target: { value: string } }) => set(key, event.target.value as never);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = changes(draft);
    if (!result.ok) {
      setLocalErrors(result.errors);
      save.reset();
      return;
    }
    setLocalErrors({});
    if (Object.keys(result.input).length === 0) {
      setNothingChanged(true);
      return;
    }
    save.mutate({ input: result.input });
  };

  return { draft, set, text, errors, submit, nothingChanged };
}

/** The save button with "Saved." or "Nothing changed." beside it, and the error when saving failed. */
export function SaveRow({
  save,
  label,
  errorTitle,
  nothingChanged,
}: {
  save: { isPending: boolean; isSuccess: boolean; isError: boolean; error: Error | null };
  label: string;
  errorTitle: string;
  nothingChanged: boolean;
}) {
  return (
    <>
      <Box display="flex" gap={3} alignItems="center">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : label}
        </Button>
        {save.isSuccess && !nothingChanged ? <SavedNote /> : null}
        {nothingChanged ? (
          <Text size={2} color="default2" role="status">
            Nothing changed.
          </Text>
        ) : null}
      </Box>
      {save.isError ? <ErrorState title={errorTitle} error={save.error} /> : null}
    </>
  );
}
