/**
 * Fulfilment settings (managers): the grace window before anything is sent, what makes an item
 * urgent (express shipping, order value, SLA hours per stage), batches, QA and print methods, the
 * default partner and the fallback warehouse. Only the settings changed are sent. The product types
 * (always checked after printing, print methods) are picked from the shop's in Saleor.
 */
import { Box, Button, Input, Text } from "@saleor/macaw-ui";

import { usePodOpsMutation, usePodOpsQuery } from "../../api/hooks";
import { NativeSelect } from "../../components/NativeSelect";
import { QueryStates } from "../../components/states";
import { STAGE_LABELS, WORK_STAGES } from "../../format/stages";
import { FulfilmentSettingsQuery, FulfilmentSettingsUpdateMutation } from "../../graphql/documents";
import { ProductTypePicker, ProductTypesPicker } from "../../productTypes/ProductTypePicker";
import { useKnownProductTypes } from "../../productTypes/productTypes";
import type {
  FulfilmentSettingsFieldsFragment as Settings,
  FulfilmentSettingsInput,
  FulfilmentSettingsQuery as SettingsResult,
} from "../../graphql/generated/graphql";
import { changedEntries, parseDecimal, parseJsonObject, parseList, parseWholeNumber, wholeNumberReader } from "./forms";
import { FieldGroup, FieldInput, SettingsSection } from "./Section";
import { type Changes, SaveRow, useChangesForm } from "./useChangesForm";

/** The stages an SLA can be set for: every stage until the item ships, in order. */
export const SLA_STAGES = WORK_STAGES;

type MethodRow = { productType: string; method: string };

export type FulfilmentDraft = {
  graceMinutes: string;
  spotCheckPercent: string;
  qaProductTypes: string[];
  batchMaxItems: string;
  expressShippingMethods: string;
  highValueThreshold: string;
  dueSoonHours: string;
  slaHours: Record<string, string>;
  printMethods: MethodRow[];
  defaultPartner: string;
  fallbackWarehouseId: string;
};

export function fulfilmentDraft(settings: Settings): FulfilmentDraft {
  const sla = parseJsonObject(settings.slaHours);
  const methods = parseJsonObject(settings.printMethods);
  return {
    graceMinutes: String(settings.graceMinutes),
    spotCheckPercent: String(settings.spotCheckPercent),
    qaProductTypes: [...settings.qaProductTypes],
    batchMaxItems: String(settings.batchMaxItems),
    expressShippingMethods: settings.expressShippingMethods.join(", "),
    highValueThreshold: settings.highValueThreshold === null ? "" : String(settings.highValueThreshold),
    dueSoonHours: String(settings.dueSoonHours),
    slaHours: Object.fromEntries(SLA_STAGES.map((stage) => [stage, sla[stage] === undefined ? "" : String(sla[stage])])),
    printMethods: Object.entries(methods).map(([productType, method]) => ({ productType, method: String(method) })),
    defaultPartner: settings.defaultPartnerId ?? "",
    fallbackWarehouseId: settings.fallbackWarehouseId,
  };
}

type Fields = {
  graceMinutes: number;
  spotCheckPercent: number;
  qaProductTypes: string[];
  batchMaxItems: number;
  expressShippingMethods: string[];
  highValueThreshold: number | null;
  dueSoonHours: number;
  slaHours: Record<string, number>;
  printMethods: Record<string, string>;
  defaultPartner: string | null;
  fallbackWarehouseId: string;
};

function asFields(draft: FulfilmentDraft): { ok: true; fields: Fields } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const whole = wholeNumberReader(errors);
  const percent = parseDecimal(draft.spotCheckPercent);
  if (!percent.ok || percent.value === null) {
    errors.spotCheckPercent = "Enter a number (percent).";
  }
  const threshold = parseDecimal(draft.highValueThreshold);
  if (!threshold.ok) {
    errors.highValueThreshold = "Enter an amount, or leave it empty for none.";
  }
  const slaHours: Record<string, number> = {};
  for (const stage of SLA_STAGES) {
    const parsed = parseWholeNumber(draft.slaHours[stage] ?? "");
    if (!parsed.ok) {
      errors[`sla-${stage}`] = "Whole hours, or empty for no target.";
    } else if (parsed.value !== null) {
      slaHours[stage] = parsed.value;
    }
  }
  const printMethods: Record<string, string> = {};
  draft.printMethods.forEach((row, index) => {
    const productType = row.productType.trim();
    const method = row.method.trim();
    if (!productType && !method) {
      return;
    }
    if (!productType || !method) {
      errors[`method-${index}`] = "Give both the product type and its print method.";
    } else {
      printMethods[productType] = method;
    }
  });
  const fields: Fields = {
    graceMinutes: whole("graceMinutes", draft.graceMinutes),
    spotCheckPercent: percent.ok && percent.value !== null ? percent.value : 0,
    qaProductTypes: [...new Set(draft.qaProductTypes)],
    batchMaxItems: whole("batchMaxItems", draft.batchMaxItems),
    expressShippingMethods: parseList(draft.expressShippingMethods),
    highValueThreshold: threshold.ok ? threshold.value : null,
    dueSoonHours: whole("dueSoonHours", draft.dueSoonHours),
    slaHours,
    printMethods,
    defaultPartner: draft.defaultPartner || null,
    fallbackWarehouseId: draft.fallbackWarehouseId.trim(),
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, fields };
}

/** What to send for a draft: only the settings that changed (objects as PodOps' JSON strings). */
export function fulfilmentChanges(
  current: Settings,
  draft: FulfilmentDraft,
): Changes<FulfilmentSettingsInput> {
  const after = asFields(draft);
  if (!after.ok) {
    return after;
  }
  const before = asFields(fulfilmentDraft(current));
  const changed = before.ok ? changedEntries(before.fields, after.fields) : after.fields;
  const input: FulfilmentSettingsInput = {};
  for (const [key, value] of Object.entries(changed)) {
    if (key === "slaHours" || key === "printMethods") {
      input[key] = JSON.stringify(value);
    } else {
      (input as Record<string, unknown>)[key] = value;
    }
  }
  return { ok: true, input };
}

function useFulfilmentSave() {
  return usePodOpsMutation(FulfilmentSettingsUpdateMutation, (data) => data.fulfilmentSettingsUpdate?.errors);
}

export function FulfilmentSettings() {
  const settings = usePodOpsQuery(FulfilmentSettingsQuery, {});
  const save = useFulfilmentSave();
  return (
    <SettingsSection
      title="Fulfilment settings"
      testId="fulfilment-settings"
      description="How long approved work waits before it may be sent, what makes it urgent, how it is batched and checked."
    >
      <QueryStates query={settings} loadingLabel="Loading fulfilment settings…">
        {(data) => (
          <FulfilmentForm
            key={JSON.stringify(data.fulfilmentSettings)}
            settings={data.fulfilmentSettings}
            partners={data.printPartners}
            save={save}
          />
        )}
      </QueryStates>
    </SettingsSection>
  );
}

function FulfilmentForm({
  settings,
  partners,
  save,
}: {
  settings: Settings;
  partners: SettingsResult["printPartners"];
  save: ReturnType<typeof useFulfilmentSave>;
}) {
  const { draft, set, text, errors, submit, nothingChanged } = useChangesForm({
    initial: () => fulfilmentDraft(settings),
    changes: (current: FulfilmentDraft) => fulfilmentChanges(settings, current),
    save,
  });
  // one question to Saleor for every product type the settings name
  const known = useKnownProductTypes([...settings.qaProductTypes, ...Object.keys(parseJsonObject(settings.printMethods))]);
  const setMethod = (index: number, row: MethodRow) =>
    set(
      "printMethods",
      draft.printMethods.map((current, i) => (i === index ? row : current)),
    );

  const partnerOptions = partners.map((partner) => ({
    value: partner.id,
    label: partner.isActive ? partner.name : `${partner.name} (off)`,
  }));
  const field = (name: keyof FulfilmentDraft & string, label: string, help?: string, inputMode: "numeric" | "decimal" | "text" = "numeric") => (
    <FieldInput
      label={label}
      inputMode={inputMode}
      value={draft[name] as string}
      onChange={text(name)}
      errorText={errors[name]}
      help={help}
    />
  );

  return (
    <Box as="form" aria-label="Fulfilment settings" noValidate onSubmit={submit} display="flex" flexDirection="column" gap={4}>
      <Box display="grid" gap={3} __gridTemplateColumns="repeat(auto-fit, minmax(220px, 1fr))" alignItems="start">
        {field("graceMinutes", "Grace window (minutes)", "Nothing is sent before it ends: a cancellation still stops the item")}
        {field("batchMaxItems", "Items per batch at most")}
        {field("spotCheckPercent", "Spot-check share (%)", "Of the items not always checked", "decimal")}
        <ProductTypesPicker
          id="fulfilment-qa-product-types"
          label="Always checked after printing"
          value={draft.qaProductTypes}
          onChange={(slugs) => set("qaProductTypes", slugs)}
          known={known}
          errorText={errors.qaProductTypes}
        />
      </Box>

      <FieldGroup legend="Priority">
        <Box display="grid" gap={3} __gridTemplateColumns="repeat(auto-fit, minmax(220px, 1fr))" alignItems="start">
          {field("expressShippingMethods", "Express shipping methods", "Saleor shipping method names, separated by commas", "text")}
          {field("highValueThreshold", "High order value from", "Empty: no value rule", "decimal")}
          {field("dueSoonHours", "Due soon within (hours)")}
        </Box>
      </FieldGroup>

      <FieldGroup legend="SLA targets (hours per stage)">
        {errors.slaHours ? (
          <Text size={2} color="critical1">
            {errors.slaHours}
          </Text>
        ) : null}
        <Box display="grid" gap={2} __gridTemplateColumns="repeat(auto-fill, minmax(160px, 1fr))" alignItems="start">
          {SLA_STAGES.map((stage) => (
            <FieldInput
              key={stage}
              label={STAGE_LABELS[stage]}
              aria-label={`SLA hours for ${STAGE_LABELS[stage]}`}
              inputMode="numeric"
              value={draft.slaHours[stage] ?? ""}
              onChange={(event) => set("slaHours", { ...draft.slaHours, [stage]: event.target.value })}
              errorText={errors[`sla-${stage}`]}
            />
          ))}
        </Box>
      </FieldGroup>

      <FieldGroup legend="Print methods">
        <Text size={2} color="default2">
          Batches group items by product type, print method and destination.
        </Text>
        {errors.printMethods ? (
          <Text size={2} color="critical1">
            {errors.printMethods}
          </Text>
        ) : null}
        {draft.printMethods.map((row, index) => (
          <Box key={index} display="flex" gap={2} alignItems="start" flexWrap="wrap" data-testid="print-method-row">
            <Box __minWidth="260px">
              <ProductTypePicker
                id={`print-method-product-type-${index}`}
                label="Product type"
                value={row.productType}
                onChange={(slug) => setMethod(index, { ...row, productType: slug })}
                known={known}
                errorText={errors[`method-${index}`]}
              />
            </Box>
            <Input label="Print method" value={row.method} onChange={(event) => setMethod(index, { ...row, method: event.target.value })} />
            <Button
              type="button"
              variant="tertiary"
              size="small"
              aria-label={`Remove the print method of ${row.productType || "this row"}`}
              onClick={() =>
                set(
                  "printMethods",
                  draft.printMethods.filter((_, i) => i !== index),
                )
              }
            >
              Remove
            </Button>
          </Box>
        ))}
        <Box>
          <Button type="button" variant="secondary" size="small" onClick={() => set("printMethods", [...draft.printMethods, { productType: "", method: "" }])}>
            Add print method
          </Button>
        </Box>
      </FieldGroup>

      <Box display="grid" gap={3} __gridTemplateColumns="repeat(auto-fit, minmax(220px, 1fr))" alignItems="start">
        <Box display="flex" flexDirection="column" gap={1}>
          <NativeSelect
            id="fulfilment-default-partner"
            label="Default print partner"
            value={draft.defaultPartner}
            placeholder="None"
            options={partnerOptions}
            onChange={(event) => set("defaultPartner", event.target.value)}
          />
          {errors.defaultPartner ? (
            <Text size={2} color="critical1">
              {errors.defaultPartner}
            </Text>
          ) : null}
        </Box>
        {field("fallbackWarehouseId", "Fallback warehouse (Saleor id)", "For lines without an allocation", "text")}
      </Box>

      <SaveRow
        save={save}
        label="Save fulfilment settings"
        errorTitle="Fulfilment settings not saved"
        nothingChanged={nothingChanged}
      />
    </Box>
  );
}
