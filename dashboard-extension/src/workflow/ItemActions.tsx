/**
 * The buttons for what the signed-in person may do to an item now (PodOps says which:
 * `availableActions`), with the forms some of them need, the API's refusal shown in place, and a
 * dashboard toast when done.
 */
import { Box, Button, Input, Text, Textarea } from "@saleor/macaw-ui";
import { type FormEvent, useState } from "react";

import { usePodOpsQuery } from "../api/hooks";
import { useDashboardActions } from "../bridge/dashboardActions";
import { NativeSelect } from "../components/NativeSelect";
import { ErrorState } from "../components/states";
import { actionLabel } from "../format/stages";
import { StaffQuery } from "../graphql/documents";
import type { PodOpsRole, ProductionStage, WorkflowAction } from "../graphql/generated/graphql";
import { RejectForm } from "./RejectForm";
import { type ItemActionInput, REJECT_ACTIONS, STAFF_ACTIONS, useItemAction } from "./itemActions";

export type ActionableItem = {
  id: string;
  stage: ProductionStage;
  availableActions: readonly WorkflowAction[];
  blockedActions?: ReadonlyArray<{ action: WorkflowAction; message: string }>;
};

/** Who works a stage (mirrors PodOps' STAGE_ROLES; PodOps checks eligibility itself). */
const STAGE_ROLE: Partial<Record<ProductionStage, PodOpsRole>> = {
  IMAGE_REVIEW: "IMAGE_PROCESSOR",
  ARTWORK: "ARTIST",
  ARTWORK_QC: "ART_QC",
  FULFILMENT_QUEUE: "FULFILLER",
};

/** Actions sent at a click, without a form. */
type DirectAction = Extract<ItemActionInput, { action: "APPROVE_IMAGE" }>["action"];

const FORM_ACTIONS: ReadonlySet<WorkflowAction> = new Set(["REJECT_IMAGE", "QC_REJECT", "REASSIGN", "COMMENT"]);

export function ItemActions({
  item,
  only,
  showBlocked = false,
  size = "medium",
}: {
  item: ActionableItem;
  /** Limit the buttons to these actions (a queue shows its own moves only). */
  only?: readonly WorkflowAction[];
  showBlocked?: boolean;
  size?: "small" | "medium";
}) {
  const mutation = useItemAction();
  const dashboard = useDashboardActions();
  const [openForm, setOpenForm] = useState<WorkflowAction | null>(null);
  const actions = item.availableActions.filter(
    (action) => STAFF_ACTIONS.has(action) && (!only || only.includes(action)),
  );

  const run = (input: ItemActionInput) => {
    mutation.mutate(input, {
      onSuccess: () => {
        setOpenForm(null);
        dashboard.notify("success", actionLabel(input.action), "Done.");
      },
    });
  };

  const blocked = showBlocked
    ? (item.blockedActions ?? []).filter((entry) => !only || only.includes(entry.action))
    : [];

  return (
    <Box display="flex" flexDirection="column" gap={2}>
      <Box display="flex" gap={2} flexWrap="wrap">
        {actions.map((action) => (
          <Button
            key={action}
            size={size}
            variant={REJECT_ACTIONS.has(action) ? "error" : action === "COMMENT" || action === "REASSIGN" ? "secondary" : "primary"}
            disabled={mutation.isPending}
            aria-expanded={FORM_ACTIONS.has(action) ? openForm === action : undefined}
            onClick={() => {
              mutation.reset();
              if (FORM_ACTIONS.has(action)) {
                setOpenForm(openForm === action ? null : action);
              } else {
                run({ action: action as DirectAction, itemId: item.id });
              }
            }}
          >
            {actionLabel(action)}
          </Button>
        ))}
        {actions.length === 0 && !showBlocked ? (
          <Text size={2} color="default2">
            Nothing for you to do here now.
          </Text>
        ) : null}
      </Box>

      {openForm === "REJECT_IMAGE" || openForm === "QC_REJECT" ? (
        <RejectForm
          busy={mutation.isPending}
          onCancel={() => setOpenForm(null)}
          onSubmit={({ reasonCode, comment }) =>
            run({ action: openForm, itemId: item.id, reasonCode, comment })
          }
        />
      ) : null}
      {openForm === "REASSIGN" ? (
        <ReassignForm
          stage={item.stage}
          busy={mutation.isPending}
          onCancel={() => setOpenForm(null)}
          onSubmit={(assigneeUserId, comment) => run({ action: "REASSIGN", itemId: item.id, assigneeUserId, comment })}
        />
      ) : null}
      {openForm === "COMMENT" ? (
        <CommentForm
          busy={mutation.isPending}
          onCancel={() => setOpenForm(null)}
          onSubmit={(comment) => run({ action: "COMMENT", itemId: item.id, comment })}
        />
      ) : null}

      {mutation.isError ? <ErrorState title="Not done" error={mutation.error} /> : null}

      {blocked.map((entry) => (
        <Text key={entry.action} size={1} color="default2">
          {actionLabel(entry.action)}: {entry.message}
        </Text>
      ))}
    </Box>
  );
}

function CommentForm({
  busy,
  onSubmit,
  onCancel,
}: {
  busy: boolean;
  onSubmit: (comment: string) => void;
  onCancel: () => void;
}) {
  const [comment, setComment] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (comment.trim()) {
      onSubmit(comment.trim());
    }
  };
  return (
    <Box as="form" display="flex" flexDirection="column" gap={2} onSubmit={submit} aria-label="Comment">
      <Textarea
        label="Internal comment"
        autoFocus
        rows={3}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === "Escape") {
            onCancel();
          }
        }}
      />
      <Box display="flex" gap={2}>
        <Button type="submit" disabled={busy || !comment.trim()}>
          {busy ? "Sending…" : "Add comment"}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </Box>
    </Box>
  );
}

function ReassignForm({
  stage,
  busy,
  onSubmit,
  onCancel,
}: {
  stage: ProductionStage;
  busy: boolean;
  onSubmit: (assigneeUserId: string, comment: string) => void;
  onCancel: () => void;
}) {
  const staff = usePodOpsQuery(StaffQuery, {});
  const [assignee, setAssignee] = useState("");
  const [comment, setComment] = useState("");
  const role = STAGE_ROLE[stage];
  const people = (staff.data?.staff ?? []).filter((person) => !role || person.roles.includes(role));

  if (staff.isError) {
    return <ErrorState title="People could not be loaded" error={staff.error} onRetry={() => void staff.refetch()} />;
  }
  return (
    <Box
      as="form"
      display="flex"
      flexDirection="column"
      gap={2}
      aria-label="Reassign"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (assignee) {
          onSubmit(assignee, comment.trim());
        }
      }}
    >
      <NativeSelect
        label="Give to"
        autoFocus
        value={assignee}
        disabled={staff.isPending}
        placeholder={staff.isPending ? "Loading people…" : "Choose a person"}
        options={people.map((person) => ({
          value: person.userId,
          label: `${person.email} — ${person.load}/${person.capacity}${person.isAway ? " (away)" : ""}`,
        }))}
        onChange={(event) => setAssignee(event.target.value)}
      />
      <Input label="Comment" value={comment} onChange={(event) => setComment(event.target.value)} />
      <Box display="flex" gap={2}>
        <Button type="submit" disabled={busy || !assignee}>
          {busy ? "Sending…" : "Reassign"}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </Box>
    </Box>
  );
}
