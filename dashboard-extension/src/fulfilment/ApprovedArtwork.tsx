/** The artwork file an item is printed from (the approved version): preview, print check, download. */
import { Box, Button, Text } from "@saleor/macaw-ui";

import { useDownload } from "../artwork/downloads";
import { describePrintCheck, printCheckTone } from "../artwork/printCheck";
import { ErrorState } from "../components/states";
import { Thumbnail } from "../components/Thumbnail";
import type { FulfilmentQueueQuery } from "../graphql/generated/graphql";

type Approved = NonNullable<FulfilmentQueueQuery["fulfilmentQueue"][number]["approvedArtwork"]>;

export function ApprovedArtwork({ version }: { version: Approved | null }) {
  const download = useDownload();
  if (!version) {
    return (
      <Text size={2} color="critical1">
        No approved artwork file: ask a manager to look at this item.
      </Text>
    );
  }
  const image = version.previewUrl ?? version.thumbnailUrl;
  const tone = printCheckTone(version.printCheck);
  return (
    <Box display="flex" flexDirection="column" gap={2}>
      <Box display="flex" gap={3} alignItems="flex-start" data-testid="artwork-version" data-number={String(version.number)}>
        <Thumbnail src={image} alt={`Approved artwork version ${version.number}`} size="120px" placeholder={`v${version.number}`} />
        <Box display="flex" flexDirection="column" gap={1}>
          <Text size={2} fontWeight="medium">
            Approved artwork · version {version.number} · {version.originalName}
          </Text>
          <Text size={1} color={tone === "warning" ? "warning1" : "default2"}>
            {describePrintCheck(version.printCheck)}
          </Text>
          <Box>
            <Button
              size="small"
              variant="secondary"
              disabled={download.isPending}
              onClick={() => download.mutate({ kind: "artwork", versionId: version.id })}
            >
              Download
            </Button>
          </Box>
        </Box>
      </Box>
      {download.isError ? <ErrorState title="Download failed" error={download.error} /> : null}
    </Box>
  );
}
