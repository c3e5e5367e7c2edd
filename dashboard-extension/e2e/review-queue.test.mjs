/**
 * The image review queue past its first page, against the real PodOps server: an image processor
 * holding 102 photos to review sees the first 100, moves on past the last card from the keyboard
 * (the next page loads and its first card is selected) and approves it with A; after a reload,
 * "Load more" brings the rest and the last item is approved with the mouse.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openMount, startEnvironment, USERS } from "./harness.mjs";
import { order, orderFullyPaidPayload, orderLine } from "./orders.mjs";

const ORDER_NUMBER = "5101";
const LINES = 102; // PodOps pages the queue by 100
const STAGES = `
  query E2eStages($number: String!) {
    productionOrders(filter: { search: $number }, first: 1) {
      edges { node { number items { lineIndex stage } } }
    }
  }
`;

let env;

before(async () => {
  env = await startEnvironment();
  // room for the whole order (a person holds 5 units by default)
  const raised = await env.query(
    "manager",
    `mutation { staffCapacityUpdate(userId: "${USERS.imageProcessor.user_id}", capacity: 200) { errors { message } } }`,
  );
  assert.deepEqual(raised.staffCapacityUpdate.errors, []);
  const lines = Array.from({ length: LINES }, (_, index) => orderLine(index + 1));
  await env.deliverWebhook("order_fully_paid", orderFullyPaidPayload(order(ORDER_NUMBER, { lines })));
  const queue = await env.query("imageProcessor", "{ myWork(tab: IMAGE_REVIEW, first: 1) { totalCount } }");
  assert.equal(queue.myWork.totalCount, LINES);
});

after(async () => {
  await env?.stop();
});

async function stageOf(lineIndex) {
  const data = await env.query("manager", STAGES, { number: ORDER_NUMBER });
  return data.productionOrders.edges[0].node.items.find((item) => item.lineIndex === lineIndex).stage;
}

async function waitForStage(lineIndex, stage) {
  const deadline = Date.now() + 15_000;
  let current;
  while (Date.now() < deadline) {
    current = await stageOf(lineIndex);
    if (current === stage) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Line ${lineIndex} did not reach ${stage}: ${current}`);
}

async function openQueue() {
  const opened = await openMount(env, { path: "/dashboard/production", user: "imageProcessor" });
  await opened.frame.getByText(`Signed in as ${USERS.imageProcessor.email}`).waitFor();
  await opened.frame.getByTestId("image-card").first().waitFor();
  return opened;
}

const card = (frame, line) => frame.locator(`[data-testid="image-card"]`).filter({ hasText: `#${ORDER_NUMBER}-${line}` });

test("past the last card of the first page, the keyboard loads the next one; A approves its first item", async () => {
  const { page, frame, consoleErrors } = await openQueue();
  const cards = frame.getByTestId("image-card");
  await frame.getByTestId("queue-count").getByText(`100 of ${LINES} waiting`).waitFor();
  assert.equal(await cards.count(), 100);
  assert.equal(await card(frame, 101).count(), 0);

  // End selects the last card shown; the right arrow moves on into the next page
  await cards.first().focus();
  await cards.first().press("End");
  await card(frame, 100).and(frame.locator('[aria-selected="true"]')).waitFor();
  await card(frame, 100).press("ArrowRight");

  const first = card(frame, 101);
  await first.and(frame.locator('[aria-selected="true"]')).waitFor();
  assert.equal(await first.evaluate((element) => element === document.activeElement), true);
  assert.equal(await cards.count(), LINES);
  await page.screenshot({ path: env.screenshotPath("role-image-processor-next-page"), fullPage: false });

  await first.press("a");
  await waitForStage(101, "ARTWORK");
  await frame.getByTestId("queue-count").getByText(`${LINES - 1} waiting`).waitFor();
  assert.equal(await stageOf(100), "IMAGE_REVIEW");
  assert.deepEqual(consoleErrors, []);
  await page.close();
});

test("Load more brings the rest of the queue; its last item is approved with the mouse", async () => {
  const { page, frame, consoleErrors } = await openQueue();
  await frame.getByTestId("queue-count").getByText(`100 of ${LINES - 1} waiting`).waitFor();
  assert.equal(await card(frame, 102).count(), 0);

  await frame.getByRole("button", { name: "Load more" }).click();

  const last = card(frame, 102);
  await last.and(frame.locator('[aria-selected="true"]')).waitFor();
  await frame.getByRole("button", { name: "Load more" }).waitFor({ state: "detached" });
  await last.getByRole("button", { name: "Approve (A)" }).click();
  await waitForStage(102, "ARTWORK");
  await last.waitFor({ state: "detached" });
  assert.deepEqual(consoleErrors, []);
  await page.close();
});
