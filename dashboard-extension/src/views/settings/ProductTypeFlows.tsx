/**
 * The flow per product type (managers): a product type may have its own optional stages. Each of
 * its switches is "As the shop" (follows the flow above), on or off; a product type without an
 * override follows the shop. Overrides are added for a product type picked from the shop's in
 * Saleor, changed, and removed (PodOps removes an override whose switches all follow the shop).
 */
import { Box, Button, Text } from "@saleor/macaw-ui";
import { type FormEvent, useEffect, useState } from "react";

import { usePodOpsMutation } from "../../api/hooks";
import { Card } from "../../components/Card";
import { NativeSelect } from "../../components/NativeSelect";
import { EmptyState, ErrorState } from "../../components/states";
import { ProductTypeFlowUpdateMutation } from "../../graphql/documents";
import type { FlowSettingsInput, ProductTypeFlowFieldsFragment } from "../../graphql/generated/graphql";
import { ProductTypePicker } from "../../productTypes/ProductTypePicker";
import { type KnownProductTypes, productTypeLabel, useKnownProductTypes } from "../../productTypes/productTypes";
import { fieldErrors } from "./forms";
import { SavedNote } from "./Section";

type SwitchKey = "imageReviewEnabled" | "artworkQcEnabled" | "customerApprovalEnabled";

export const FLOW_SWITCHES: ReadonlyArray<readonly [SwitchKey, string]> = [
  ["imageReviewEnabled", "Image review"],
  ["artworkQcEnabled", "Artwork QC"],
  ["customerApprovalEnabled", "Customer approval"],
];

/** A switch of an override: "" follows the shop. */
export type SwitchChoice = "" | "on" | "off";
export type FlowDraft = Record<SwitchKey, SwitchChoice>;

/** The shop's own switches (the flow above). */
export type ShopFlow = Record<SwitchKey, boolean>;

const FOLLOW_ALL: FlowDraft = { imageReviewEnabled: "", artworkQcEnabled: "", customerApprovalEnabled: "" };

export function draftOf(override: ProductTypeFlowFieldsFragment): FlowDraft {
  const choice = (value: boolean | null | undefined): SwitchChoice => (value == null ? "" : value ? "on" : "off");
  return {
    imageReviewEnabled: choice(override.imageReviewEnabled),
    artworkQcEnabled: choice(override.artworkQcEnabled),
    customerApprovalEnabled: choice(override.customerApprovalEnabled),
  };
}

/** What PodOps is sent: null for a switch that follows the shop. */
export function inputOf(draft: FlowDraft): FlowSettingsInput {
  const value = (choice: SwitchChoice) => (choice === "" ? null : choice === "on");
  return {
    imageReviewEnabled: value(draft.imageReviewEnabled),
    artworkQcEnabled: value(draft.artworkQcEnabled),
    customerApprovalEnabled: value(draft.customerApprovalEnabled),
  };
}

const followsShop = (draft: FlowDraft) => Object.values(draft).every((choice) => choice === "");

/** "Image review: off · Artwork QC: as the shop (on)": the flow of an override in one line. */
export function describeFlow(draft: FlowDraft, shop: ShopFlow): string {
  return FLOW_SWITCHES.map(([key, label]) => `${label}: ${choiceLabel(draft[key], shop[key]).toLowerCase()}`).join(" · ");
}

function choiceLabel(choice: SwitchChoice, shopValue: boolean): string {
  return choice === "" ? `As the shop (${shopValue ? "on" : "off"})` : choice === "on" ? "On" : "Off";
}

function useOverrideUpdate() {
  return usePodOpsMutation(ProductTypeFlowUpdateMutation, (data) => data.flowSettingsUpdate?.errors);
}

export function ProductTypeFlows({ overrides, shop }: { overrides: readonly ProductTypeFlowFieldsFragment[]; shop: ShopFlow }) {
  const known = useKnownProductTypes(overrides.map((row) => row.productTypeSlug));
  const remove = useOverrideUpdate();
  const [notice, setNotice] = useState("");
  const removeOverride = (productTypeSlug: string) => {
    setNotice("");
    remove.mutate(
      { productTypeSlug, input: inputOf(FOLLOW_ALL) },
      { onSuccess: () => setNotice(`${productTypeSlug} follows the shop's flow again.`) },
    );
  };
  return (
    <Box display="flex" flexDirection="column" gap={3} data-testid="product-type-flows">
      <Box display="flex" flexDirection="column" gap={1}>
        <Text as="h3" size={5} fontWeight="bold">
          Per product type
        </Text>
        <Text size={2} color="default2">
          A product type can have its own optional stages; a stage left "As the shop" follows the switches above.
          New items start with their product type's flow; items already in production finish the stage they are in.
        </Text>
      </Box>
      {overrides.length === 0 ? (
        <EmptyState title="Every product type follows the shop">Give one its own flow below.</EmptyState>
      ) : (
        <Box as="ul" display="flex" flexDirection="column" gap={2} padding={0} margin={0} style={{ listStyle: "none" }}>
          {overrides.map((override) => (
            <OverrideRow
              key={override.productTypeSlug}
              override={override}
              shop={shop}
              known={known}
              removing={remove.isPending}
              onRemove={() => removeOverride(override.productTypeSlug)}
            />
          ))}
        </Box>
      )}
      {remove.isError ? <ErrorState title="Override not removed" error={remove.error} /> : null}
      {notice ? <SavedNote>{notice}</SavedNote> : null}
      <AddOverride overridden={overrides.map((row) => row.productTypeSlug)} shop={shop} />
    </Box>
  );
}

/** The three switches of an override, each with PodOps' (or the form's) message beside it. */
function SwitchSelects({
  idPrefix,
  draft,
  shop,
  errors,
  onChange,
}: {
  idPrefix: string;
  draft: FlowDraft;
  shop: ShopFlow;
  errors: Record<string, string>;
  onChange: (draft: FlowDraft) => void;
}) {
  return (
    <>
      {FLOW_SWITCHES.map(([key, label]) => (
        <Box key={key} __minWidth="170px">
          <NativeSelect
            id={`${idPrefix}-${key}`}
            label={label}
            value={draft[key]}
            options={(["", "on", "off"] as const).map((choice) => ({ value: choice, label: choiceLabel(choice, shop[key]) }))}
            onChange={(event) => onChange({ ...draft, [key]: event.target.value as SwitchChoice })}
            errorText={errors[key]}
          />
        </Box>
      ))}
    </>
  );
}

function OverrideRow({
  override,
  shop,
  known,
  removing,
  onRemove,
}: {
  override: ProductTypeFlowFieldsFragment;
  shop: ShopFlow;
  known: KnownProductTypes;
  removing: boolean;
  onRemove: () => void;
}) {
  const slug = override.productTypeSlug;
  const savedKey = JSON.stringify(draftOf(override));
  const [draft, setDraft] = useState<FlowDraft>(() => draftOf(override));
  const [localError, setLocalError] = useState("");
  const save = useOverrideUpdate();
  // what PodOps holds after a save (or another manager's change) is shown
  useEffect(() => setDraft(JSON.parse(savedKey) as FlowDraft), [savedKey]);
  const changed = JSON.stringify(draft) !== savedKey;
  const missing = known.isMissing(slug);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (followsShop(draft)) {
      setLocalError("Set a stage on or off, or remove the override.");
      save.reset();
      return;
    }
    setLocalError("");
    save.mutate({ productTypeSlug: slug, input: inputOf(draft) });
  };
  const errors = fieldErrors(save.error);
  return (
    <Card as="li" data-testid="flow-override" data-product-type={slug}>
      <Box
        as="form"
        display="flex"
        gap={3}
        alignItems="start"
        flexWrap="wrap"
        noValidate
        onSubmit={submit}
        aria-label={`Flow of ${slug}`}
      >
        <Box __minWidth="160px" paddingTop={5}>
          <Text size={3} fontWeight="medium" color={missing ? "critical1" : undefined} data-testid="product-type-label">
            {productTypeLabel(slug, known.nameOf(slug), missing)}
          </Text>
        </Box>
        <SwitchSelects
          idPrefix={`flow-${slug}`}
          draft={draft}
          shop={shop}
          errors={errors}
          onChange={(next) => {
            setLocalError("");
            setDraft(next);
          }}
        />
        <Box display="flex" gap={2} paddingTop={5}>
          <Button type="submit" size="small" variant="secondary" disabled={save.isPending || !changed}>
            Save
          </Button>
          <Button
            type="button"
            size="small"
            variant="tertiary"
            disabled={removing}
            aria-label={`Remove the flow of ${slug}`}
            onClick={onRemove}
          >
            Remove
          </Button>
        </Box>
      </Box>
      {localError ? (
        <Text size={2} color="critical1" role="alert">
          {localError}
        </Text>
      ) : null}
      {errors.productTypeSlug ? (
        <Text size={2} color="critical1">
          {errors.productTypeSlug}
        </Text>
      ) : null}
      {save.isError ? <ErrorState title="Override not saved" error={save.error} /> : null}
      {save.isSuccess && !changed ? <SavedNote /> : null}
    </Card>
  );
}

function AddOverride({ overridden, shop }: { overridden: readonly string[]; shop: ShopFlow }) {
  const [slug, setSlug] = useState("");
  const [draft, setDraft] = useState<FlowDraft>(FOLLOW_ALL);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState("");
  const save = useOverrideUpdate();
  const errors = { ...fieldErrors(save.error), ...localErrors };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!slug) {
      problems.productTypeSlug = "Choose a product type.";
    } else if (overridden.includes(slug)) {
      problems.productTypeSlug = "This product type has its own flow already: change it in the list.";
    }
    if (followsShop(draft)) {
      problems.switches = "Set at least one stage on or off.";
    }
    setLocalErrors(problems);
    setSaved("");
    if (Object.keys(problems).length > 0) {
      save.reset();
      return;
    }
    const productTypeSlug = slug;
    save.mutate(
      { productTypeSlug, input: inputOf(draft) },
      {
        onSuccess: () => {
          setSaved(`${productTypeSlug} has its own flow: ${describeFlow(draft, shop)}.`);
          setSlug("");
          setDraft(FOLLOW_ALL);
        },
      },
    );
  };
  return (
    <Box display="flex" flexDirection="column" gap={2}>
      <Box
        as="form"
        display="flex"
        gap={3}
        alignItems="start"
        flexWrap="wrap"
        noValidate
        onSubmit={submit}
        aria-label="Add a product type's flow"
      >
        <Box __minWidth="260px">
          <ProductTypePicker
            id="add-flow-product-type"
            label="Product type"
            value={slug}
            onChange={(next) => {
              setLocalErrors({ ...localErrors, productTypeSlug: "" });
              setSlug(next);
            }}
            errorText={errors.productTypeSlug || undefined}
          />
        </Box>
        <SwitchSelects
          idPrefix="add-flow"
          draft={draft}
          shop={shop}
          errors={errors}
          onChange={(next) => {
            setLocalErrors({ ...localErrors, switches: "" });
            setDraft(next);
          }}
        />
        <Box paddingTop={5}>
          <Button type="submit" disabled={save.isPending}>
            Add override
          </Button>
        </Box>
      </Box>
      {errors.switches ? (
        <Text size={2} color="critical1" role="alert">
          {errors.switches}
        </Text>
      ) : null}
      {save.isError ? <ErrorState title="Override not saved" error={save.error} /> : null}
      {saved ? <SavedNote>{saved}</SavedNote> : null}
    </Box>
  );
}
