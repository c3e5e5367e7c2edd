/** The zip a manual partner gets (a batch's, or one reprint job's): a fresh signed link, opened as a download. */
import { usePodOpsMutation } from "../api/hooks";
import { startDownload } from "../artwork/downloads";
import { ArchiveLinkCreateMutation } from "../graphql/documents";

export function useArchiveDownload() {
  const archive = usePodOpsMutation(ArchiveLinkCreateMutation, (result) => result.archiveLinkCreate?.errors);
  const download = (target: { batch: string } | { job: string }) =>
    archive.mutate(target, {
      onSuccess: (result) => {
        if (result.archiveLinkCreate?.url) {
          startDownload(result.archiveLinkCreate.url);
        }
      },
    });
  return { archive, download };
}
