import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { fakeXhrFactory } from "../test/fakeXhr";
import { gid, jobLine, partnerJob, payloadOk, payloadRefused } from "../test/fulfilmentFixtures";
import { renderWithApi } from "../test/renderWithApi";
import { QaAndReprints, sortReprints } from "./QaAndReprints";

function reprint(pk: number, number: string, overrides: Record<string, unknown> = {}) {
  return {
    ...partnerJob(pk, number, { dispatchState: "WAITING", partnerStatus: null, submittedAt: null }),
    reprintReason: "COLOUR_SHIFT",
    reprintComment: "Too red",
    reprintOf: {
      id: gid("PartnerJob", 4),
      externalId: "",
      dispatchState: "SENT",
      partnerStatus: "PRINTED",
      submittedAt: "2026-11-20T10:00:00+00:00",
      createdAt: "2026-11-20T09:00:00+00:00",
    },
    ...overrides,
  };
}

const answer = (qaJobs: unknown[], reprintJobs: unknown[] = []) => ({ data: { qaJobs, reprintJobs } });

describe("QaAndReprints", () => {
  it("passes a printed item", async () => {
    const { sent } = renderWithApi(<QaAndReprints />, {
      QaAndReprints: answer([partnerJob(4, "5001")]),
      QaPass: payloadOk("qaPass", { line: { id: "l", qaState: "PASSED" } }),
    });
    const line = await screen.findByTestId("qa-line");
    await userEvent.click(within(line).getByRole("button", { name: "Pass QA" }));
    await waitFor(() => expect(sent.some((op) => op.operationName === "QaPass")).toBe(true));
    expect(sent.find((op) => op.operationName === "QaPass")?.variables).toEqual({ id: gid("PartnerJobLine", 40), comment: "" });
  });

  it("fails an item with a reason and a comment (no photo: a plain request)", async () => {
    const { sent } = renderWithApi(<QaAndReprints />, {
      QaAndReprints: answer([partnerJob(4, "5001")]),
      QaFail: payloadOk("qaFail", { line: { id: "l", qaState: "FAILED" }, reprint: { id: "r" } }),
    });
    const line = await screen.findByTestId("qa-line");
    await userEvent.click(within(line).getByRole("button", { name: "Fail QA" }));
    const form = within(line).getByRole("form", { name: "Fail QA of #5001-1" });
    await userEvent.selectOptions(within(form).getByLabelText("Defect reason"), "MISALIGNMENT");
    await userEvent.type(within(form).getByLabelText("Comment"), "Shifted 3 mm left");
    await userEvent.keyboard("{Control>}{Enter}{/Control}");

    await waitFor(() => expect(sent.some((op) => op.operationName === "QaFail")).toBe(true));
    expect(sent.find((op) => op.operationName === "QaFail")?.variables).toEqual({
      id: gid("PartnerJobLine", 40),
      reason: "MISALIGNMENT",
      comment: "Shifted 3 mm left",
      photo: null,
    });
    await waitFor(() => expect(within(line).queryByRole("form")).not.toBeInTheDocument());
  });

  it("sends the defect photo as a multipart request", async () => {
    const xhr = fakeXhrFactory(() => ({
      body: payloadOk("qaFail", { line: { id: "l", qaState: "FAILED" }, reprint: { id: "r" } }),
    }));
    renderWithApi(<QaAndReprints />, { QaAndReprints: answer([partnerJob(4, "5001")]) }, { createXhr: xhr.createXhr });
    const line = await screen.findByTestId("qa-line");
    await userEvent.click(within(line).getByRole("button", { name: "Fail QA" }));
    const form = within(line).getByRole("form");
    await userEvent.selectOptions(within(form).getByLabelText("Defect reason"), "DAMAGED");
    await userEvent.upload(within(form).getByLabelText("Photo of the defect (optional)"), new File(["x"], "scratch.jpg", { type: "image/jpeg" }));
    await userEvent.click(within(form).getByRole("button", { name: "Fail and reprint" }));

    await waitFor(() => expect(xhr.sent).toHaveLength(1));
    expect(xhr.sent[0]?.map).toEqual({ "0": ["variables.photo"] });
    expect(xhr.sent[0]?.fileNames).toEqual(["scratch.jpg"]);
    expect(xhr.sent[0]?.operations.variables).toEqual({ id: gid("PartnerJobLine", 40), reason: "DAMAGED", comment: "", photo: null });
  });

  it("asks for a comment when the reason is Other, and sends nothing", async () => {
    const { sent } = renderWithApi(<QaAndReprints />, { QaAndReprints: answer([partnerJob(4, "5001")]) });
    const line = await screen.findByTestId("qa-line");
    await userEvent.click(within(line).getByRole("button", { name: "Fail QA" }));
    const form = within(line).getByRole("form");
    await userEvent.selectOptions(within(form).getByLabelText("Defect reason"), "OTHER");
    await userEvent.click(within(form).getByRole("button", { name: "Fail and reprint" }));
    expect(within(form).getByRole("alert")).toHaveTextContent("Say what is wrong when the reason is Other.");
    expect(sent.some((op) => op.operationName === "QaFail")).toBe(false);
    await userEvent.keyboard("{Escape}");
    expect(within(line).queryByRole("form")).not.toBeInTheDocument();
  });

  it("shows PodOps' refusal with its message", async () => {
    renderWithApi(<QaAndReprints />, {
      QaAndReprints: answer([partnerJob(4, "5001")]),
      QaPass: payloadRefused("qaPass", "The item has shipped", "ALREADY_SHIPPED"),
    });
    const line = await screen.findByTestId("qa-line");
    await userEvent.click(within(line).getByRole("button", { name: "Pass QA" }));
    expect(await within(line).findByRole("alert")).toHaveTextContent("The item has shipped");
  });

  it("waits for the print, and lets a manual partner's print be recorded", async () => {
    const { sent } = renderWithApi(<QaAndReprints />, {
      QaAndReprints: answer([partnerJob(4, "5001", { partnerStatus: null })]),
      JobRecordPrinted: payloadOk("jobRecordStatus", { job: { id: "j", partnerStatus: "PRINTED" } }),
    });
    const job = await screen.findByTestId("qa-job");
    expect(within(job).getByText("Waiting for the partner to print it.")).toBeInTheDocument();
    expect(within(job).queryByRole("button", { name: "Pass QA" })).not.toBeInTheDocument();
    await userEvent.click(within(job).getByRole("button", { name: "Record printed" }));
    await waitFor(() => expect(sent.some((op) => op.operationName === "JobRecordPrinted")).toBe(true));
    expect(sent.find((op) => op.operationName === "JobRecordPrinted")?.variables).toEqual({ id: gid("PartnerJob", 4) });
  });

  it("lists a reprint with its reason and the first job, and a manual one is marked sent", async () => {
    const { sent } = renderWithApi(<QaAndReprints />, {
      QaAndReprints: answer([], [reprint(9, "5001")]),
      JobMarkSent: payloadOk("jobMarkSent", { job: { id: "j", dispatchState: "SENT" } }),
    });
    const job = await screen.findByTestId("reprint-job");
    expect(within(job).getByText("Job 9 · order #5001")).toBeInTheDocument();
    expect(within(job).getByTestId("reprint-reason")).toHaveTextContent("Reprint because: Colour shift — “Too red”");
    expect(within(job).getByTestId("first-job")).toHaveTextContent("Reprint of Job 4: Printed, sent");
    expect(within(screen.getByTestId("qa-section")).getByText("No printed items wait for QA.")).toBeInTheDocument();
    await userEvent.click(within(job).getByRole("button", { name: "Mark sent" }));
    await waitFor(() => expect(sent.some((op) => op.operationName === "JobMarkSent")).toBe(true));
  });

  it("puts open reprints before finished ones", () => {
    const shipped = reprint(1, "1", { dispatchState: "SENT", partnerStatus: "SHIPPED", createdAt: "2026-11-22T00:00:00Z" });
    const open = reprint(2, "2", { createdAt: "2026-11-20T00:00:00Z" });
    const newer = reprint(3, "3", { createdAt: "2026-11-21T00:00:00Z" });
    expect(sortReprints([shipped, open, newer] as never).map((job) => job.order.number)).toEqual(["3", "2", "1"]);
  });

  it("shows the empty state and load errors", async () => {
    const { unmount } = renderWithApi(<QaAndReprints />, { QaAndReprints: answer([], []) });
    expect(await screen.findByText("Nothing to check")).toBeInTheDocument();
    unmount();
    renderWithApi(<QaAndReprints />, {
      QaAndReprints: { errors: [{ message: "You need one of these PodOps roles: ADMIN, FULFILLER, MANAGER.", extensions: { code: "PERMISSION_DENIED" } }] },
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("You need one of these PodOps roles");
  });

  it("keeps lines that are done out of the check", async () => {
    renderWithApi(<QaAndReprints />, {
      QaAndReprints: answer([
        partnerJob(4, "5001", { lines: [jobLine(40), jobLine(41, { qaState: "PASSED" }), jobLine(42, { shippedAt: "2026-11-21T00:00:00Z" })] }),
      ]),
    });
    const lines = await screen.findAllByTestId("qa-line");
    expect(lines.map((line) => line.getAttribute("data-line"))).toEqual([gid("PartnerJobLine", 40)]);
  });
});
