/** One file's upload: a progress bar while it goes, then a green or red banner with what happened. */
import { Box, Text } from "@saleor/macaw-ui";

export type FileUploadState =
  | { phase: "waiting" }
  | { phase: "uploading"; percent: number }
  | { phase: "done"; message: string }
  | { phase: "failed"; message: string };

export function UploadOutcome({ fileName, state }: { fileName: string; state: FileUploadState }) {
  if (state.phase === "done" || state.phase === "failed") {
    const good = state.phase === "done";
    return (
      <Box
        display="flex"
        flexDirection="column"
        gap={0.5}
        padding={2}
        borderRadius={3}
        borderWidth={1}
        borderStyle="solid"
        borderColor={good ? "success1" : "critical1"}
        backgroundColor={good ? "success1" : "critical1"}
        role={good ? "status" : "alert"}
        data-testid="upload-banner"
        data-outcome={good ? "success" : "failure"}
        data-file={fileName}
      >
        <Text size={2} fontWeight="bold" color={good ? "success1" : "critical1"}>
          {fileName}
        </Text>
        <Text size={2}>{state.message}</Text>
      </Box>
    );
  }
  const percent = state.phase === "uploading" ? state.percent : 0;
  return (
    <Box display="flex" flexDirection="column" gap={1} data-testid="upload-progress" data-file={fileName}>
      <Text size={2}>
        {fileName} — {state.phase === "waiting" ? "waiting" : `${percent}%`}
      </Text>
      <Box
        backgroundColor="default2"
        borderRadius={2}
        __height="6px"
        overflow="hidden"
        role="progressbar"
        aria-label={`Uploading ${fileName}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <Box __height="6px" __width={`${percent}%`} backgroundColor="accent1" />
      </Box>
    </Box>
  );
}
