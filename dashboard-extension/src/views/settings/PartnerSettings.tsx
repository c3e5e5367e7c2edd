/** Print partners (managers): who prints, how jobs reach them, on or off; Printful's key, store,
 * variants and the state of its webhooks. */
import { Box, Button, Input, Text, Textarea } from "@saleor/macaw-ui";
import { type FormEvent, useState } from "react";

import { Card } from "../../components/Card";
import { usePodOpsMutation, usePodOpsQuery } from "../../api/hooks";
import { NativeSelect } from "../../components/NativeSelect";
import { EmptyState, ErrorState, QueryStates } from "../../components/states";
import { PrintPartnerCreateMutation, PrintPartnersQuery, PrintPartnerUpdateMutation } from "../../graphql/documents";
import type { PrintPartnerKind, PrintPartnersQuery as PartnersData } from "../../graphql/generated/graphql";
import { type Parsed, parseJsonObject } from "./forms";

type Partner = PartnersData["printPartners"][number];

const KINDS: ReadonlyArray<{ value: PrintPartnerKind; label: string }> = [
  { value: "MANUAL", label: "Manual (files are downloaded and handed over)" },
  { value: "GENERIC_HTTP", label: "HTTP (jobs are posted to the partner)" },
  { value: "PRINTFUL", label: "Printful (orders through Printful's API)" },
];

const VARIANT_LINE = /^(.+?)\s*=\s*(\d+)$/;

/** "POSTER-A3 = 4012" lines → {"POSTER-A3": 4012} (blank lines skipped); a message naming the first
 * line that is not "SKU or product type = Printful variant id". */
export function parseVariantIds(text: string): Parsed<Record<string, number>> {
  const variants: Record<string, number> = {};
  const lines = text.split("\n").map((line) => line.trim());
  for (const [index, line] of lines.entries()) {
    if (!line) {
      continue;
    }
    const match = VARIANT_LINE.exec(line);
    if (!match || Number(match[2]) < 1) {
      return { ok: false, message: `Line ${index + 1}: write "SKU or product type = Printful variant id".` };
    }
    variants[match[1]!.trim()] = Number(match[2]);
  }
  return { ok: true, value: variants };
}

/** A partner's variant ids (PodOps' JSONString) as the lines `parseVariantIds` reads. */
export function variantLines(json: string | null | undefined): string {
  return Object.entries(parseJsonObject(json ?? "{}"))
    .map(([key, value]) => `${key} = ${String(value)}`)
    .join("\n");
}

function describePartner(partner: Partner): string {
  if (partner.kind === "MANUAL") {
    return "Manual";
  }
  if (partner.kind === "PRINTFUL") {
    const store = partner.printful?.storeId ? ` store ${partner.printful.storeId}` : "";
    return `Printful${store}`;
  }
  return `HTTP to ${partner.endpointUrl}`;
}

/** Whether Printful posts its statuses to PodOps: registered, refused (with Printful's reason) or
 * pending; for a partner switched off or no longer Printful: kept for its jobs in flight, removed,
 * or not removed (with the reason). */
export function printfulWebhookState(partner: Partner): { ok: boolean; text: string } | null {
  if (partner.kind !== "PRINTFUL" || !partner.isActive) {
    return printfulWebhookRemovalState(partner);
  }
  if (partner.webhookRegistrationError) {
    return { ok: false, text: `Printful webhooks not registered: ${partner.webhookRegistrationError}` };
  }
  if (partner.webhookRegisteredAt) {
    return { ok: true, text: "Printful sends its order updates to PodOps." };
  }
  return { ok: true, text: "Registering PodOps' webhook with Printful…" };
}

function printfulWebhookRemovalState(partner: Partner): { ok: boolean; text: string } | null {
  if (partner.webhookRemovalError) {
    return { ok: false, text: `Printful webhook not removed: ${partner.webhookRemovalError}` };
  }
  if (partner.webhookRegisteredAt) {
    return partner.kind === "PRINTFUL"
      ? { ok: true, text: "Printful still sends updates on the jobs it has; its webhook is removed when they are done." }
      : { ok: true, text: "Removing PodOps' webhook from Printful…" };
  }
  if (partner.webhookRemovedAt) {
    return { ok: true, text: "Printful no longer sends its order updates to PodOps." };
  }
  return null;
}

/** The input that saves a partner as it is, with `changes` on top (secrets are kept by leaving them out). */
function partnerInput(partner: Partner, changes: Record<string, unknown>) {
  return {
    name: partner.name,
    kind: partner.kind,
    endpointUrl: partner.endpointUrl,
    ratePerMinute: partner.ratePerMinute,
    burst: partner.burst,
    isActive: partner.isActive,
    ...changes,
  };
}

export function PartnerSettings() {
  const partners = usePodOpsQuery(PrintPartnersQuery, {});
  const update = usePodOpsMutation(PrintPartnerUpdateMutation, (data) => data.printPartnerUpdate?.errors);
  return (
    <Box display="flex" flexDirection="column" gap={3} data-testid="partner-settings">
      <Text as="h2" size={6} fontWeight="bold">
        Print partners
      </Text>
      <QueryStates
        query={partners}
        loadingLabel="Loading partners…"
        isEmpty={(data) => data.printPartners.length === 0}
        empty={<EmptyState title="No print partner yet">Add the first one below.</EmptyState>}
      >
        {(data) => (
          <Box display="flex" flexDirection="column" gap={2}>
            {data.printPartners.map((partner) => (
              <PartnerRow
                key={partner.id}
                partner={partner}
                busy={update.isPending}
                save={(changes) => update.mutate({ id: partner.id, input: partnerInput(partner, changes) })}
              />
            ))}
          </Box>
        )}
      </QueryStates>
      {update.isError ? <ErrorState title="Not saved" error={update.error} /> : null}
      <AddPartner />
    </Box>
  );
}

function PartnerRow({ partner, busy, save }: { partner: Partner; busy: boolean; save: (changes: Record<string, unknown>) => void }) {
  const [editing, setEditing] = useState(false);
  const webhooks = printfulWebhookState(partner);
  return (
    <Card
      data-testid="partner-row"
    >
      <Box display="flex" justifyContent="space-between" alignItems="center" gap={3}>
        <Box display="flex" flexDirection="column" gap={0.5}>
          <Text size={3} fontWeight="medium">
            {partner.name} {partner.isActive ? "" : "(off)"}
          </Text>
          <Text size={1} color="default2">
            {describePartner(partner)}
            {partner.webhookUrl ? ` · statuses to ${partner.webhookUrl}` : ""}
          </Text>
          {webhooks ? (
            <Text size={1} color={webhooks.ok ? "default2" : "critical1"} data-testid="printful-webhooks">
              {webhooks.text}
            </Text>
          ) : null}
        </Box>
        <Box display="flex" gap={2}>
          {partner.kind === "PRINTFUL" ? (
            <Button size="small" variant="secondary" onClick={() => setEditing(!editing)}>
              {editing ? "Close" : "Printful settings"}
            </Button>
          ) : null}
          <Button size="small" variant="secondary" disabled={busy} onClick={() => save({ isActive: !partner.isActive })}>
            {partner.isActive ? "Switch off" : "Switch on"}
          </Button>
        </Box>
      </Box>
      {editing ? <PrintfulSettingsForm partner={partner} busy={busy} save={save} /> : null}
    </Card>
  );
}

function PrintfulSettingsForm({ partner, busy, save }: { partner: Partner; busy: boolean; save: (changes: Record<string, unknown>) => void }) {
  const [variants, setVariants] = useState(variantLines(partner.printful?.variantIds));
  const [apiKey, setApiKey] = useState("");
  const [problem, setProblem] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseVariantIds(variants);
    if (!parsed.ok) {
      setProblem(parsed.message);
      return;
    }
    setProblem("");
    save({
      ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
      printful: {
        storeId: partner.printful?.storeId ?? "",
        variantIds: JSON.stringify(parsed.value),
        filePlacements: partner.printful?.filePlacements ?? "{}",
        shippingMethods: partner.printful?.shippingMethods ?? "{}",
      },
    });
    setApiKey("");
  };
  return (
    <Box as="form" display="flex" flexDirection="column" gap={2} onSubmit={submit} aria-label={`Printful settings of ${partner.name}`}>
      <Textarea
        label="Printful variants (one per line: SKU or product type = variant id)"
        rows={4}
        value={variants}
        onChange={(event) => setVariants(event.target.value)}
      />
      <Input label="New API key (empty: keep the stored one)" type="password" value={apiKey} onChange={(event) => setApiKey(event.target.value)} />
      {problem ? (
        <Text size={2} color="critical1" role="alert">
          {problem}
        </Text>
      ) : null}
      <Box display="flex" gap={2}>
        <Button type="submit" disabled={busy}>
          Save Printful settings
        </Button>
        <Button type="button" variant="secondary" disabled={busy} onClick={() => save({ rotateWebhookToken: true })}>
          New webhook URL
        </Button>
      </Box>
    </Box>
  );
}

function AddPartner() {
  const create = usePodOpsMutation(PrintPartnerCreateMutation, (data) => data.printPartnerCreate?.errors);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<PrintPartnerKind>("MANUAL");
  const [endpointUrl, setEndpointUrl] = useState("");
  const [secret, setSecret] = useState("");
  const [apiKey, setApiKey] = useState("");
  const [storeId, setStoreId] = useState("");
  const [variants, setVariants] = useState("");
  const [problem, setProblem] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    let kindInput: Record<string, unknown> = {};
    if (kind === "GENERIC_HTTP") {
      kindInput = { endpointUrl: endpointUrl.trim(), secret };
    } else if (kind === "PRINTFUL") {
      const parsed = parseVariantIds(variants);
      if (!parsed.ok) {
        setProblem(parsed.message);
        return;
      }
      kindInput = { apiKey: apiKey.trim(), printful: { storeId: storeId.trim(), variantIds: JSON.stringify(parsed.value) } };
    }
    setProblem("");
    create.mutate(
      { input: { name: name.trim(), kind, ...kindInput } },
      {
        onSuccess: () => {
          for (const reset of [setName, setEndpointUrl, setSecret, setApiKey, setStoreId, setVariants]) {
            reset("");
          }
        },
      },
    );
  };
  return (
    <Box as="form" display="flex" flexDirection="column" gap={2} onSubmit={submit} aria-label="Add a print partner">
      <Box display="flex" gap={2} alignItems="end" flexWrap="wrap">
        <Input label="Partner name" value={name} onChange={(event) => setName(event.target.value)} />
        <NativeSelect
          id="partner-kind"
          label="How jobs reach them"
          value={kind}
          options={KINDS}
          onChange={(event) => setKind(event.target.value as PrintPartnerKind)}
        />
        {kind === "GENERIC_HTTP" ? (
          <>
            <Input label="Endpoint URL" value={endpointUrl} onChange={(event) => setEndpointUrl(event.target.value)} />
            <Input label="Shared secret" type="password" value={secret} onChange={(event) => setSecret(event.target.value)} />
          </>
        ) : null}
        {kind === "PRINTFUL" ? (
          <>
            <Input label="Printful API key" type="password" value={apiKey} onChange={(event) => setApiKey(event.target.value)} />
            <Input label="Printful store id (account tokens)" value={storeId} onChange={(event) => setStoreId(event.target.value)} />
          </>
        ) : null}
        <Button type="submit" disabled={!name.trim() || create.isPending}>
          Add partner
        </Button>
      </Box>
      {kind === "PRINTFUL" ? (
        <Textarea
          label="Printful variants (one per line: SKU or product type = variant id)"
          rows={3}
          value={variants}
          onChange={(event) => setVariants(event.target.value)}
        />
      ) : null}
      {problem ? (
        <Text size={2} color="critical1" role="alert">
          {problem}
        </Text>
      ) : null}
      {create.isError ? <ErrorState title="Partner not added" error={create.error} /> : null}
    </Box>
  );
}
