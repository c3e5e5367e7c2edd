/**
 * One order through production, clicked through in the extension by each role against the real
 * PodOps server: image approve (keyboard), artist batch upload with one mismatched file (red) and one
 * match (green), hand on, QC reject with a reason, re-upload, hand on, QC approve, and the fulfilment
 * queue with the shipping address, QA fail with a defect photo and the reprint it orders (linked to
 * the first job), the partner reporting the reprint failed; the manager's board, metrics charts,
 * partner problems, the order widget and the actions popup. A screenshot of each view.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openMount, startEnvironment } from "./harness.mjs";
import { order, orderFullyPaidPayload, orderLine } from "./orders.mjs";

const ORDER_NUMBER = "5001";
const ITEM_QUERY = `
  query E2eItem($number: String!) {
    productionOrders(filter: { search: $number }, first: 5) {
      edges { node { saleorOrderId number items { id stage assignee { email } } } }
    }
  }
`;

let env;
let saleorOrderId;

before(async () => {
  env = await startEnvironment();
});

after(async () => {
  await env?.stop();
});

async function theItem() {
  const data = await env.query("manager", ITEM_QUERY, { number: ORDER_NUMBER });
  const node = data.productionOrders.edges.map((edge) => edge.node).find((o) => o.number === ORDER_NUMBER);
  return node ? { ...node.items[0], saleorOrderId: node.saleorOrderId } : undefined;
}

async function waitForStage(stage, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let item;
  while (Date.now() < deadline) {
    item = await theItem();
    if (item?.stage === stage) {
      return item;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The item did not reach ${stage}: ${JSON.stringify(item)}`);
}

async function openAs(user, path = "/dashboard/production", extra = {}) {
  const opened = await openMount(env, { path, user, ...extra });
  await opened.frame.getByText(`Signed in as ${(await import("./harness.mjs")).USERS[user].email}`).waitFor();
  return opened;
}

test("a paid order with the customer's photo enters image review, assigned to the image processor", async () => {
  const [photo] = env.makeImages(["rex-on-the-sofa.png"]);
  const reference = await env.uploadCustomerPhoto(photo);
  const line = orderLine(1, {
    metadata: {
      "podops.uploads": JSON.stringify([reference]),
      "podops.text": "Rex",
      "podops.options": JSON.stringify({ Background: "Blue" }),
    },
  });
  await env.deliverWebhook("order_fully_paid", orderFullyPaidPayload(order(ORDER_NUMBER, { lines: [line] })));
  const item = await waitForStage("IMAGE_REVIEW");
  saleorOrderId = item.saleorOrderId;
  assert.equal(item.assignee?.email, "irene.images@example.com");
});

test("the image processor approves the photo from the keyboard", async () => {
  const { page, frame } = await openAs("imageProcessor");
  const card = frame.getByTestId("image-card").filter({ hasText: `#${ORDER_NUMBER}-1` });
  await card.waitFor();
  await card.getByRole("img", { name: /Customer photo/ }).waitFor();
  await card.getByText("“Rex”").waitFor();
  await page.screenshot({ path: env.screenshotPath("role-image-processor"), fullPage: true });

  await card.focus();
  await card.press("a");

  await frame.getByText("No photos waiting for review.").waitFor();
  const item = await waitForStage("ARTWORK");
  assert.equal(item.assignee?.email, "arthur.artist@example.com");
  await page.close();
});

async function fileStem(frame) {
  const name = frame.getByTestId("artwork-file-name").locator("strong").first();
  await name.waitFor();
  return (await name.textContent()).trim();
}

test("the artist batch-uploads a matching file (green) and a mismatched one (red), then hands on", async () => {
  const { page, frame } = await openAs("artist");
  const card = frame.getByTestId("artist-card").filter({ hasText: `#${ORDER_NUMBER}-1` });
  await card.waitFor();
  const stem = await fileStem(card);
  const [matching, mismatched] = env.makeImages([`${stem}.png`, "holiday-photo.png"]);

  // when: both files go to the batch uploader
  await frame.getByTestId("batch-upload").locator('input[type="file"]').setInputFiles([matching, mismatched]);

  // then: the dry run matches one and refuses the other
  const table = frame.getByTestId("match-table");
  await table.waitFor();
  await table.locator('[data-testid="match-row"][data-outcome="MATCHED"]').filter({ hasText: `${stem}.png` }).waitFor();
  await table.locator('[data-testid="match-row"][data-outcome="NO_MATCH"]').filter({ hasText: "holiday-photo.png" }).waitFor();
  await page.screenshot({ path: env.screenshotPath("role-artist-dry-run"), fullPage: true });

  await frame.getByRole("button", { name: "Upload 1 matched file(s)" }).click();
  await frame.locator(`[data-testid="upload-banner"][data-outcome="success"][data-file="${stem}.png"]`).waitFor();
  await frame.locator('[data-testid="upload-banner"][data-outcome="failure"][data-file="holiday-photo.png"]').waitFor();
  await card.getByTestId("artwork-version").first().waitFor();
  await page.screenshot({ path: env.screenshotPath("role-artist-uploaded"), fullPage: true });

  await card.getByRole("button", { name: "Hand on artwork" }).click();
  await waitForStage("ARTWORK_QC");
  await page.close();
});

test("art QC rejects the artwork with a reason and a comment", async () => {
  const { page, frame } = await openAs("qc");
  const card = frame.getByTestId("qc-card").filter({ hasText: `#${ORDER_NUMBER}-1` });
  await card.waitFor();
  await card.getByTestId("artwork-version").first().waitFor();
  await card.getByTestId("customer-photo").getByRole("img").waitFor();
  await page.screenshot({ path: env.screenshotPath("role-art-qc"), fullPage: true });

  await card.getByRole("button", { name: "Reject" }).click();
  await card.getByLabel("Reason").selectOption({ index: 1 });
  await card.getByLabel("Comment").fill("The ears are cut off.");
  await card.getByRole("button", { name: "Reject" }).last().click();

  await frame.getByText("No artwork waiting for QC.").waitFor();
  const item = await waitForStage("ARTWORK");
  assert.equal(item.assignee?.email, "arthur.artist@example.com");
  await page.close();
});

test("the artist sees why in Rejected by art manager, uploads a new version and hands on", async () => {
  const { page, frame } = await openAs("artist");
  await frame.getByRole("tab", { name: "Rejected by art manager" }).click();
  const card = frame.getByTestId("artist-card").filter({ hasText: `#${ORDER_NUMBER}-1` });
  await card.waitFor();
  await card.getByTestId("rejection-history").getByText("The ears are cut off.", { exact: false }).waitFor();
  const stem = await fileStem(card);
  const [second] = env.makeImages([`${stem}-v2.png`]);

  await card.getByTestId("drop-zone").locator('input[type="file"]').setInputFiles(second);

  await card.locator('[data-testid="upload-banner"][data-outcome="success"]').waitFor();
  await card.locator('[data-testid="artwork-version"][data-number="2"]').waitFor();
  await page.screenshot({ path: env.screenshotPath("role-artist-rework"), fullPage: true });
  await card.getByRole("button", { name: "Hand on artwork" }).click();
  await waitForStage("ARTWORK_QC");
  await page.close();
});

test("the manager switches customer approval off; QC approves; the fulfiller takes the file and sends the batch", async () => {
  const settings = await openMount(env, { path: "/dashboard/", user: "manager" });
  const customerApproval = settings.frame.getByRole("checkbox", { name: "Customer approval of the artwork" });
  await customerApproval.waitFor();
  assert.equal(await customerApproval.getAttribute("aria-checked"), "true");
  await customerApproval.click();
  await settings.frame
    .getByRole("checkbox", { name: "Customer approval of the artwork", checked: false })
    .waitFor();
  const flow = await env.query("manager", "{ flowSettings { customerApprovalEnabled } }");
  assert.equal(flow.flowSettings.customerApprovalEnabled, false);
  await settings.page.screenshot({ path: env.screenshotPath("role-manager-settings"), fullPage: true });
  await settings.page.close();

  const qc = await openAs("qc");
  const card = qc.frame.getByTestId("qc-card").filter({ hasText: `#${ORDER_NUMBER}-1` });
  await card.locator('[data-testid="artwork-version"][data-number="2"]').waitFor();
  await card.getByRole("button", { name: "Approve" }).click();
  await qc.frame.getByText("No artwork waiting for QC.").waitFor();
  await waitForStage("FULFILMENT_QUEUE");
  await qc.page.close();

  // the manager adds a manual print partner in the settings; no grace window before sending
  const partners = await openMount(env, { path: "/dashboard/", user: "manager" });
  const partnerForm = partners.frame.getByRole("form", { name: "Add a print partner" });
  await partnerForm.getByLabel("Partner name").fill("Print Shop Berlin");
  await partnerForm.getByRole("button", { name: "Add partner" }).click();
  await partners.frame.getByTestId("partner-row").filter({ hasText: "Print Shop Berlin" }).waitFor();
  await partners.page.close();
  // no grace window before sending; portraits are checked after printing
  const grace = await env.query(
    "manager",
    `mutation { fulfilmentSettingsUpdate(input: { graceMinutes: 0, qaProductTypes: ["portrait"] }) { errors { message } } }`,
  );
  assert.deepEqual(grace.fulfilmentSettingsUpdate.errors, []);

  const fulfiller = await openAs("fulfiller");
  const job = fulfiller.frame.getByTestId("fulfilment-card").filter({ hasText: `#${ORDER_NUMBER}-1` });
  await job.waitFor();
  // where it goes: the method and the address from the order, as on a parcel
  await job.getByText("Ship with DHL Express").waitFor();
  const address = job.getByTestId("shipping-address");
  assert.deepEqual(await address.locator("span").allTextContents(), [
    "Ashley Cook",
    "Torstrasse 1",
    "10119 Berlin",
    "DE",
    "Phone +4930123456",
  ]);
  await job.locator('[data-testid="artwork-version"][data-number="2"]').waitFor();
  const download = fulfiller.page.waitForEvent("download");
  await job.locator('[data-testid="artwork-version"][data-number="2"]').getByRole("button", { name: "Download" }).click();
  assert.match((await download).suggestedFilename(), /\.png$/);
  await fulfiller.page.screenshot({ path: env.screenshotPath("role-fulfiller"), fullPage: true });

  // batch it for the manual partner, take its files, mark it sent
  await job.getByRole("checkbox", { name: "Select" }).click();
  await fulfiller.frame.getByRole("button", { name: "Batch 1 selected" }).click();
  const batch = fulfiller.frame.getByTestId("open-batch").filter({ hasText: `#${ORDER_NUMBER}-1` });
  await batch.waitFor();
  await batch.getByTestId("batch-item").getByText("→ Ashley Cook, Berlin DE", { exact: false }).waitFor();
  const archive = fulfiller.page.waitForEvent("download");
  await batch.getByRole("button", { name: "Download files" }).click();
  assert.ok((await archive).suggestedFilename().length > 0);
  await fulfiller.page.screenshot({ path: env.screenshotPath("role-fulfiller-batch"), fullPage: true });
  await batch.getByRole("button", { name: "Mark sent" }).click();
  await batch.waitFor({ state: "detached" });
  const sent = await env.query("manager", "{ fulfilmentBatches(status: SENT) { items { id } } }");
  assert.equal(sent.fulfilmentBatches.length, 1);
  await fulfiller.page.close();
});

test("the fulfiller records the print and fails QA with a defect photo; the reprint appears, linked to the first job", async () => {
  const { page, frame } = await openAs("fulfiller");
  await frame.getByRole("tab", { name: "QA and reprints" }).click();
  const job = frame.getByTestId("qa-job").filter({ hasText: `order #${ORDER_NUMBER}` });
  await job.getByText("Waiting for the partner to print it.").waitFor();
  await job.getByRole("button", { name: "Record printed" }).click();

  // when: the print is checked and fails, with a reason, a comment and a photo of the defect
  const line = job.getByTestId("qa-line");
  await line.getByRole("button", { name: "Fail QA" }).click();
  const form = line.getByRole("form", { name: `Fail QA of #${ORDER_NUMBER}-1` });
  await form.getByLabel("Defect reason").selectOption("COLOUR_SHIFT");
  await form.getByLabel("Comment").fill("Too red on the left");
  const [defect] = env.makeImages(["defect-photo.png"]);
  await form.getByLabel("Photo of the defect (optional)").setInputFiles(defect);
  await page.screenshot({ path: env.screenshotPath("role-fulfiller-qa-fail"), fullPage: true });
  await form.getByRole("button", { name: "Fail and reprint" }).click();

  // then: nothing waits for QA; the reprint is listed with its reason and the first job
  await frame.getByTestId("qa-section").getByText("No printed items wait for QA.").waitFor();
  const reprint = frame.getByTestId("reprint-job").filter({ hasText: `order #${ORDER_NUMBER}` });
  await reprint.getByTestId("reprint-reason").getByText("Colour shift — “Too red on the left”", { exact: false }).waitFor();
  const data = await env.query(
    "manager",
    `{ partnerJobs(reprints: true) { id reprintReason reprintOf { id partnerStatus } lines { artworkVersion } } }`,
  );
  assert.equal(data.partnerJobs.length, 1);
  const [made] = data.partnerJobs;
  assert.equal(made.reprintReason, "COLOUR_SHIFT");
  assert.equal(made.reprintOf.partnerStatus, "PRINTED");
  assert.deepEqual(made.lines, [{ artworkVersion: 2 }]);
  const firstJob = Buffer.from(made.reprintOf.id, "base64").toString().split(":")[1];
  await reprint.getByTestId("first-job").getByText(`Reprint of Job ${firstJob}: Printed`, { exact: false }).waitFor();
  await page.screenshot({ path: env.screenshotPath("role-fulfiller-reprints"), fullPage: true });

  // the reprint goes to the manual partner like any job: the fulfiller marks it sent
  await reprint.getByRole("button", { name: "Mark sent" }).click();
  await reprint.getByText("At the partner", { exact: false }).waitFor();
  await page.close();

  // the partner reports the reprint failed (what a fulfiller records for a manual partner)
  const failed = await env.query(
    "fulfiller",
    `mutation($id: ID!) { jobRecordStatus(id: $id, status: FAILED, reason: "Printer jammed") { errors { message } } }`,
    { id: made.id },
  );
  assert.deepEqual(failed.jobRecordStatus.errors, []);
});

test("the manager sees the metrics as charts and the failed partner job with the partner's reason", async () => {
  const { page, frame, consoleErrors } = await openAs("manager");
  await frame.getByRole("tab", { name: "Metrics" }).click();
  const stages = frame.getByTestId("chart-items-per-stage");
  await stages.waitFor();
  // the partner failed the reprint: the order's item is back in the fulfilment queue, one bar of one item
  const queued = stages.locator('[data-testid="chart-row"][data-label="Fulfilment queue"] [data-testid="chart-bar"]');
  assert.equal(await queued.getAttribute("data-value"), "1");
  await frame.getByTestId("chart-reprints").locator('[data-testid="chart-row"][data-label="Colour shift"]').waitFor();
  await frame.getByTestId("chart-rejections").locator('[data-testid="chart-row"]').first().waitFor();
  await frame.getByTestId("chart-first-pass").getByText("arthur.artist@example.com").waitFor();
  assert.equal(await frame.locator('[data-chart="bar"]').count(), 7);
  await page.screenshot({ path: env.screenshotPath("role-manager-metrics"), fullPage: true });

  await frame.getByRole("tab", { name: "Partner problems" }).click();
  const problem = frame.getByTestId("partner-problem").filter({ hasText: `order #${ORDER_NUMBER}` });
  await problem.getByText("The partner reported it failed").waitFor();
  await problem.getByTestId("partner-problem-error").getByText("Printer jammed").waitFor();
  await problem.getByRole("button", { name: "Cancel job" }).waitFor();
  await page.screenshot({ path: env.screenshotPath("role-manager-partner-problems"), fullPage: true });
  assert.deepEqual(consoleErrors, []);
  await page.close();

  const dark = await openMount(env, { path: "/dashboard/production", user: "manager", theme: "dark" });
  await dark.frame.getByRole("tab", { name: "Metrics" }).click();
  await dark.frame.getByTestId("chart-items-per-stage").getByTestId("chart-bar").first().waitFor();
  await dark.page.screenshot({ path: env.screenshotPath("role-manager-metrics-dark"), fullPage: true });
  assert.deepEqual(dark.consoleErrors, []);
  await dark.page.close();
});

test("the manager's board, the order widget and the actions popup show the order", async () => {
  const board = await openAs("manager");
  await board.frame.getByTestId("board-card").filter({ hasText: `#${ORDER_NUMBER}-1` }).waitFor();
  await board.page.screenshot({ path: env.screenshotPath("role-manager-board"), fullPage: true });
  await board.frame.getByRole("tab", { name: "Team" }).click();
  await board.frame.getByTestId("workload").getByText("arthur.artist@example.com").waitFor();
  await board.page.screenshot({ path: env.screenshotPath("role-manager-team"), fullPage: true });
  await board.page.close();

  const context = `orderId=${encodeURIComponent(saleorOrderId)}`;
  const widget = await openMount(env, { path: "/dashboard/order-widget", context });
  await widget.frame.getByTestId("widget-item").filter({ hasText: "Pet Portrait" }).waitFor();
  await widget.page.screenshot({ path: env.screenshotPath("order-widget-with-order"), fullPage: true });
  await widget.frame.getByRole("button", { name: "Production actions" }).click();
  await widget.page.waitForFunction(() => window.__host.log.some((entry) => entry.type === "openPopup"));
  await widget.page.close();

  const popup = await openMount(env, { path: "/dashboard/order-actions", context });
  const item = popup.frame.getByTestId("popup-item").filter({ hasText: "Pet Portrait" });
  await item.waitFor();
  await item.getByRole("button", { name: "Comment" }).click();
  await item.getByLabel("Internal comment").fill("Customer called: ship to the office.");
  await item.getByRole("button", { name: "Add comment" }).click();
  await popup.frame.getByTestId("timeline").getByText("Customer called: ship to the office.").waitFor();
  await popup.page.screenshot({ path: env.screenshotPath("order-actions-with-order"), fullPage: true });
  await popup.page.close();
});

test("the manager edits an email and previews it rendered with sample data", async () => {
  const settings = await openMount(env, { path: "/dashboard/", user: "manager" });
  const emails = settings.frame.getByTestId("email-templates");
  await emails.getByLabel("Email").waitFor();
  await emails.getByLabel("Subject").fill("Your proof for order {{ order_number }} is ready");
  await emails.getByRole("button", { name: "Preview" }).click();
  const preview = emails.getByTestId("email-preview");
  await preview.locator("iframe").waitFor();
  await settings.page.screenshot({ path: env.screenshotPath("role-manager-email-preview"), fullPage: true });
  await settings.page.close();
});

test("the manager's views, the widget and the popup in the dark theme", async () => {
  const context = `orderId=${encodeURIComponent(saleorOrderId)}`;
  for (const [name, options, ready] of [
    ["role-manager-board-dark", { path: "/dashboard/production", user: "manager" }, "board-card"],
    ["order-widget-with-order-dark", { path: "/dashboard/order-widget", context }, "widget-item"],
    ["order-actions-with-order-dark", { path: "/dashboard/order-actions", context }, "popup-item"],
    ["role-manager-settings-dark", { path: "/dashboard/", user: "manager" }, "partner-row"],
  ]) {
    const { page, frame, consoleErrors } = await openMount(env, { ...options, theme: "dark" });
    await frame.getByTestId(ready).first().waitFor();
    const appFrame = page.frames().find((candidate) => candidate.url().includes(options.path));
    assert.equal(await appFrame.evaluate(() => document.documentElement.dataset.podopsTheme), "dark");
    assert.deepEqual(consoleErrors, []);
    await page.screenshot({ path: env.screenshotPath(name), fullPage: true });
    await page.close();
  }
});
