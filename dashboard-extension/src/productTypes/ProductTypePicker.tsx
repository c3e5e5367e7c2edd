/**
 * Searchable pickers of the shop's product types (macaw's DynamicCombobox and DynamicMultiselect):
 * Saleor is asked once the person focuses the field and as they type (name or slug). The value is
 * the slug PodOps' settings are keyed by. A saved slug Saleor no longer knows is still shown, as
 * "slug (not in Saleor)", and can be removed or kept.
 */
import { DynamicCombobox, DynamicMultiselect } from "@saleor/macaw-ui";
import { useMemo, useState } from "react";

import { describeError } from "../api/errors";
import { type KnownProductTypes, NOTHING_KNOWN, productTypeLabel, useProductTypeSearch } from "./productTypes";

type Option = { value: string; label: string };

type CommonProps = {
  id: string;
  label: string;
  /** What Saleor says of the saved slugs (`useKnownProductTypes` of the section's saved values). */
  known?: KnownProductTypes;
  /** The form's or PodOps' message for the field. */
  errorText?: string;
  disabled?: boolean;
  autoFocus?: boolean;
};

/** The search, and the labels of the slugs picked from it (Saleor's names, before any lookup). */
function usePicker(known: KnownProductTypes) {
  const [text, setText] = useState("");
  const [asked, setAsked] = useState(false);
  const [picked, setPicked] = useState<ReadonlyMap<string, string>>(new Map());
  const search = useProductTypeSearch(text, asked);
  const options: Option[] = search.types.map((type) => ({ value: type.slug, label: productTypeLabel(type.slug, type.name) }));
  /** Keep the labels of the slugs just picked from the options (Saleor's names). */
  const remember = (slugs: readonly string[]) => {
    const found = options.filter((option) => slugs.includes(option.value));
    if (found.length > 0) {
      setPicked(new Map([...picked, ...found.map((option) => [option.value, option.label] as const)]));
    }
  };
  const labelOf = (slug: string) => picked.get(slug) ?? productTypeLabel(slug, known.nameOf(slug), known.isMissing(slug));
  const saleorProblem = search.error ?? known.error;
  return {
    options,
    loading: search.loading,
    remember,
    labelOf,
    problem: saleorProblem ? describeError(saleorProblem) : undefined,
    inputProps: { onFocus: () => setAsked(true), onInputValueChange: setText },
  };
}

const LOCALE = { loadingText: "Asking Saleor…", placeholderText: "Search product types" };
const NO_MATCH = "No product type in Saleor matches.";

/** One product type (`""`: none yet). */
export function ProductTypePicker({
  value,
  onChange,
  known = NOTHING_KNOWN,
  errorText,
  ...props
}: CommonProps & { value: string; onChange: (slug: string) => void }) {
  const picker = usePicker(known);
  const message = errorText ?? picker.problem;
  const label = value ? picker.labelOf(value) : "";
  // the same object while the choice is the same: downshift puts a new one's label into the input
  const selected = useMemo(() => (value ? { value, label } : null), [value, label]);
  return (
    <DynamicCombobox
      {...props}
      {...picker.inputProps}
      value={selected}
      options={picker.options}
      loading={picker.loading}
      locale={LOCALE}
      onChange={(option: Option | null) => {
        picker.remember(option ? [option.value] : []);
        onChange(option?.value ?? "");
      }}
      error={Boolean(message)}
      aria-invalid={message ? true : undefined}
      helperText={message}
    >
      <DynamicCombobox.NoOptions>{NO_MATCH}</DynamicCombobox.NoOptions>
    </DynamicCombobox>
  );
}

/** Several product types: a chip per slug (✕ or Backspace removes it). */
export function ProductTypesPicker({
  value,
  onChange,
  known = NOTHING_KNOWN,
  errorText,
  ...props
}: CommonProps & { value: readonly string[]; onChange: (slugs: string[]) => void }) {
  const picker = usePicker(known);
  const message = errorText ?? picker.problem;
  // the same chips while the slugs and their labels are the same
  const chipsKey = JSON.stringify(value.map((slug) => ({ value: slug, label: picker.labelOf(slug) })));
  const selected = useMemo(() => JSON.parse(chipsKey) as Option[], [chipsKey]);
  return (
    <DynamicMultiselect
      {...props}
      {...picker.inputProps}
      value={selected}
      options={picker.options}
      loading={picker.loading}
      locale={LOCALE}
      onChange={(options: Option[]) => {
        const slugs = [...new Set(options.map((option) => option.value))];
        picker.remember(slugs);
        onChange(slugs);
      }}
      error={Boolean(message)}
      aria-invalid={message ? true : undefined}
      helperText={message}
    >
      <DynamicMultiselect.NoOptions>{NO_MATCH}</DynamicMultiselect.NoOptions>
    </DynamicMultiselect>
  );
}
