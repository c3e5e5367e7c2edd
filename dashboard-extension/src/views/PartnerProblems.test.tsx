import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { gid, partnerJob, payloadOk, payloadRefused } from "../test/fulfilmentFixtures";
import { renderWithApi } from "../test/renderWithApi";
import { PartnerProblems, problemOf } from "./PartnerProblems";

const unsent = () =>
  partnerJob(5, "5001", {
    dispatchState: "SEND_FAILED",
    partnerStatus: null,
    attempts: 6,
    lastError: "HTTP 503 from https://partner.example.com/jobs",
    submittedAt: null,
    partnerReason: "",
    reprintOfId: null,
    partner: { id: gid("PrintPartner", 2), name: "Printhaus", kind: "HTTP" },
  });
const failed = () =>
  partnerJob(6, "5002", { partnerStatus: "FAILED", partnerReason: "Printer jammed", reprintOfId: null });

const problems = (...jobs: unknown[]) => ({ data: { partnerJobs: jobs } });

describe("problemOf", () => {
  it("says what is wrong", () => {
    expect(problemOf(unsent() as never)).toEqual({
      title: "Could not be sent (6 attempts)",
      message: "HTTP 503 from https://partner.example.com/jobs",
    });
    expect(problemOf(failed() as never)).toEqual({ title: "The partner reported it failed", message: "Printer jammed" });
    expect(
      problemOf(partnerJob(7, "1", { partnerStatus: "PRINTING", onHold: true, holdReason: "Address unclear", partnerReason: "" }) as never),
    ).toEqual({
      title: "On hold at the partner",
      message: "Address unclear",
    });
  });
});

describe("PartnerProblems", () => {
  it("shows the error and sends the job again", async () => {
    const { sent } = renderWithApi(<PartnerProblems />, {
      PartnerProblems: problems(unsent()),
      JobRetrySend: payloadOk("jobRetrySend", { job: { id: "j", dispatchState: "WAITING" } }),
    });
    const card = await screen.findByTestId("partner-problem");
    expect(within(card).getByTestId("partner-problem-error")).toHaveTextContent("HTTP 503 from https://partner.example.com/jobs");
    await userEvent.click(within(card).getByRole("button", { name: "Retry sending" }));
    await waitFor(() => expect(sent.some((op) => op.operationName === "JobRetrySend")).toBe(true));
    expect(sent.find((op) => op.operationName === "JobRetrySend")?.variables).toEqual({ id: gid("PartnerJob", 5) });
  });

  it("cancels only with a reason, and shows PodOps' refusal", async () => {
    const { sent } = renderWithApi(<PartnerProblems />, {
      PartnerProblems: problems(failed()),
      JobCancel: payloadRefused("jobCancel", "The partner would not cancel: already shipped", "PARTNER_REFUSED"),
    });
    const card = await screen.findByTestId("partner-problem");
    expect(within(card).queryByRole("button", { name: "Retry sending" })).not.toBeInTheDocument();
    await userEvent.click(within(card).getByRole("button", { name: "Cancel job" }));
    const form = within(card).getByRole("form", { name: "Cancel the job" });
    await userEvent.click(within(form).getByRole("button", { name: "Cancel the job" }));
    expect(within(form).getByText("Say why the job is cancelled.")).toBeInTheDocument();
    expect(sent.some((op) => op.operationName === "JobCancel")).toBe(false);

    await userEvent.type(within(form).getByLabelText("Why"), "Customer cancelled in Saleor");
    await userEvent.click(within(form).getByRole("button", { name: "Cancel the job" }));

    expect(await within(card).findByRole("alert")).toHaveTextContent("The partner would not cancel: already shipped");
    expect(sent.find((op) => op.operationName === "JobCancel")?.variables).toEqual({
      id: gid("PartnerJob", 6),
      reason: "Customer cancelled in Saleor",
    });
  });

  it("reprints a line the partner failed", async () => {
    const { sent } = renderWithApi(<PartnerProblems />, {
      PartnerProblems: problems(failed()),
      LineReprint: payloadOk("lineReprint", { reprint: { id: "r" } }),
    });
    const card = await screen.findByTestId("partner-problem");
    await userEvent.click(within(card).getByRole("button", { name: "Reprint #5002-1" }));
    const form = within(card).getByRole("form", { name: "Reprint the line" });
    await userEvent.selectOptions(within(form).getByLabelText("Defect reason"), "MISPRINT");
    await userEvent.click(within(form).getByRole("button", { name: "Order reprint" }));
    await waitFor(() => expect(sent.some((op) => op.operationName === "LineReprint")).toBe(true));
    expect(sent.find((op) => op.operationName === "LineReprint")?.variables).toEqual({
      id: gid("PartnerJobLine", 60),
      reason: "MISPRINT",
      comment: "",
    });
  });

  it("shows the empty state when nothing needs a decision", async () => {
    renderWithApi(<PartnerProblems />, { PartnerProblems: problems() });
    expect(await screen.findByText("No partner problems")).toBeInTheDocument();
  });
});
