/**
 * An item's files: the customer's photos (download), the artwork versions with their print checks
 * (newest first, thumbnail or placeholder, download), the name artwork files must have, and for the
 * artist a drop zone for one file with its progress bar and outcome banner.
 */
import { Box, Button, Text } from "@saleor/macaw-ui";
import { useState } from "react";

import { usePodOpsQuery } from "../api/hooks";
import { ErrorState, LoadingState } from "../components/states";
import { Thumbnail } from "../components/Thumbnail";
import { ItemArtworkQuery } from "../graphql/documents";
import type { ItemArtworkQuery as ItemArtworkResult } from "../graphql/generated/graphql";
import { CustomerPhotos } from "./CustomerPhotos";
import { useDownload } from "./downloads";
import { FileDropZone } from "./FileDropZone";
import { describePrintCheck, printCheckTone } from "./printCheck";
import { type FileUploadState, UploadOutcome } from "./UploadOutcome";
import { percentOf, useArtworkUploads } from "./uploads";

type Version = ItemArtworkResult["artworkVersions"][number];

export function ItemArtwork({
  itemId,
  uploadReferences,
  canUpload = false,
  layout = "stacked",
}: {
  itemId: string;
  uploadReferences: readonly string[];
  canUpload?: boolean;
  /** "side-by-side": the customer's photos beside the newest artwork (QC). */
  layout?: "stacked" | "side-by-side";
}) {
  const artwork = usePodOpsQuery(ItemArtworkQuery, { itemId });
  const download = useDownload();
  const versions = [...(artwork.data?.artworkVersions ?? [])].reverse();

  const photos = (
    <Box display="flex" flexDirection="column" gap={2}>
      <Text size={2} fontWeight="bold">
        Customer photos
      </Text>
      {artwork.data ? (
        <CustomerPhotos
          photos={artwork.data.customerUploads}
          large={layout === "side-by-side"}
          downloading={download.isPending}
          onDownload={(reference) => download.mutate({ kind: "customer-upload", reference })}
        />
      ) : uploadReferences.length === 0 ? (
        <Text size={2} color="default2">
          None
        </Text>
      ) : null}
    </Box>
  );

  const artworkPart = (
    <Box display="flex" flexDirection="column" gap={2}>
      <Text size={2} fontWeight="bold">
        Artwork
      </Text>
      {artwork.isPending ? <LoadingState label="Loading artwork…" rows={1} /> : null}
      {artwork.isError ? (
        <ErrorState title="Artwork could not be loaded" error={artwork.error} onRetry={() => void artwork.refetch()} />
      ) : null}
      {artwork.data ? (
        <>
          <Text size={2} color="default2" data-testid="artwork-file-name">
            Name your file: <strong>{artwork.data.artworkFileName}</strong>
          </Text>
          {versions.length === 0 ? (
            <Text size={2} color="default2">
              No artwork yet.
            </Text>
          ) : (
            versions.map((version, index) => (
              <VersionRow
                key={version.id}
                version={version}
                newest={index === 0}
                downloading={download.isPending}
                onDownload={() => download.mutate({ kind: "artwork", versionId: version.id })}
              />
            ))
          )}
        </>
      ) : null}
      {canUpload ? <SingleUpload itemId={itemId} /> : null}
    </Box>
  );

  return (
    <Box display="flex" flexDirection="column" gap={3}>
      <Box
        display="grid"
        gap={4}
        __gridTemplateColumns={layout === "side-by-side" ? "minmax(0, 1fr) minmax(0, 2fr)" : "minmax(0, 1fr)"}
      >
        {photos}
        {artworkPart}
      </Box>
      {download.isError ? <ErrorState title="Download failed" error={download.error} /> : null}
    </Box>
  );
}

function VersionRow({
  version,
  newest,
  downloading,
  onDownload,
}: {
  version: Version;
  newest: boolean;
  downloading: boolean;
  onDownload: () => void;
}) {
  const tone = printCheckTone(version.printCheck);
  const image = newest ? (version.previewUrl ?? version.thumbnailUrl) : version.thumbnailUrl;
  return (
    <Box display="flex" gap={3} alignItems="flex-start" data-testid="artwork-version" data-number={String(version.number)}>
      <Thumbnail
        src={image}
        alt={`Artwork version ${version.number}`}
        size={newest ? "160px" : "64px"}
        placeholder={`v${version.number}`}
      />
      <Box display="flex" flexDirection="column" gap={1}>
        <Text size={2} fontWeight="medium">
          Version {version.number} · {version.originalName}
        </Text>
        {version.status === "INVALID" ? (
          <Text size={2} color="critical1">
            {version.invalidReason || "The file is not usable."}
          </Text>
        ) : (
          <Text size={1} color={tone === "warning" ? "warning1" : "default2"} data-testid="print-check">
            {describePrintCheck(version.printCheck)}
          </Text>
        )}
        <Box>
          <Button size="small" variant="secondary" disabled={downloading} onClick={onDownload}>
            Download
          </Button>
        </Box>
      </Box>
    </Box>
  );
}

function SingleUpload({ itemId }: { itemId: string }) {
  const uploads = useArtworkUploads();
  const [current, setCurrent] = useState<{ name: string; state: FileUploadState } | null>(null);
  const busy = current?.state.phase === "uploading";
  const send = async (file: File) => {
    setCurrent({ name: file.name, state: { phase: "uploading", percent: 0 } });
    const outcome = await uploads.upload(itemId, file, (progress) =>
      setCurrent({ name: file.name, state: { phase: "uploading", percent: percentOf(progress) } }),
    );
    setCurrent({
      name: file.name,
      state: outcome.ok
        ? { phase: "done", message: `Saved as artwork version ${outcome.versionNumber}.` }
        : { phase: "failed", message: outcome.message },
    });
    if (outcome.ok) {
      void uploads.refreshAfterUpload();
    }
  };
  return (
    <Box display="flex" flexDirection="column" gap={2}>
      <FileDropZone label="Drop the artwork for this item" multiple={false} disabled={busy} onFiles={([file]) => file && void send(file)} />
      {current ? <UploadOutcome fileName={current.name} state={current.state} /> : null}
    </Box>
  );
}
