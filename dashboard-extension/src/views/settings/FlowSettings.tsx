/** Which optional stages are on, for the shop and per product type, and the rejection reasons (managers). */
import { Box, Button, Checkbox, Input, Text } from "@saleor/macaw-ui";
import { useEffect, useState } from "react";

import { usePodOpsMutation, usePodOpsQuery } from "../../api/hooks";
import { ErrorState, QueryStates } from "../../components/states";
import { FlowSettingsQuery, FlowSettingsUpdateMutation, ReasonCodesUpdateMutation } from "../../graphql/documents";
import type { FlowSettingsQuery as FlowResult } from "../../graphql/generated/graphql";
import { ProductTypeFlows } from "./ProductTypeFlows";

const SWITCHES = [
  ["imageReviewEnabled", "Image review of customer photos"],
  ["artworkQcEnabled", "Artwork QC"],
  ["customerApprovalEnabled", "Customer approval of the artwork"],
] as const;

export type ReasonRow = { code: string; label: string };

/** "Too blurry!" → "TOO_BLURRY": the code PodOps wants (UPPER_SNAKE_CASE). */
export function reasonCodeFromLabel(label: string): string {
  return label
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/[\s-]+/g, "_")
    .toUpperCase();
}

export function FlowSettings() {
  const flow = usePodOpsQuery(FlowSettingsQuery, {});
  return (
    <QueryStates query={flow} loadingLabel="Loading the flow…">
      {(data) => (
        <Box display="flex" flexDirection="column" gap={6}>
          <Box display="flex" flexDirection="column" gap={4}>
            <StageSwitches flow={data.flowSettings} />
            <ProductTypeFlows overrides={data.flowSettings.productTypes} shop={data.flowSettings} />
          </Box>
          <ReasonCodes reasons={data.reasonCodes} />
        </Box>
      )}
    </QueryStates>
  );
}

function StageSwitches({ flow }: { flow: FlowResult["flowSettings"] }) {
  const update = usePodOpsMutation(FlowSettingsUpdateMutation, (data) => data.flowSettingsUpdate?.errors);
  return (
    <Box display="flex" flexDirection="column" gap={2} data-testid="flow-settings">
      <Text as="h2" size={6} fontWeight="bold">
        Flow
      </Text>
      {SWITCHES.map(([key, label]) => (
        <Checkbox
          key={key}
          checked={flow[key]}
          disabled={update.isPending}
          onCheckedChange={(checked) => update.mutate({ input: { [key]: checked === true } })}
        >
          <Text size={3}>{label}</Text>
        </Checkbox>
      ))}
      {update.isError ? <ErrorState title="Not saved" error={update.error} /> : null}
    </Box>
  );
}

function ReasonCodes({ reasons }: { reasons: FlowResult["reasonCodes"] }) {
  const active = reasons.filter((reason) => reason.isActive).map(({ code, label }) => ({ code, label }));
  const [rows, setRows] = useState<ReasonRow[]>(active);
  const update = usePodOpsMutation(ReasonCodesUpdateMutation, (data) => data.reasonCodesUpdate?.errors);
  const activeKey = JSON.stringify(active);
  useEffect(() => setRows(JSON.parse(activeKey) as ReasonRow[]), [activeKey]);
  const changed = JSON.stringify(rows) !== activeKey;
  const setRow = (index: number, row: ReasonRow) => setRows(rows.map((current, i) => (i === index ? row : current)));
  return (
    <Box display="flex" flexDirection="column" gap={2} data-testid="reason-codes">
      <Text as="h2" size={6} fontWeight="bold">
        Rejection reasons
      </Text>
      {rows.map((row, index) => (
        <Box key={index} display="flex" gap={2} alignItems="end">
          <Input
            label="Label"
            value={row.label}
            onChange={(event) =>
              setRow(index, {
                label: event.target.value,
                code: row.code && row.code !== reasonCodeFromLabel(row.label) ? row.code : reasonCodeFromLabel(event.target.value),
              })
            }
          />
          <Input label="Code" value={row.code} onChange={(event) => setRow(index, { ...row, code: event.target.value.toUpperCase() })} />
          <Button variant="tertiary" size="small" onClick={() => setRows(rows.filter((_, i) => i !== index))}>
            Remove
          </Button>
        </Box>
      ))}
      <Box display="flex" gap={2}>
        <Button variant="secondary" onClick={() => setRows([...rows, { code: "", label: "" }])}>
          Add reason
        </Button>
        <Button disabled={!changed || update.isPending} onClick={() => update.mutate({ codes: rows.filter((row) => row.code && row.label) })}>
          {update.isPending ? "Saving…" : "Save reasons"}
        </Button>
      </Box>
      {update.isError ? <ErrorState title="Not saved" error={update.error} /> : null}
    </Box>
  );
}
