/** Print partners (managers): who prints, how jobs reach them, on or off. */
import { Box, Button, Input, Text } from "@saleor/macaw-ui";
import { type FormEvent, useState } from "react";

import { usePodOpsMutation, usePodOpsQuery } from "../../api/hooks";
import { NativeSelect } from "../../components/NativeSelect";
import { EmptyState, ErrorState, QueryStates } from "../../components/states";
import { PrintPartnerCreateMutation, PrintPartnersQuery, PrintPartnerUpdateMutation } from "../../graphql/documents";
import type { PrintPartnerKind } from "../../graphql/generated/graphql";

const KINDS: ReadonlyArray<{ value: PrintPartnerKind; label: string }> = [
  { value: "MANUAL", label: "Manual (files are downloaded and handed over)" },
  { value: "GENERIC_HTTP", label: "HTTP (jobs are posted to the partner)" },
];

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
              <Box
                key={partner.id}
                display="flex"
                justifyContent="space-between"
                alignItems="center"
                gap={3}
                padding={3}
                borderWidth={1}
                borderStyle="solid"
                borderColor="default1"
                borderRadius={4}
                data-testid="partner-row"
              >
                <Box display="flex" flexDirection="column" gap={0.5}>
                  <Text size={3} fontWeight="medium">
                    {partner.name} {partner.isActive ? "" : "(off)"}
                  </Text>
                  <Text size={1} color="default2">
                    {partner.kind === "MANUAL" ? "Manual" : `HTTP to ${partner.endpointUrl}`}
                    {partner.webhookUrl ? ` · statuses to ${partner.webhookUrl}` : ""}
                  </Text>
                </Box>
                <Button
                  size="small"
                  variant="secondary"
                  disabled={update.isPending}
                  onClick={() =>
                    update.mutate({
                      id: partner.id,
                      input: {
                        name: partner.name,
                        kind: partner.kind,
                        endpointUrl: partner.endpointUrl,
                        ratePerMinute: partner.ratePerMinute,
                        burst: partner.burst,
                        isActive: !partner.isActive,
                      },
                    })
                  }
                >
                  {partner.isActive ? "Switch off" : "Switch on"}
                </Button>
              </Box>
            ))}
          </Box>
        )}
      </QueryStates>
      {update.isError ? <ErrorState title="Not saved" error={update.error} /> : null}
      <AddPartner />
    </Box>
  );
}

function AddPartner() {
  const create = usePodOpsMutation(PrintPartnerCreateMutation, (data) => data.printPartnerCreate?.errors);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<PrintPartnerKind>("MANUAL");
  const [endpointUrl, setEndpointUrl] = useState("");
  const [secret, setSecret] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        input: {
          name: name.trim(),
          kind,
          ...(kind === "GENERIC_HTTP" ? { endpointUrl: endpointUrl.trim(), secret } : {}),
        },
      },
      {
        onSuccess: () => {
          setName("");
          setEndpointUrl("");
          setSecret("");
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
        <Button type="submit" disabled={!name.trim() || create.isPending}>
          Add partner
        </Button>
      </Box>
      {create.isError ? <ErrorState title="Partner not added" error={create.error} /> : null}
    </Box>
  );
}
