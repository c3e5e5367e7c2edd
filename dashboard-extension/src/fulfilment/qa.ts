/** QA actions: pass, or fail with a defect reason and an optional photo (a multipart request). */
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { usePodOpsClient } from "../api/ApiProvider";
import { PayloadError } from "../api/errors";
import { QaFailMutation } from "../graphql/documents";
import type { QaFailMutation as QaFailResult } from "../graphql/generated/graphql";
import type { DefectValues } from "./DefectForm";

export function useQaFail() {
  const client = usePodOpsClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ lineId, values }: { lineId: string; values: DefectValues }): Promise<QaFailResult> => {
      const variables = { id: lineId, reason: values.reason, comment: values.comment, photo: values.photo };
      const data = values.photo
        ? await client.upload(QaFailMutation, variables, [["variables.photo", values.photo]])
        : await client.request(QaFailMutation, { ...variables, photo: null });
      const errors = data.qaFail?.errors ?? [];
      if (errors.length > 0) {
        throw new PayloadError(errors);
      }
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
