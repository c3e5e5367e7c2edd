/**
 * Print specs (managers): per product type the print size and the resolutions PodOps checks customer
 * photos and artwork against (refused under the minimum DPI, flagged under the warning DPI), and the
 * shop's default for product types without their own. A new spec's product type is picked from the
 * shop's in Saleor; a listed one Saleor no longer knows says so.
 */
import { Box, Button, Chip, Text } from "@saleor/macaw-ui";
import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from "react";

import { Card } from "../../components/Card";
import { usePodOpsMutation, usePodOpsQuery } from "../../api/hooks";
import { EmptyState, ErrorState, QueryStates } from "../../components/states";
import { PrintSpecDeleteMutation, PrintSpecsQuery, PrintSpecUpdateMutation } from "../../graphql/documents";
import type { PrintSpecFieldsFragment, PrintSpecSource } from "../../graphql/generated/graphql";
import { ProductTypePicker } from "../../productTypes/ProductTypePicker";
import { productTypeLabel, useKnownProductTypes } from "../../productTypes/productTypes";
import { fieldErrors, parseDecimal, parseWholeNumber } from "./forms";
import { FieldInput, SavedNote, SettingsSection } from "./Section";

/** What a new spec starts with: the usual photo print thresholds. */
export const SUGGESTED_MIN_DPI = 150;
export const SUGGESTED_WARN_DPI = 300;

const SOURCE_LABELS: Record<PrintSpecSource, string> = {
  PRODUCT_TYPE: "Own spec",
  SHOP_DEFAULT: "Shop default",
  NONE: "Not checked",
};

function triggerKey(target: string | null | undefined): string {
  // ":" never appears in a product type slug
  return target === null ? ":shop-default" : target === "" ? ":add" : (target ?? "");
}

/** "8.00" → "8", "24.50" → "24.5" */
export function inches(value: string): string {
  return value.includes(".") ? value.replace(/\.?0+$/, "") : value;
}

export function describeSpec(spec: PrintSpecFieldsFragment): string {
  return (
    `${inches(spec.printWidthIn)} × ${inches(spec.printHeightIn)} in · ` +
    `refused under ${spec.minDpi} DPI (${spec.pixelsAtMinDpi.width} × ${spec.pixelsAtMinDpi.height} px) · ` +
    `flagged under ${spec.warnDpi} DPI (${spec.pixelsAtWarnDpi.width} × ${spec.pixelsAtWarnDpi.height} px)`
  );
}

type Draft = { slug: string; width: string; height: string; minDpi: string; warnDpi: string };

function draftOf(spec: PrintSpecFieldsFragment | null | undefined, slug = ""): Draft {
  return {
    slug,
    width: spec ? inches(spec.printWidthIn) : "",
    height: spec ? inches(spec.printHeightIn) : "",
    minDpi: String(spec?.minDpi ?? SUGGESTED_MIN_DPI),
    warnDpi: String(spec?.warnDpi ?? SUGGESTED_WARN_DPI),
  };
}

/** What the form sends, or the messages of the fields that cannot be sent as they are. */
export function specInput(draft: Draft):
  | { ok: true; input: { printWidthIn: string; printHeightIn: string; minDpi: number | null; warnDpi: number | null } }
  | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const width = parseDecimal(draft.width);
  const height = parseDecimal(draft.height);
  const minDpi = parseWholeNumber(draft.minDpi);
  const warnDpi = parseWholeNumber(draft.warnDpi);
  if (!width.ok || width.value === null) {
    errors.printWidthIn = "Enter the print width in inches.";
  }
  if (!height.ok || height.value === null) {
    errors.printHeightIn = "Enter the print height in inches.";
  }
  if (!minDpi.ok) {
    errors.minDpi = minDpi.message;
  }
  if (!warnDpi.ok) {
    errors.warnDpi = warnDpi.message;
  }
  if (!width.ok || !height.ok || !minDpi.ok || !warnDpi.ok || Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    input: {
      // sent as typed: PodOps checks the size (and refuses more than two decimals)
      printWidthIn: draft.width.trim().replace(",", "."),
      printHeightIn: draft.height.trim().replace(",", "."),
      minDpi: minDpi.value,
      warnDpi: warnDpi.value,
    },
  };
}

export function PrintSpecSettings() {
  const specs = usePodOpsQuery(PrintSpecsQuery, {});
  const known = useKnownProductTypes(specs.data?.printSpecs.productTypes.map((row) => row.productTypeSlug) ?? []);
  const remove = usePodOpsMutation(PrintSpecDeleteMutation, (data) => data.printSpecDelete?.errors);
  // undefined: nothing open; null: the shop default; "": a new product type; a slug: that one
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const [notice, setNotice] = useState("");
  // when a form closes, the button that opened it gets the focus back (keyboard users stay put)
  const section = useRef<HTMLDivElement>(null);
  const returnFocusTo = useRef<string | null>(null);
  useEffect(() => {
    if (editing === undefined && returnFocusTo.current !== null) {
      const key = returnFocusTo.current;
      returnFocusTo.current = null;
      const triggers = section.current?.querySelectorAll<HTMLElement>("[data-spec-trigger]") ?? [];
      Array.from(triggers)
        .find((trigger) => trigger.dataset.specTrigger === key)
        ?.focus();
    }
  }, [editing]);
  const done = (savedSlug?: string | null) => {
    returnFocusTo.current = triggerKey(editing);
    setEditing(undefined);
    if (savedSlug !== undefined) {
      setNotice(savedSlug === null ? "Shop default saved." : `Print spec of ${savedSlug} saved.`);
    }
  };
  const startEditing = (target: string | null) => {
    setNotice("");
    remove.reset();
    setEditing(target);
  };
  const removeSpec = (productTypeSlug: string | null) => {
    setNotice("");
    remove.mutate(
      { productTypeSlug },
      {
        onSuccess: () =>
          setNotice(productTypeSlug === null ? "Shop default removed." : `Print spec of ${productTypeSlug} removed.`),
      },
    );
  };
  return (
    <SettingsSection
      title="Print specs"
      testId="print-specs"
      description="The print size of each product type and the resolution its photos and artwork need: files printing under the minimum DPI are refused, under the warning DPI flagged. Changes apply to the checks made from now on."
    >
      <QueryStates query={specs} loadingLabel="Loading print specs…">
        {(data) => {
          const shopDefault = data.printSpecs.shopDefault;
          return (
            <Box ref={section} display="flex" flexDirection="column" gap={3}>
              <SpecCard
                data-testid="print-spec-default"
                title={
                  <Text size={3} fontWeight="medium">
                    Shop default
                  </Text>
                }
                description={
                  shopDefault ? describeSpec(shopDefault) : "Not set: product types without their own spec get no resolution check."
                }
                actions={
                  editing === null ? null : (
                    <>
                      <Button size="small" variant="secondary" data-spec-trigger=":shop-default" onClick={() => startEditing(null)}>
                        {shopDefault ? "Edit shop default" : "Set a shop default"}
                      </Button>
                      {shopDefault ? (
                        <Button
                          size="small"
                          variant="tertiary"
                          disabled={remove.isPending}
                          onClick={() => removeSpec(null)}
                        >
                          Remove shop default
                        </Button>
                      ) : null}
                    </>
                  )
                }
              >
                {editing === null ? (
                  <SpecForm
                    label="Shop default print spec"
                    productTypeSlug={null}
                    initial={draftOf(shopDefault)}
                    onDone={done}
                  />
                ) : null}
              </SpecCard>
              {data.printSpecs.productTypes.length === 0 ? (
                <EmptyState title="No product types yet">
                  Product types appear here once orders bring them, or add a spec for one below.
                </EmptyState>
              ) : (
                <Box as="ul" display="flex" flexDirection="column" gap={2} padding={0} margin={0} style={{ listStyle: "none" }}>
                  {data.printSpecs.productTypes.map((row) => (
                    <SpecCard
                      as="li"
                      key={row.productTypeSlug}
                      data-testid="print-spec-row"
                      data-product-type={row.productTypeSlug}
                      data-source={row.source}
                      title={
                        <Box display="flex" gap={2} alignItems="center">
                          <Text
                            size={3}
                            fontWeight="medium"
                            color={known.isMissing(row.productTypeSlug) ? "critical1" : undefined}
                            data-testid="product-type-label"
                          >
                            {productTypeLabel(
                              row.productTypeSlug,
                              known.nameOf(row.productTypeSlug),
                              known.isMissing(row.productTypeSlug),
                            )}
                          </Text>
                          <Chip size="small">
                            <Text size={1}>{SOURCE_LABELS[row.source]}</Text>
                          </Chip>
                        </Box>
                      }
                      description={row.spec ? describeSpec(row.spec) : "No resolution check."}
                      actions={
                        editing === row.productTypeSlug ? null : (
                          <>
                            <Button
                              size="small"
                              variant="secondary"
                              aria-label={`Edit the print spec of ${row.productTypeSlug}`}
                              data-spec-trigger={row.productTypeSlug}
                              onClick={() => startEditing(row.productTypeSlug)}
                            >
                              {row.source === "PRODUCT_TYPE" ? "Edit" : "Give it its own spec"}
                            </Button>
                            {row.source === "PRODUCT_TYPE" ? (
                              <Button
                                size="small"
                                variant="tertiary"
                                disabled={remove.isPending}
                                aria-label={`Remove the print spec of ${row.productTypeSlug}`}
                                onClick={() => removeSpec(row.productTypeSlug)}
                              >
                                {shopDefault ? "Use the shop default" : "Remove"}
                              </Button>
                            ) : null}
                          </>
                        )
                      }
                    >
                      {editing === row.productTypeSlug ? (
                        <SpecForm
                          label={`Print spec of ${row.productTypeSlug}`}
                          productTypeSlug={row.productTypeSlug}
                          initial={draftOf(row.spec, row.productTypeSlug)}
                          onDone={done}
                        />
                      ) : null}
                    </SpecCard>
                  ))}
                </Box>
              )}
              {remove.isError ? <ErrorState title="Not removed" error={remove.error} /> : null}
              {notice ? <SavedNote>{notice}</SavedNote> : null}
              {editing === "" ? (
                <SpecForm label="Add a print spec" askSlug productTypeSlug={null} initial={draftOf(null)} onDone={done} />
              ) : (
                <Box>
                  <Button variant="secondary" data-spec-trigger=":add" onClick={() => startEditing("")}>
                    Add a print spec
                  </Button>
                </Box>
              )}
            </Box>
          );
        }}
      </QueryStates>
    </SettingsSection>
  );
}

/** The shop default or a product type: what its spec is, its buttons, and its form while it is edited. */
function SpecCard({
  as,
  title,
  description,
  actions,
  children,
  ...data
}: {
  as?: "li";
  title: ReactNode;
  description: string;
  actions: ReactNode;
  children: ReactNode;
} & Record<`data-${string}`, string>) {
  return (
    <Card
      as={as}
      {...data}
    >
      <Box display="flex" justifyContent="space-between" alignItems="center" gap={3} flexWrap="wrap">
        <Box display="flex" flexDirection="column" gap={0.5}>
          {title}
          <Text size={2} color="default2">
            {description}
          </Text>
        </Box>
        {actions ? (
          <Box display="flex" gap={2}>
            {actions}
          </Box>
        ) : null}
      </Box>
      {children}
    </Card>
  );
}

function SpecForm({
  label,
  productTypeSlug,
  initial,
  askSlug = false,
  onDone,
}: {
  label: string;
  productTypeSlug: string | null;
  initial: Draft;
  askSlug?: boolean;
  /** Saved (with the product type) or cancelled (no argument). */
  onDone: (savedSlug?: string | null) => void;
}) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = usePodOpsMutation(PrintSpecUpdateMutation, (data) => data.printSpecUpdate?.errors);
  const errors = { ...fieldErrors(save.error), ...localErrors };
  const set = (key: keyof Draft) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const slug = askSlug ? draft.slug : productTypeSlug;
    const parsed = specInput(draft);
    const problems = parsed.ok ? {} : { ...parsed.errors };
    if (askSlug && !slug) {
      problems.productTypeSlug = "Choose a product type.";
    }
    setLocalErrors(problems);
    if (!parsed.ok || Object.keys(problems).length > 0) {
      save.reset();
      return;
    }
    save.mutate({ productTypeSlug: slug, input: parsed.input }, { onSuccess: () => onDone(slug) });
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    // the product type picker uses an Escape that closes its list or clears it (prevented)
    if (event.key === "Escape" && !event.defaultPrevented) {
      event.preventDefault();
      onDone();
    }
  };

  return (
    <Box
      as="form"
      aria-label={label}
      noValidate
      onSubmit={submit}
      onKeyDown={cancelOnEscape}
      display="flex"
      flexDirection="column"
      gap={2}
      data-testid="print-spec-form"
    >
      <Box display="grid" gap={2} alignItems="start" __gridTemplateColumns="repeat(auto-fit, minmax(150px, 1fr))">
        {askSlug ? (
          <ProductTypePicker
            id="print-spec-product-type"
            label="Product type"
            value={draft.slug}
            onChange={(slug) => setDraft({ ...draft, slug })}
            errorText={errors.productTypeSlug}
            autoFocus
          />
        ) : null}
        <FieldInput
          label="Width (in)"
          inputMode="decimal"
          value={draft.width}
          onChange={set("width")}
          errorText={errors.printWidthIn}
          autoFocus={!askSlug}
        />
        <FieldInput
          label="Height (in)"
          inputMode="decimal"
          value={draft.height}
          onChange={set("height")}
          errorText={errors.printHeightIn}
        />
        <FieldInput
          label="Refused under (DPI)"
          inputMode="numeric"
          value={draft.minDpi}
          onChange={set("minDpi")}
          errorText={errors.minDpi}
        />
        <FieldInput
          label="Flagged under (DPI)"
          inputMode="numeric"
          value={draft.warnDpi}
          onChange={set("warnDpi")}
          errorText={errors.warnDpi}
        />
      </Box>
      <Box display="flex" gap={2}>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save print spec"}
        </Button>
        <Button type="button" variant="tertiary" onClick={() => onDone()}>
          Cancel
        </Button>
      </Box>
      {save.isError ? <ErrorState title="Print spec not saved" error={save.error} /> : null}
    </Box>
  );
}
