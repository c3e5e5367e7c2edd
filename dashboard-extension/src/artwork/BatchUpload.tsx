/**
 * Batch artwork upload for artists: drop many files named after their items; a dry run shows which
 * item each file goes to (green) or why not (red); then the matched files upload one by one, each
 * with its progress bar and its own green or red banner.
 */
import { Box, Button, Text } from "@saleor/macaw-ui";
import { useState } from "react";

import { ErrorState, LoadingState } from "../components/states";
import { describePrintCheck } from "./printCheck";
import { FileDropZone } from "./FileDropZone";
import { type FileUploadState, UploadOutcome } from "./UploadOutcome";
import { type DryRunFileResult, pairResults, percentOf, useArtworkUploads } from "./uploads";

type Checked = Array<{ file: File; result: DryRunFileResult | undefined }>;

type Phase =
  | { name: "idle" }
  | { name: "checking"; files: File[] }
  | { name: "check-failed"; files: File[]; error: unknown }
  | { name: "checked"; rows: Checked }
  | { name: "uploading" | "finished"; rows: Checked; states: Record<number, FileUploadState> };

export function isMatched(result: DryRunFileResult | undefined): result is DryRunFileResult & { item: NonNullable<DryRunFileResult["item"]> } {
  return result?.outcome === "MATCHED" && Boolean(result.item);
}

export function BatchUpload() {
  const uploads = useArtworkUploads();
  const [phase, setPhase] = useState<Phase>({ name: "idle" });

  const check = async (files: File[]) => {
    setPhase({ name: "checking", files });
    try {
      const results = await uploads.dryRun(files);
      setPhase({ name: "checked", rows: pairResults(files, results) });
    } catch (error) {
      setPhase({ name: "check-failed", files, error });
    }
  };

  const uploadMatched = async (rows: Checked) => {
    const states: Record<number, FileUploadState> = {};
    rows.forEach(({ result }, index) => {
      states[index] = isMatched(result)
        ? { phase: "waiting" }
        : {
            phase: "failed",
            message: `${result?.message || "Not matched to an item."}${result?.expectedName ? ` Name it like ${result.expectedName}.` : ""}`,
          };
    });
    const update = (index: number, state: FileUploadState) => {
      states[index] = state;
      setPhase({ name: "uploading", rows, states: { ...states } });
    };
    setPhase({ name: "uploading", rows, states: { ...states } });
    for (const [index, { file, result }] of rows.entries()) {
      if (!isMatched(result)) {
        continue;
      }
      update(index, { phase: "uploading", percent: 0 });
      const outcome = await uploads.upload(result.item.id, file, (progress) =>
        update(index, { phase: "uploading", percent: percentOf(progress) }),
      );
      const item = `#${result.item.order.number}-${result.item.lineIndex}`;
      update(
        index,
        outcome.ok
          ? { phase: "done", message: `Saved as artwork version ${outcome.versionNumber} of ${item}.` }
          : { phase: "failed", message: outcome.message },
      );
    }
    setPhase({ name: "finished", rows, states: { ...states } });
    void uploads.refreshAfterUpload();
  };

  const busy = phase.name === "checking" || phase.name === "uploading";
  return (
    <Box display="flex" flexDirection="column" gap={3} data-testid="batch-upload">
      <FileDropZone
        label="Drop artwork files here (named like the item: the name is shown on each card)"
        multiple
        disabled={busy}
        onFiles={(files) => void check(files)}
      />
      {phase.name === "checking" ? <LoadingState label={`Matching ${phase.files.length} file(s)…`} rows={1} /> : null}
      {phase.name === "check-failed" ? (
        <ErrorState title="The files could not be checked" error={phase.error} onRetry={() => void check(phase.files)} />
      ) : null}
      {phase.name === "checked" ? (
        <>
          <MatchTable rows={phase.rows} />
          <Box display="flex" gap={2}>
            <Button
              disabled={!phase.rows.some(({ result }) => isMatched(result))}
              onClick={() => void uploadMatched(phase.rows)}
            >
              Upload {phase.rows.filter(({ result }) => isMatched(result)).length} matched file(s)
            </Button>
            <Button variant="secondary" onClick={() => setPhase({ name: "idle" })}>
              Cancel
            </Button>
          </Box>
        </>
      ) : null}
      {phase.name === "uploading" || phase.name === "finished" ? (
        <Box display="flex" flexDirection="column" gap={2}>
          {phase.rows.map(({ file }, index) => (
            <UploadOutcome key={`${file.name}-${index}`} fileName={file.name} state={phase.states[index] ?? { phase: "waiting" }} />
          ))}
          {phase.name === "finished" ? (
            <Box>
              <Button variant="secondary" onClick={() => setPhase({ name: "idle" })}>
                Done
              </Button>
            </Box>
          ) : null}
        </Box>
      ) : null}
    </Box>
  );
}

function MatchTable({ rows }: { rows: Checked }) {
  return (
    <Box as="table" width="100%" data-testid="match-table" style={{ borderCollapse: "collapse" }}>
      <thead>
        <tr>
          {["File", "Outcome", "Item", "Print check", "Note"].map((heading) => (
            <Box as="th" key={heading} textAlign="left" padding={2} borderBottomWidth={1} borderBottomStyle="solid" borderColor="default1">
              <Text size={2} fontWeight="bold">
                {heading}
              </Text>
            </Box>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ file, result }, index) => {
          const matched = isMatched(result);
          return (
            <tr key={`${file.name}-${index}`} data-testid="match-row" data-outcome={result?.outcome ?? "NONE"}>
              <Box as="td" padding={2}>
                <Text size={2}>{file.name}</Text>
              </Box>
              <Box as="td" padding={2}>
                <Text size={2} fontWeight="bold" color={matched ? "success1" : "critical1"}>
                  {matched ? "Matched" : (result?.outcome ?? "No answer").replaceAll("_", " ").toLowerCase()}
                </Text>
              </Box>
              <Box as="td" padding={2}>
                <Text size={2}>
                  {result?.item ? `#${result.item.order.number}-${result.item.lineIndex} ${result.item.productName}` : "—"}
                </Text>
              </Box>
              <Box as="td" padding={2}>
                <Text size={1} color="default2">
                  {describePrintCheck(result?.printCheck)}
                </Text>
              </Box>
              <Box as="td" padding={2}>
                <Text size={1} color={matched ? "default2" : "critical1"}>
                  {result?.message}
                  {!matched && result?.expectedName ? ` Name it like ${result.expectedName}.` : ""}
                </Text>
              </Box>
            </tr>
          );
        })}
      </tbody>
    </Box>
  );
}
