/**
 * The image review queue past its first page, against the real PodOps server: an image processor
 * holding 102 photos to review sees the first 100, moves on past the last card from the keyboard
 * (the next page loads and its first card is selected) and approves it with A; after a reload,
 * "Load more" brings the rest and the last item is approved with the mouse. Then every photo is
 * approved and the artist's New work holds all 102: it shows the first 100, moving on past the last
 * card from the keyboard loads the next page (its first card focused), and a comment on that item
 * lands on its timeline. Last, with 101 open orders, the manager's board shows the first 100, "Load
 * more" adds the last one's card to its column, focused, and Enter opens that order in the dashboard.
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
  const artistRaised = await env.query(
    "manager",
    `mutation { staffCapacityUpdate(userId: "${USERS.artist.user_id}", capacity: 200) { errors { message } } }`,
  );
  assert.deepEqual(artistRaised.staffCapacityUpdate.errors, []);
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

test("the artist's new work pages too: past the last card the next page loads, and its first item takes a comment", async () => {
  // every photo still waiting is approved: the whole order is the artist's new work
  const waiting = await env.query("imageProcessor", "{ myWork(tab: IMAGE_REVIEW, first: 100) { edges { node { id } } } }");
  for (const { node } of waiting.myWork.edges) {
    const done = await env.query("imageProcessor", `mutation { imageApprove(id: "${node.id}") { errors { message } } }`);
    assert.deepEqual(done.imageApprove.errors, []);
  }
  const work = await env.query("artist", "{ myWork(tab: NEW_WORK, first: 1) { totalCount } }");
  assert.equal(work.myWork.totalCount, LINES);

  const { page, frame, consoleErrors } = await openMount(env, { path: "/dashboard/production", user: "artist" });
  const cards = frame.getByTestId("artist-card");
  await frame.getByTestId("queue-count").getByText(`100 of ${LINES} waiting`).waitFor();
  assert.equal(await cards.count(), 100);

  // End goes to the last card shown; the down arrow moves on into the next page
  await cards.first().focus();
  await cards.first().press("End");
  await cards.nth(99).and(frame.locator(":focus")).waitFor();
  await cards.nth(99).press("ArrowDown");
  await frame.getByTestId("queue-count").getByText(`${LINES} waiting`).waitFor();
  const first = cards.nth(100);
  await first.and(frame.locator(":focus")).waitFor();
  assert.equal(await cards.count(), LINES);
  await page.screenshot({ path: env.screenshotPath("role-artist-next-page"), fullPage: false });

  // a comment on that item from the second page
  const itemId = await first.getAttribute("data-item");
  await first.getByRole("button", { name: "Comment" }).click();
  await first.getByLabel("Internal comment").fill("Second page, first card");
  await first.getByRole("button", { name: "Add comment" }).click();
  await first.getByRole("button", { name: "Add comment" }).waitFor({ state: "detached" });
  const item = await env.query("manager", "query ($id: ID!) { productionItem(id: $id) { timeline { comment } } }", {
    id: itemId,
  });
  assert.ok(item.productionItem.timeline.some((event) => event.comment === "Second page, first card"));
  assert.deepEqual(consoleErrors, []);
  await page.close();
});

test("the manager's board pages by orders: Load more adds the 101st order, whose card opens it", async () => {
  // 100 more paid orders of one line each: 101 open orders
  const ORDERS = 101;
  for (let index = 1; index < ORDERS; index += 1) {
    const number = String(5200 + index);
    await env.deliverWebhook("order_fully_paid", orderFullyPaidPayload(order(number, { lines: [orderLine(1000 + index)] })));
  }
  const open = await env.query("manager", "{ productionOrders(filter: { status: OPEN }, first: 1) { totalCount } }");
  assert.equal(open.productionOrders.totalCount, ORDERS);

  const { page, frame, consoleErrors } = await openMount(env, { path: "/dashboard/production", user: "manager" });
  await frame.getByTestId("board-count").getByText(`100 of ${ORDERS} orders`).waitFor();
  const shown = new Set(await frame.getByTestId("board-card").evaluateAll((cards) => cards.map((card) => card.dataset.order)));
  assert.equal(shown.size, 100);

  await frame.getByRole("button", { name: "Load more" }).click();
  await frame.getByTestId("board-count").getByText(`${ORDERS} orders`).waitFor();
  const focused = frame.locator('[data-testid="board-card"]:focus');
  await focused.waitFor();
  const number = await focused.getAttribute("data-order");
  assert.equal(shown.has(number), false);
  assert.equal(await frame.getByRole("button", { name: "Load more" }).count(), 0);

  await focused.press("Enter");
  const found = await env.query(
    "manager",
    "query ($search: String!) { productionOrders(filter: { search: $search }, first: 1) { edges { node { saleorOrderId } } } }",
    { search: number },
  );
  const { saleorOrderId } = found.productionOrders.edges[0].node;
  const redirects = await page.evaluate(() => window.__host.log.filter((message) => message.dir === "in" && message.type === "redirect"));
  assert.deepEqual(redirects.map((message) => message.payload.to), [`/orders/${encodeURIComponent(saleorOrderId)}`]);
  assert.deepEqual(consoleErrors, []);
  await page.close();
});
