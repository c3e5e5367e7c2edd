/**
 * Downloads behind PodOps' signed, expiring links: the link is asked for at the click (so it is
 * fresh), then opened as a download.
 */
import { useMutation } from "@tanstack/react-query";

import { usePodOpsClient } from "../api/ApiProvider";
import { ArtworkDownloadUrlQuery, CustomerUploadDownloadUrlQuery } from "../graphql/documents";

export type DownloadTarget = { kind: "artwork"; versionId: string } | { kind: "customer-upload"; reference: string };

export function startDownload(url: string, documentRef: Document = document): void {
  const anchor = documentRef.createElement("a");
  anchor.href = url;
  anchor.download = "";
  anchor.rel = "noopener";
  documentRef.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
}

export function useDownload() {
  const client = usePodOpsClient();
  return useMutation({
    mutationFn: async (target: DownloadTarget) => {
      const url =
        target.kind === "artwork"
          ? (await client.request(ArtworkDownloadUrlQuery, { id: target.versionId })).artworkDownloadUrl
          : (await client.request(CustomerUploadDownloadUrlQuery, { reference: target.reference }))
              .customerUploadDownloadUrl;
      startDownload(url);
      return url;
    },
  });
}
