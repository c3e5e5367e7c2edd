/**
 * The emails PodOps sends (per event): edit the subject, HTML and text with the event's placeholders,
 * preview them rendered with sample data (nothing is saved or sent), save, or go back to the default.
 */
import { Box, Button, Input, Text, Textarea } from "@saleor/macaw-ui";
import { useEffect, useState } from "react";

import { usePodOpsMutation, usePodOpsQuery } from "../../api/hooks";
import { NativeSelect } from "../../components/NativeSelect";
import { EmptyState, ErrorState, QueryStates } from "../../components/states";
import { humanize } from "../../format/stages";
import {
  NotificationTemplatePreviewMutation,
  NotificationTemplateResetMutation,
  NotificationTemplatesQuery,
  NotificationTemplateUpdateMutation,
} from "../../graphql/documents";
import type { NotificationTemplatesQuery as TemplatesResult } from "../../graphql/generated/graphql";

type Template = TemplatesResult["notificationTemplates"][number];
type Draft = { subject: string; htmlBody: string; textBody: string };

export function EmailTemplates() {
  const templates = usePodOpsQuery(NotificationTemplatesQuery, {});
  const [selected, setSelected] = useState<string>("");
  return (
    <Box display="flex" flexDirection="column" gap={3} data-testid="email-templates">
      <Text as="h2" size={6} fontWeight="bold">
        Emails
      </Text>
      <QueryStates
        query={templates}
        loadingLabel="Loading emails…"
        isEmpty={(data) => data.notificationTemplates.length === 0}
        empty={<EmptyState title="No emails to configure" />}
      >
        {(data) => {
          const current = data.notificationTemplates.find((t) => t.event === selected) ?? data.notificationTemplates[0];
          if (!current) {
            return null;
          }
          return (
            <>
              <NativeSelect
                id="email-event"
                label="Email"
                value={current.event}
                options={data.notificationTemplates.map((template) => ({
                  value: template.event,
                  label: `${humanize(template.event)} (to ${template.audience.toLowerCase()})${template.isDefault ? "" : " · edited"}`,
                }))}
                onChange={(event) => setSelected(event.target.value)}
              />
              <TemplateEditor key={current.event} template={current} />
            </>
          );
        }}
      </QueryStates>
    </Box>
  );
}

function TemplateEditor({ template }: { template: Template }) {
  const [draft, setDraft] = useState<Draft>({
    subject: template.subject,
    htmlBody: template.htmlBody,
    textBody: template.textBody,
  });
  const preview = usePodOpsMutation(NotificationTemplatePreviewMutation, (data) => data.notificationTemplatePreview?.errors);
  const save = usePodOpsMutation(NotificationTemplateUpdateMutation, (data) => data.notificationTemplateUpdate?.errors);
  const reset = usePodOpsMutation(NotificationTemplateResetMutation, (data) => data.notificationTemplateReset?.errors);
  useEffect(() => {
    setDraft({ subject: template.subject, htmlBody: template.htmlBody, textBody: template.textBody });
  }, [template.subject, template.htmlBody, template.textBody]);
  const rendered = preview.data?.notificationTemplatePreview?.email;
  const failure = [preview, save, reset].find((mutation) => mutation.isError);

  return (
    <Box display="grid" gap={4} __gridTemplateColumns="minmax(0, 1fr) minmax(0, 1fr)">
      <Box display="flex" flexDirection="column" gap={2}>
        <Text size={2} color="default2">
          Placeholders: {template.placeholders.map((name) => `{{ ${name} }}`).join(", ") || "none"}
        </Text>
        <Input label="Subject" value={draft.subject} onChange={(event) => setDraft({ ...draft, subject: event.target.value })} />
        <Textarea label="HTML" rows={10} value={draft.htmlBody} onChange={(event) => setDraft({ ...draft, htmlBody: event.target.value })} />
        <Textarea label="Text" rows={6} value={draft.textBody} onChange={(event) => setDraft({ ...draft, textBody: event.target.value })} />
        <Box display="flex" gap={2} flexWrap="wrap">
          <Button variant="secondary" disabled={preview.isPending} onClick={() => preview.mutate({ event: template.event, ...draft })}>
            Preview
          </Button>
          <Button disabled={save.isPending} onClick={() => save.mutate({ event: template.event, ...draft })}>
            Save
          </Button>
          {!template.isDefault ? (
            <Button variant="tertiary" disabled={reset.isPending} onClick={() => reset.mutate({ event: template.event })}>
              Back to the default
            </Button>
          ) : null}
        </Box>
        {failure ? <ErrorState title="The email has a problem" error={failure.error} /> : null}
        {save.isSuccess ? (
          <Text size={2} color="success1">
            Saved.
          </Text>
        ) : null}
      </Box>
      <Box display="flex" flexDirection="column" gap={2} data-testid="email-preview">
        <Text size={3} fontWeight="bold">
          {rendered ? rendered.subject : "Preview"}
        </Text>
        {rendered ? (
          <Box borderWidth={1} borderStyle="solid" borderColor="default1" borderRadius={3} overflow="hidden" backgroundColor="default1">
            {/* An empty sandbox: the shop's HTML cannot run scripts or reach the extension. */}
            <iframe title="Email preview" sandbox="" srcDoc={rendered.htmlBody} style={{ width: "100%", height: "360px", border: 0, background: "#fff" }} />
          </Box>
        ) : (
          <Text size={2} color="default2">
            Preview renders the email with sample data; nothing is saved or sent.
          </Text>
        )}
      </Box>
    </Box>
  );
}
