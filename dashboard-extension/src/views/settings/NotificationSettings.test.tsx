import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { NotificationEvent } from "../../graphql/generated/graphql";
import { renderWithApi } from "../../test/renderWithApi";
import { NotificationSettings, notificationChanges, notificationDraft } from "./NotificationSettings";

const EVENTS: NotificationEvent[] = ["PHOTO_REJECTED", "PROOF_READY", "PROOF_REMINDER", "ORDER_SHIPPED"];

function settings(overrides: Record<string, unknown> = {}) {
  return {
    shopName: "Pet Portraits",
    enabledEvents: ["PHOTO_REJECTED", "PROOF_READY", "PROOF_REMINDER"] as NotificationEvent[],
    delays: EVENTS.map((event) => ({ event, minutes: event === "ORDER_SHIPPED" ? 60 : 0 })),
    reminderHours: [24, 72],
    autoApproveEnabled: false,
    autoApproveDays: 7,
    quietHoursStart: null as string | null,
    quietHoursEnd: null as string | null,
    timeZone: "UTC",
    freeRevisions: 2,
    storefrontApprovalsUrl: "",
    ...overrides,
  };
}

const answer = (value: ReturnType<typeof settings>) => ({ data: { notificationSettings: value } });

describe("notificationChanges", () => {
  it("sends only what changed; quiet hours as a pair, or a clear when both are emptied", () => {
    const current = settings({ quietHoursStart: "21:00:00", quietHoursEnd: "08:00:00" });
    const draft = notificationDraft(current);

    expect(notificationChanges(current, draft)).toEqual({ ok: true, input: {} });
    expect(
      notificationChanges(current, {
        ...draft,
        delays: { ...draft.delays, PROOF_READY: "30" },
        quietHoursEnd: "07:30",
        enabledEvents: [...draft.enabledEvents, "ORDER_SHIPPED"],
      }),
    ).toEqual({
      ok: true,
      input: {
        enabledEvents: ["PHOTO_REJECTED", "PROOF_READY", "PROOF_REMINDER", "ORDER_SHIPPED"],
        delays: [
          { event: "PHOTO_REJECTED", minutes: 0 },
          { event: "PROOF_READY", minutes: 30 },
          { event: "PROOF_REMINDER", minutes: 0 },
          { event: "ORDER_SHIPPED", minutes: 60 },
        ],
        quietHoursStart: "21:00",
        quietHoursEnd: "07:30",
      },
    });
    expect(notificationChanges(current, { ...draft, quietHoursStart: "", quietHoursEnd: "" })).toEqual({
      ok: true,
      input: { clearQuietHours: true },
    });
  });

  it("names the fields it cannot send", () => {
    const current = settings();
    const draft = notificationDraft(current);
    expect(
      notificationChanges(current, { ...draft, reminderHours: "24, tomorrow", autoApproveDays: "", delays: { ...draft.delays, PROOF_READY: "x" } }),
    ).toEqual({
      ok: false,
      errors: {
        "delay-PROOF_READY": "Enter a whole number.",
        reminderHours: "Whole numbers separated by commas.",
        autoApproveDays: "Enter a whole number.",
      },
    });
  });
});

describe("NotificationSettings", () => {
  it("saves a delay, a reminder, automatic approval and quiet hours, then shows what PodOps saved", async () => {
    // given
    let current = settings();
    const { sent } = renderWithApi(<NotificationSettings />, {
      NotificationSettings: () => answer(current),
      NotificationSettingsUpdate: (variables: Record<string, unknown>) => {
        const input = variables.input as Record<string, unknown>;
        current = settings({
          reminderHours: input.reminderHours,
          autoApproveEnabled: input.autoApproveEnabled,
          autoApproveDays: input.autoApproveDays,
          quietHoursStart: `${String(input.quietHoursStart)}:00`,
          quietHoursEnd: `${String(input.quietHoursEnd)}:00`,
          delays: input.delays,
        });
        return { data: { notificationSettingsUpdate: { errors: [], settings: current } } };
      },
    });
    const form = await screen.findByRole("form", { name: "Notification settings" });

    // when
    const delay = within(form).getByLabelText("Delay of Proof ready in minutes");
    await userEvent.clear(delay);
    await userEvent.type(delay, "15");
    await userEvent.clear(within(form).getByLabelText("Reminders after (hours)"));
    await userEvent.type(within(form).getByLabelText("Reminders after (hours)"), "12, 48");
    await userEvent.click(within(form).getByRole("checkbox", { name: "Approve automatically when the customer does not answer" }));
    await userEvent.clear(within(form).getByLabelText("Automatic approval after (days)"));
    await userEvent.type(within(form).getByLabelText("Automatic approval after (days)"), "10");
    await userEvent.type(within(form).getByLabelText("Quiet from"), "21:00");
    await userEvent.type(within(form).getByLabelText("Quiet until"), "08:00");
    await userEvent.click(within(form).getByRole("button", { name: "Save notification settings" }));

    // then
    await screen.findByText("Saved.");
    expect(sent.filter((op) => op.operationName === "NotificationSettingsUpdate").map((op) => op.variables)).toEqual([
      {
        input: {
          delays: [
            { event: "PHOTO_REJECTED", minutes: 0 },
            { event: "PROOF_READY", minutes: 15 },
            { event: "PROOF_REMINDER", minutes: 0 },
            { event: "ORDER_SHIPPED", minutes: 60 },
          ],
          reminderHours: [12, 48],
          autoApproveEnabled: true,
          autoApproveDays: 10,
          quietHoursStart: "21:00",
          quietHoursEnd: "08:00",
        },
      },
    ]);
    const saved = screen.getByRole("form", { name: "Notification settings" });
    await waitFor(() => expect(within(saved).getByLabelText("Reminders after (hours)")).toHaveValue("12, 48"));
    expect(within(saved).getByLabelText("Quiet from")).toHaveValue("21:00");
  });

  it("shows PodOps' message beside the field it refused and keeps the form as typed", async () => {
    renderWithApi(<NotificationSettings />, {
      NotificationSettings: answer(settings()),
      NotificationSettingsUpdate: {
        data: {
          notificationSettingsUpdate: {
            errors: [{ field: "timeZone", code: "INVALID_TIME_ZONE", message: "Unknown time zone 'Mars/Olympus'" }],
            settings: null,
          },
        },
      },
    });
    const form = await screen.findByRole("form", { name: "Notification settings" });
    const zone = within(form).getByLabelText("Time zone");

    await userEvent.clear(zone);
    await userEvent.type(zone, "Mars/Olympus{Enter}");

    expect(await within(form).findByRole("alert")).toHaveTextContent("Unknown time zone 'Mars/Olympus'");
    expect(zone).toHaveAttribute("aria-invalid", "true");
    expect(zone).toHaveValue("Mars/Olympus");
  });

  it("sends nothing when nothing changed or a field cannot be read", async () => {
    const { sent } = renderWithApi(<NotificationSettings />, { NotificationSettings: answer(settings()) });
    const form = await screen.findByRole("form", { name: "Notification settings" });

    await userEvent.click(within(form).getByRole("button", { name: "Save notification settings" }));
    expect(await within(form).findByText("Nothing changed.")).toBeInTheDocument();
    await userEvent.type(within(form).getByLabelText("Reminders after (hours)"), ", soon{Enter}");

    expect(within(form).getByText("Whole numbers separated by commas.")).toBeInTheDocument();
    expect(sent.map((op) => op.operationName)).toEqual(["NotificationSettings"]);
  });

  it("shows the API's error when the settings cannot be loaded", async () => {
    renderWithApi(<NotificationSettings />, {
      NotificationSettings: { errors: [{ message: "You need one of the roles ADMIN, MANAGER.", extensions: { code: "PERMISSION_DENIED" } }] },
    });

    expect(await screen.findByRole("alert")).toHaveTextContent("You need one of the roles ADMIN, MANAGER.");
  });
});
