/**
 * Every move a person can make on a production item, as one typed input, sent as the matching PodOps
 * mutation. The payload's `errors` become a `PayloadError` (PodOps' own message is shown).
 */
import { useMutation, type UseMutationResult, useQueryClient } from "@tanstack/react-query";

import { usePodOpsClient } from "../api/ApiProvider";
import type { PodOpsClient } from "../api/client";
import { PayloadError, type PayloadErrorItem } from "../api/errors";
import {
  ArtworkSubmitMutation,
  ImageApproveMutation,
  ImageRejectMutation,
  ItemCommentMutation,
  ItemHoldMutation,
  ItemReassignMutation,
  ItemResumeMutation,
  ItemSkipStageMutation,
  QcApproveMutation,
  QcRejectMutation,
} from "../graphql/documents";
import type { WorkflowAction } from "../graphql/generated/graphql";

/** Actions staff take from the extension (the customer's own actions are not among them). */
export type StaffAction = Exclude<
  WorkflowAction,
  "CUSTOMER_REPLACE_PHOTO" | "CUSTOMER_GO_AHEAD" | "CUSTOMER_APPROVE" | "CUSTOMER_REJECT"
>;

export type ItemActionInput =
  | { action: "APPROVE_IMAGE" | "SUBMIT_ARTWORK" | "QC_APPROVE" | "HOLD" | "RESUME" | "SKIP_STAGE"; itemId: string; comment?: string }
  | { action: "REJECT_IMAGE" | "QC_REJECT"; itemId: string; reasonCode: string; comment?: string }
  | { action: "REASSIGN"; itemId: string; assigneeUserId: string; comment?: string }
  | { action: "COMMENT"; itemId: string; comment: string };

export const STAFF_ACTIONS: ReadonlySet<WorkflowAction> = new Set<StaffAction>([
  "APPROVE_IMAGE",
  "REJECT_IMAGE",
  "SUBMIT_ARTWORK",
  "QC_APPROVE",
  "QC_REJECT",
  "HOLD",
  "RESUME",
  "SKIP_STAGE",
  "REASSIGN",
  "COMMENT",
]);

export const REJECT_ACTIONS: ReadonlySet<WorkflowAction> = new Set(["REJECT_IMAGE", "QC_REJECT"]);

type Payload = { errors: readonly PayloadErrorItem[] } | null | undefined;

/** Send one action; resolves with the payload's errors (empty: done). */
export async function sendItemAction(
  client: PodOpsClient,
  input: ItemActionInput,
): Promise<readonly PayloadErrorItem[]> {
  const comment = input.comment ?? "";
  const id = input.itemId;
  let payload: Payload;
  switch (input.action) {
    case "APPROVE_IMAGE":
      payload = (await client.request(ImageApproveMutation, { id, comment })).imageApprove;
      break;
    case "REJECT_IMAGE":
      payload = (await client.request(ImageRejectMutation, { id, comment, reasonCode: input.reasonCode }))
        .imageReject;
      break;
    case "SUBMIT_ARTWORK":
      payload = (await client.request(ArtworkSubmitMutation, { id, comment })).artworkSubmit;
      break;
    case "QC_APPROVE":
      payload = (await client.request(QcApproveMutation, { id, comment })).qcApprove;
      break;
    case "QC_REJECT":
      payload = (await client.request(QcRejectMutation, { id, comment, reasonCode: input.reasonCode })).qcReject;
      break;
    case "HOLD":
      payload = (await client.request(ItemHoldMutation, { id, comment })).itemHold;
      break;
    case "RESUME":
      payload = (await client.request(ItemResumeMutation, { id, comment })).itemResume;
      break;
    case "SKIP_STAGE":
      payload = (await client.request(ItemSkipStageMutation, { id, comment })).itemSkipStage;
      break;
    case "REASSIGN":
      payload = (
        await client.request(ItemReassignMutation, { id, comment, assigneeUserId: input.assigneeUserId })
      ).itemReassign;
      break;
    case "COMMENT":
      payload = (await client.request(ItemCommentMutation, { id, comment })).itemComment;
      break;
  }
  return payload?.errors ?? [];
}

export function useItemAction(): UseMutationResult<void, Error, ItemActionInput> {
  const client = usePodOpsClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: ItemActionInput) => {
      const errors = await sendItemAction(client, input);
      if (errors.length > 0) {
        throw new PayloadError(errors);
      }
    },
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
