/**
 * Customer approvals in real headless Chromium (Debian's /usr/bin/chromium via playwright-core;
 * nothing is downloaded): the <podops-approvals> component on a storefront of another origin
 * (customer token, CORS) and on PodOps' hosted page (signed link), against a real PodOps server
 * (`podops serve`, SQLite in a temporary folder) and a fake Saleor answering the ownership query.
 *
 * Run: node --test --test-concurrency=1 e2e/approvals/approvals.test.mjs
 * Needs `npm ci` in e2e/approvals (playwright-core only; no browser is downloaded).
 * Screenshots: test-artifacts/approvals/.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "..", "..");
const PYTHON = process.env.PODOPS_PYTHON ?? join(REPO, ".venv", "bin", "python");
const CHROMIUM = process.env.E2E_CHROMIUM ?? "/usr/bin/chromium";
const ARTIFACTS = resolve(process.env.E2E_ARTIFACTS_DIR ?? join(REPO, "test-artifacts", "approvals"));
const { chromium } = createRequire(import.meta.url)("playwright-core");

async function freePort() {
  return new Promise((done, fail) => {
    const server = createNetServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

function listen(handler, port) {
  const server = createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    try {
      await handler(request, response, Buffer.concat(chunks).toString("utf8"));
    } catch (error) {
      response.writeHead(500, { "content-type": "text/plain" });
      response.end(String(error));
    }
  });
  return new Promise((done) => server.listen(port, "127.0.0.1", () => done(server)));
}

function claimsOf(token) {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
}

/** What the fake Saleor answers to the writes PodOps makes on the way (stage mirror, notes). */
const SALEOR_WRITES = {
  UpdatePublicMetadata: { data: { updateMetadata: { errors: [] } } },
  OrderNoteAdd: { data: { orderNoteAdd: { errors: [] } } },
};

const env = {};
let saleor;
let storefront;
let podops;
let browser;
let seed;
const saleorCalls = [];

function podopsEnv(varDir, publicUrl) {
  return {
    ...process.env,
    DJANGO_SETTINGS_MODULE: "saleor_podops.settings",
    PODOPS_DEBUG: "true",
    PODOPS_VAR_DIR: varDir,
    PODOPS_DATABASE_URL: `sqlite:///${join(varDir, "podops.sqlite3")}`,
    PODOPS_MEDIA_ROOT: join(varDir, "media"),
    PODOPS_STATIC_ROOT: join(varDir, "static"),
    PODOPS_PUBLIC_URL: publicUrl,
    PODOPS_TASKS_EAGER: "1",
    PODOPS_BROKER_URL: "memory://",
    PODOPS_EMAIL_URL: "dummymail://",
    PODOPS_ALLOWED_SALEOR_URLS: "http://127.0.0.1:*/graphql/",
    PODOPS_LOG_LEVEL: process.env.E2E_PODOPS_LOG_LEVEL ?? "WARNING",
  };
}

function python(script, args, environment) {
  const run = spawnSync(PYTHON, [join(HERE, script), ...args], { cwd: REPO, env: environment, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${script} failed:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1));
}

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  env.workDir = mkdtempSync(join(tmpdir(), "podops-approvals-e2e-"));
  const varDir = join(env.workDir, "var");
  mkdirSync(varDir, { recursive: true });
  const [saleorPort, storefrontPort, podopsPort] = [await freePort(), await freePort(), await freePort()];
  env.saleorApiUrl = `http://127.0.0.1:${saleorPort}/graphql/`;
  env.podopsUrl = `http://127.0.0.1:${podopsPort}`;
  env.storefrontUrl = `http://127.0.0.1:${storefrontPort}`;
  env.podopsEnv = podopsEnv(varDir, env.podopsUrl);

  // The fake Saleor: `me` and which of the asked-about orders are the token's user's.
  saleor = await listen(async (request, response, body) => {
    const operation = JSON.parse(body || "{}");
    const token = (request.headers.authorization ?? "").replace(/^Bearer /, "");
    saleorCalls.push({ operation: operation.operationName, token });
    let answer = SALEOR_WRITES[operation.operationName] ?? { data: null, errors: [{ message: "unstubbed" }] };
    if (request.url === "/graphql/" && operation.query?.includes("CustomerOwnedOrders")) {
      const userId = claimsOf(token).user_id;
      const owned = new Set(seed.owners[userId] ?? []);
      const ids = operation.variables.ids.filter((id) => owned.has(id));
      answer = { data: { me: { id: userId, orders: { edges: ids.map((id) => ({ node: { id } })) } } } };
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(answer));
  }, saleorPort);
  // Seeding runs no tasks (the Saleor writes it would queue are not needed here).
  seed = python("seed.py", [env.workDir, env.saleorApiUrl], {
    ...env.podopsEnv,
    PODOPS_TASKS_EAGER: "0",
  });

  // A storefront on its own origin: an account page embedding the component with the customer's
  // token and the shop's own colours.
  storefront = await listen(async (request, response) => {
    const url = new URL(request.url, env.storefrontUrl);
    const token = url.searchParams.get("token") ?? "";
    const orderId = url.searchParams.get("orderId");
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>My account</title>
<style>body{font-family:Georgia,serif;margin:24px;background:#faf7f2}
podops-approvals{--podops-primary:#5b21b6;--podops-radius:2px;--podops-border:#c4b5fd;--podops-font:Georgia,serif}</style>
<script type="module" src="${env.podopsUrl}/static/podops-approvals.js"></script></head>
<body><h1>My account</h1><podops-approvals api-url="${env.podopsUrl}/graphql/customer/"
 saleor-api-url="${env.saleorApiUrl}" ${orderId ? `order-id="${orderId}"` : ""}></podops-approvals>
<script type="module">document.querySelector("podops-approvals").token = ${JSON.stringify(token)};</script>
</body></html>`;
    response.writeHead(200, { "content-type": "text/html" });
    response.end(html);
  }, storefrontPort);

  const logs = [];
  const child = spawn(
    PYTHON,
    ["-m", "saleor_podops.cli", "serve", "--no-worker", "--bind", `127.0.0.1:${podopsPort}`, "--workers", "2"],
    { cwd: REPO, env: env.podopsEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout.on("data", (chunk) => logs.push(String(chunk)));
  child.stderr.on("data", (chunk) => logs.push(String(chunk)));
  podops = { child, logs };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`podops serve exited:\n${logs.join("")}`);
    try {
      if ((await fetch(`${env.podopsUrl}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`PodOps did not start:\n${logs.join("")}`);
    await new Promise((r) => setTimeout(r, 250));
  }

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
});

after(async () => {
  await browser?.close();
  if (podops?.child.exitCode === null) {
    podops.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
  }
  saleor?.close();
  storefront?.close();
  if (env.workDir) rmSync(env.workDir, { recursive: true, force: true });
});

async function openPage(url) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
  const consoleErrors = [];
  page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
  page.on("dialog", (dialog) => dialog.accept());
  await page.goto(url);
  return { page, consoleErrors };
}

function state() {
  return python("inspect_state.py", [], env.podopsEnv);
}

function accountUrl(token, orderId) {
  const url = new URL("/account.html", env.storefrontUrl);
  url.searchParams.set("token", token);
  if (orderId) url.searchParams.set("orderId", orderId);
  return url.toString();
}

const order = (page, number) => page.locator(`podops-approvals article[data-order="${number}"]`);

test("the storefront lists the customer's own orders, in their words and the shop's colours", async () => {
  const { page } = await openPage(accountUrl(seed.tokens.a));

  await page.locator("podops-approvals article.order").first().waitFor();
  const numbers = await page.locator("podops-approvals article.order h3").allTextContents();
  assert.deepEqual(
    numbers.map((text) => text.replace("Waiting for you", "").trim()),
    ["Order 1003", "Order 1002", "Order 1001"],
  );
  assert.equal(
    await order(page, "1001").locator(".status").first().textContent(),
    "Waiting for you: please approve your design",
  );
  // the preview image (a signed link to the preview, never the print file) has loaded
  const preview = order(page, "1001").locator(".proof img");
  await preview.waitFor();
  assert.ok(await preview.evaluate((img) => img.complete && img.naturalWidth > 0));
  assert.match(await preview.getAttribute("src"), /\/api\/files\//);
  // the shop's CSS variables style the component
  const colour = await order(page, "1001")
    .locator("button.primary")
    .evaluate((button) => getComputedStyle(button).backgroundColor);
  assert.equal(colour, "rgb(91, 33, 182)");
  // the token went to Saleor (ownership and revocation check)
  assert.ok(saleorCalls.some((call) => call.token === seed.tokens.a));
  await page.screenshot({ path: join(ARTIFACTS, "storefront-orders.png"), fullPage: true });
  await page.close();
});

test("request changes with a mark on the image", async () => {
  const { page, consoleErrors } = await openPage(accountUrl(seed.tokens.a));
  const card = order(page, "1001");
  await card.locator(".proof img").waitFor();
  await card.getByRole("button", { name: "Request changes" }).click();

  const image = card.locator(".proof img");
  // marks are fractions of the image as laid out: wait until it has loaded and has its size
  await image.evaluate(
    (img) =>
      img.complete && img.naturalWidth > 0
        ? null
        : new Promise((resolve) => img.addEventListener("load", resolve, { once: true })),
  );
  await page.waitForFunction(
    (img) => img.getBoundingClientRect().width > 0 && img.getBoundingClientRect().height > 0,
    await image.elementHandle(),
  );
  const box = await image.boundingBox();
  await image.click({ position: { x: box.width * 0.25, y: box.height * 0.5 } });
  await card.getByLabel("Note for mark 1").fill("Lighter here");
  await card.getByLabel("What should we change?").fill("Please make the background lighter");
  await page.screenshot({ path: join(ARTIFACTS, "request-changes-form.png"), fullPage: true });
  await card.getByRole("button", { name: "Send change request" }).click();

  await card.getByRole("status").filter({ hasText: "We will make the changes" }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, "request-changes-sent.png"), fullPage: true });
  const after = state()["1001"];
  assert.equal(after.stage, "ARTWORK");
  assert.equal(after.proofs[0].decision, "CHANGES_REQUESTED");
  assert.equal(after.proofs[0].comment, "Please make the background lighter");
  assert.deepEqual(after.proofs[0].marks, [{ x: 0.25, y: 0.5, note: "Lighter here" }]);
  assert.deepEqual(consoleErrors, []);
  await page.close();
});

test("approve a proof", async () => {
  const { page } = await openPage(accountUrl(seed.tokens.a));
  const card = order(page, "1003");
  await card.locator(".proof img").waitFor();

  await card.getByRole("button", { name: "Approve design" }).click();

  await card.getByRole("status").filter({ hasText: "Your design is approved" }).waitFor();
  assert.equal(await card.locator(".proof").count(), 0);
  assert.equal(await card.locator(".item .status").first().textContent(), "Approved: waiting to be printed");
  await page.screenshot({ path: join(ARTIFACTS, "approved.png"), fullPage: true });
  const after = state()["1003"];
  assert.equal(after.stage, "FULFILMENT_QUEUE");
  assert.equal(after.proofs[0].decision, "APPROVED");
  await page.close();
});

test("replace a rejected photo", async () => {
  const photo = join(env.workDir, "new-photo.png");
  const made = spawnSync(
    PYTHON,
    ["-c", `from PIL import Image; Image.new("RGB", (800, 600), (40, 120, 200)).save(${JSON.stringify(photo)})`],
    { encoding: "utf8" },
  );
  assert.equal(made.status, 0, made.stderr);
  const { page } = await openPage(accountUrl(seed.tokens.a));
  const card = order(page, "1002");
  await card.locator(".photo-request").waitFor();
  assert.match(await card.locator(".photo-request").textContent(), /Why: Low resolution/);
  await page.screenshot({ path: join(ARTIFACTS, "photo-rejected.png"), fullPage: true });

  await card.locator('input[type="file"]').setInputFiles(photo);

  await card.getByRole("status").filter({ hasText: "We got your new photo" }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, "photo-replaced.png"), fullPage: true });
  const after = state()["1002"];
  assert.equal(after.stage, "IMAGE_REVIEW");
  assert.deepEqual(after.photoRequests, ["REPLACED"]);
  await page.close();
});

test("a signed link opens the hosted page, which approves without login", async () => {
  const { page, consoleErrors } = await openPage(`${env.podopsUrl}/approvals/${seed.links.valid}`);
  const card = order(page, "1004");
  await card.locator(".proof img").waitFor();
  await page.screenshot({ path: join(ARTIFACTS, "hosted-page.png"), fullPage: true });

  await card.getByRole("button", { name: "Approve design" }).click();

  await page.locator("podops-approvals").getByRole("status").filter({ hasText: "approved" }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, "hosted-page-approved.png"), fullPage: true });
  assert.equal(state()["1004"].stage, "FULFILMENT_QUEUE");
  assert.deepEqual(consoleErrors, []);

  // the link has done its job: opening it again refuses
  await page.reload();
  await page
    .locator("podops-approvals")
    .getByRole("alert")
    .filter({ hasText: "This approval link is no longer needed" })
    .waitFor();
  await page.close();
});

test("an expired link is refused", async () => {
  const { page } = await openPage(`${env.podopsUrl}/approvals/${seed.links.expired}`);

  const alert = page.locator("podops-approvals").getByRole("alert");
  await alert.waitFor();

  assert.equal(await alert.textContent(), "This approval link has expired. Please ask the shop for a new one.");
  assert.equal(await page.locator("podops-approvals article.order").count(), 0);
  await page.screenshot({ path: join(ARTIFACTS, "expired-link.png"), fullPage: true });
  assert.equal(state()["1005"].stage, "CUSTOMER_APPROVAL");
  await page.close();
});

test("another customer's order is refused", async () => {
  const before = state()["2001"];
  const { page } = await openPage(accountUrl(seed.tokens.a, seed.foreignOrderId));

  const alert = page.locator("podops-approvals").getByRole("alert");
  await alert.waitFor();
  assert.equal(await alert.textContent(), "We could not find this order.");
  await page.screenshot({ path: join(ARTIFACTS, "foreign-order.png"), fullPage: true });

  // and straight at the API, with the foreign proof: the same "not found", nothing changed
  const response = await fetch(`${env.podopsUrl}/graphql/customer/`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${seed.tokens.b}`,
      "saleor-api-url": env.saleorApiUrl,
    },
    body: JSON.stringify({ query: "{ customerProofs { id } }" }),
  });
  const proofId = (await response.json()).data.customerProofs[0].id;
  const attempt = await fetch(`${env.podopsUrl}/graphql/customer/`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${seed.tokens.a}`,
      "saleor-api-url": env.saleorApiUrl,
    },
    body: JSON.stringify({
      query: "mutation($id: ID!) { proofApprove(proofId: $id) { errors { code } } }",
      variables: { id: proofId },
    }),
  });
  assert.deepEqual((await attempt.json()).data.proofApprove.errors, [{ code: "NOT_FOUND" }]);
  assert.deepEqual(state()["2001"], before);
  await page.close();
});

