/**
 * Notification settings (managers): which emails go out and after what delay, proof reminders and
 * automatic approval, quiet hours, and the approval rules. Only the settings changed are sent.
 */
import { Box, Checkbox, Text } from "@saleor/macaw-ui";

import { usePodOpsMutation, usePodOpsQuery } from "../../api/hooks";
import { QueryStates } from "../../components/states";
import { humanize } from "../../format/stages";
import { NotificationSettingsQuery, NotificationSettingsUpdateMutation } from "../../graphql/documents";
import type {
  NotificationEvent,
  NotificationSettingsFieldsFragment as Settings,
  NotificationSettingsInput,
} from "../../graphql/generated/graphql";
import { changedEntries, parseNumberList, wholeNumberReader } from "./forms";
import { FieldGroup, FieldInput, SettingsSection } from "./Section";
import { type Changes, SaveRow, useChangesForm } from "./useChangesForm";

export type NotificationDraft = {
  shopName: string;
  enabledEvents: NotificationEvent[];
  delays: Record<string, string>;
  reminderHours: string;
  autoApproveEnabled: boolean;
  autoApproveDays: string;
  quietHoursStart: string;
  quietHoursEnd: string;
  timeZone: string;
  freeRevisions: string;
  storefrontApprovalsUrl: string;
};

/** "21:00:00" → "21:00" (what a time input shows); null → "". */
function hhmm(value: string | null): string {
  return value ? value.slice(0, 5) : "";
}

export function notificationDraft(settings: Settings): NotificationDraft {
  return {
    shopName: settings.shopName,
    enabledEvents: [...settings.enabledEvents],
    delays: Object.fromEntries(settings.delays.map((delay) => [delay.event, String(delay.minutes)])),
    reminderHours: settings.reminderHours.join(", "),
    autoApproveEnabled: settings.autoApproveEnabled,
    autoApproveDays: String(settings.autoApproveDays),
    quietHoursStart: hhmm(settings.quietHoursStart),
    quietHoursEnd: hhmm(settings.quietHoursEnd),
    timeZone: settings.timeZone,
    freeRevisions: String(settings.freeRevisions),
    storefrontApprovalsUrl: settings.storefrontApprovalsUrl,
  };
}

type Fields = Omit<NotificationSettingsInput, "clearQuietHours">;

/** Every setting of the draft as PodOps takes it, or the messages of the fields that cannot be. */
function asInput(draft: NotificationDraft, events: readonly NotificationEvent[]):
  | { ok: true; input: Fields }
  | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const whole = wholeNumberReader(errors);
  const delays = events.map((event) => ({ event, minutes: whole(`delay-${event}`, draft.delays[event] ?? "0") }));
  const reminders = parseNumberList(draft.reminderHours);
  if (!reminders.ok) {
    errors.reminderHours = reminders.message;
  }
  const input: Fields = {
    shopName: draft.shopName.trim(),
    enabledEvents: events.filter((event) => draft.enabledEvents.includes(event)),
    delays,
    reminderHours: reminders.ok ? reminders.value : [],
    autoApproveEnabled: draft.autoApproveEnabled,
    autoApproveDays: whole("autoApproveDays", draft.autoApproveDays),
    quietHoursStart: draft.quietHoursStart || null,
    quietHoursEnd: draft.quietHoursEnd || null,
    timeZone: draft.timeZone.trim(),
    freeRevisions: whole("freeRevisions", draft.freeRevisions),
    storefrontApprovalsUrl: draft.storefrontApprovalsUrl.trim(),
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input };
}

/**
 * What to send for a draft: only the settings that changed. Quiet hours go as a pair (PodOps wants
 * both or neither); both emptied clears them.
 */
export function notificationChanges(
  current: Settings,
  draft: NotificationDraft,
): Changes<NotificationSettingsInput> {
  const events = current.delays.map((delay) => delay.event);
  const before = asInput(notificationDraft(current), events);
  const after = asInput(draft, events);
  if (!after.ok) {
    return after;
  }
  const changed: NotificationSettingsInput = before.ok ? changedEntries(before.input, after.input) : { ...after.input };
  const quietChanged = "quietHoursStart" in changed || "quietHoursEnd" in changed;
  delete changed.quietHoursStart;
  delete changed.quietHoursEnd;
  if (quietChanged) {
    if (!after.input.quietHoursStart && !after.input.quietHoursEnd) {
      changed.clearQuietHours = true;
    } else {
      changed.quietHoursStart = after.input.quietHoursStart;
      changed.quietHoursEnd = after.input.quietHoursEnd;
    }
  }
  return { ok: true, input: changed };
}

export function NotificationSettings() {
  const settings = usePodOpsQuery(NotificationSettingsQuery, {});
  const save = useNotificationSave();
  return (
    <SettingsSection
      title="Notification settings"
      testId="notification-settings"
      description="Which emails go out and when, reminders and automatic approval of proofs, quiet hours (scheduled emails wait until they end)."
    >
      <QueryStates query={settings} loadingLabel="Loading notification settings…">
        {(data) => (
          <NotificationForm
            key={JSON.stringify(data.notificationSettings)}
            settings={data.notificationSettings}
            save={save}
          />
        )}
      </QueryStates>
    </SettingsSection>
  );
}

function NotificationForm({
  settings,
  save,
}: {
  settings: Settings;
  save: ReturnType<typeof useNotificationSave>;
}) {
  const { draft, set, text, errors, submit, nothingChanged } = useChangesForm({
    initial: () => notificationDraft(settings),
    changes: (current: NotificationDraft) => notificationChanges(settings, current),
    save,
    // PodOps names the delays' field delayMinutes
    serverErrors: (byField) => ({ ...byField, ...(byField.delayMinutes ? { delays: byField.delayMinutes } : {}) }),
  });

  const events = settings.delays.map((delay) => delay.event);
  return (
    <Box as="form" aria-label="Notification settings" noValidate onSubmit={submit} display="flex" flexDirection="column" gap={4}>
      <Box display="grid" gap={3} __gridTemplateColumns="repeat(auto-fit, minmax(220px, 1fr))" alignItems="start">
        <FieldInput label="Shop name in emails" value={draft.shopName} onChange={text("shopName")} errorText={errors.shopName}  />
        <FieldInput
          label="Time zone"
          value={draft.timeZone}
          onChange={text("timeZone")}
          errorText={errors.timeZone}
          help={"An IANA zone, e.g. Europe/Berlin"}
        />
        <FieldInput
          label="Storefront approvals page URL"
          type="url"
          value={draft.storefrontApprovalsUrl}
          onChange={text("storefrontApprovalsUrl")}
          errorText={errors.storefrontApprovalsUrl}
        />
        <FieldInput
          label="Free revisions"
          inputMode="numeric"
          value={draft.freeRevisions}
          onChange={text("freeRevisions")}
          errorText={errors.freeRevisions}
          help={"Change requests a customer may make at no cost"}
        />
      </Box>

      <FieldGroup legend="Emails and their delay">
        {errors.delays || errors.events ? (
          <Text size={2} color="critical1">
            {errors.delays ?? errors.events}
          </Text>
        ) : null}
        <Box display="grid" gap={2} __gridTemplateColumns="repeat(auto-fill, minmax(260px, 1fr))" alignItems="end">
          {events.map((event) => (
            <Box
              key={event}
              display="flex"
              gap={2}
              alignItems="end"
              justifyContent="space-between"
              padding={2}
              borderWidth={1}
              borderStyle="solid"
              borderColor="default1"
              borderRadius={3}
              data-testid="notification-event"
              data-event={event}
            >
              <Checkbox
                checked={draft.enabledEvents.includes(event)}
                onCheckedChange={(checked) =>
                  set(
                    "enabledEvents",
                    checked === true ? [...draft.enabledEvents, event] : draft.enabledEvents.filter((e) => e !== event),
                  )
                }
              >
                <Text size={2}>{humanize(event)}</Text>
              </Checkbox>
              <Box __width="110px">
                <FieldInput
                  label="Delay (min)"
                  aria-label={`Delay of ${humanize(event)} in minutes`}
                  inputMode="numeric"
                  size="small"
                  value={draft.delays[event] ?? "0"}
                  onChange={(e) => set("delays", { ...draft.delays, [event]: e.target.value })}
                  errorText={errors[`delay-${event}`]}
                />
              </Box>
            </Box>
          ))}
        </Box>
      </FieldGroup>

      <FieldGroup legend="Proofs">
        <Box display="grid" gap={3} __gridTemplateColumns="repeat(auto-fit, minmax(220px, 1fr))" alignItems="start">
          <FieldInput
            label="Reminders after (hours)"
            value={draft.reminderHours}
            onChange={text("reminderHours")}
            errorText={errors.reminderHours}
            help={"Increasing hours, e.g. 24, 72"}
          />
          <Box display="flex" flexDirection="column" gap={2}>
            <Checkbox checked={draft.autoApproveEnabled} onCheckedChange={(checked) => set("autoApproveEnabled", checked === true)}>
              <Text size={2}>Approve automatically when the customer does not answer</Text>
            </Checkbox>
            <FieldInput
              label="Automatic approval after (days)"
              inputMode="numeric"
              value={draft.autoApproveDays}
              disabled={!draft.autoApproveEnabled}
              onChange={text("autoApproveDays")}
              errorText={errors.autoApproveDays}
            />
          </Box>
        </Box>
      </FieldGroup>

      <FieldGroup legend="Quiet hours">
        <Text size={2} color="default2">
          Emails due in these hours wait until they end (in the time zone above). Leave both empty for none.
        </Text>
        <Box display="flex" gap={3} alignItems="start" flexWrap="wrap">
          <FieldInput
            label="Quiet from"
            type="time"
            value={draft.quietHoursStart}
            onChange={text("quietHoursStart")}
            errorText={errors.quietHours}
          />
          <FieldInput label="Quiet until" type="time" value={draft.quietHoursEnd} onChange={text("quietHoursEnd")} errorText={errors.quietHours} />
        </Box>
      </FieldGroup>

      <SaveRow
        save={save}
        label="Save notification settings"
        errorTitle="Notification settings not saved"
        nothingChanged={nothingChanged}
      />
    </Box>
  );
}

function useNotificationSave() {
  return usePodOpsMutation(NotificationSettingsUpdateMutation, (data) => data.notificationSettingsUpdate?.errors);
}
