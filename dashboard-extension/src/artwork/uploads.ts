/** Artwork uploads: one file to one item, and the batch dry run that matches files to items by name. */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

import { usePodOpsClient } from "../api/ApiProvider";
import type { PodOpsClient, UploadProgress } from "../api/client";
import { describeError } from "../api/errors";
import { ArtworkBatchDryRunMutation, ArtworkUploadMutation } from "../graphql/documents";
import type { ArtworkBatchDryRunMutation as DryRunResult } from "../graphql/generated/graphql";

export type DryRunFileResult = NonNullable<DryRunResult["artworkBatchUpload"]>["results"][number];

export type UploadResult = { ok: true; versionNumber: number } | { ok: false; message: string };

export async function uploadArtwork(
  client: PodOpsClient,
  itemId: string,
  file: File,
  onProgress?: (progress: UploadProgress) => void,
): Promise<UploadResult> {
  try {
    const data = await client.upload(ArtworkUploadMutation, { id: itemId, file }, [["variables.file", file]], onProgress);
    const payload = data.artworkUpload;
    if (!payload || payload.errors.length > 0 || !payload.version) {
      return { ok: false, message: payload?.errors.map((error) => error.message).join("\n") || "PodOps did not keep the file." };
    }
    return { ok: true, versionNumber: payload.version.number };
  } catch (error) {
    return { ok: false, message: describeError(error) };
  }
}

/** What PodOps would do with each file (nothing is saved). Throws with PodOps' message on failure. */
export async function dryRunBatch(client: PodOpsClient, files: readonly File[]): Promise<DryRunFileResult[]> {
  const data = await client.upload(
    ArtworkBatchDryRunMutation,
    { files: [...files] },
    files.map((file, index) => [`variables.files.${index}`, file] as const),
  );
  const payload = data.artworkBatchUpload;
  if (!payload) {
    throw new Error("PodOps answered without results.");
  }
  if (payload.errors.length > 0) {
    throw new Error(payload.errors.map((error) => error.message).join("\n"));
  }
  return payload.results;
}

/** Pair each chosen file with its dry-run result (by position; PodOps answers in order). */
export function pairResults(
  files: readonly File[],
  results: readonly DryRunFileResult[],
): Array<{ file: File; result: DryRunFileResult | undefined }> {
  return files.map((file, index) => {
    const byIndex = results[index];
    const result = byIndex && byIndex.fileName === file.name ? byIndex : results.find((r) => r.fileName === file.name);
    return { file, result };
  });
}

export function useArtworkUploads() {
  const client = usePodOpsClient();
  const queryClient = useQueryClient();
  return {
    upload: useCallback(
      (itemId: string, file: File, onProgress?: (progress: UploadProgress) => void) =>
        uploadArtwork(client, itemId, file, onProgress),
      [client],
    ),
    dryRun: useCallback((files: readonly File[]) => dryRunBatch(client, files), [client]),
    refreshAfterUpload: useCallback(() => queryClient.invalidateQueries(), [queryClient]),
  };
}

export function percentOf(progress: UploadProgress): number {
  return progress.total > 0 ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : 0;
}
