/** The customer's photos of an item: thumbnails (or a placeholder until they exist) and downloads. */
import { Box, Button, Text } from "@saleor/macaw-ui";

import { Thumbnail } from "../components/Thumbnail";
import type { CustomerPhotoFieldsFragment } from "../graphql/generated/graphql";

/** The photos that count: the newest of each chain of replacements. */
export function currentPhotos(photos: readonly CustomerPhotoFieldsFragment[]): CustomerPhotoFieldsFragment[] {
  const replaced = new Set(photos.map((photo) => photo.replaces).filter(Boolean));
  return photos.filter((photo) => !replaced.has(photo.reference));
}

export function PhotoThumbnail({
  photo,
  size,
  large = false,
}: {
  photo: CustomerPhotoFieldsFragment | undefined;
  size: string;
  large?: boolean;
}) {
  const source = photo ? (large ? (photo.previewUrl ?? photo.thumbnailUrl) : photo.thumbnailUrl) : null;
  return (
    <Thumbnail
      src={source}
      alt={photo ? `Customer photo ${photo.originalName}` : "Customer photo"}
      size={size}
      placeholder={photo ? "Preview not ready" : "No photo"}
      testId="photo-thumbnail"
    />
  );
}

export function CustomerPhotos({
  photos,
  large = false,
  downloading,
  onDownload,
}: {
  photos: readonly CustomerPhotoFieldsFragment[];
  large?: boolean;
  downloading: boolean;
  onDownload: (reference: string) => void;
}) {
  const current = currentPhotos(photos);
  if (current.length === 0) {
    return (
      <Text size={2} color="default2">
        None
      </Text>
    );
  }
  return (
    <Box display="flex" gap={3} flexWrap="wrap">
      {current.map((photo, index) => (
        <Box key={photo.reference} display="flex" flexDirection="column" gap={1} data-testid="customer-photo">
          <PhotoThumbnail photo={photo} size={large ? "220px" : "96px"} large={large} />
          {photo.status === "INVALID" ? (
            <Text size={1} color="critical1">
              {photo.invalidReason || "Not usable"}
            </Text>
          ) : (
            <Text size={1} color="default2">
              {photo.width && photo.height ? `${photo.width}×${photo.height} px` : photo.originalName}
            </Text>
          )}
          <Box>
            <Button size="small" variant="secondary" disabled={downloading} onClick={() => onDownload(photo.reference)}>
              Download photo {index + 1}
            </Button>
          </Box>
        </Box>
      ))}
    </Box>
  );
}
