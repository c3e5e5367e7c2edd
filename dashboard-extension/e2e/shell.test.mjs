/**
 * The extension's shell against the real PodOps server in headless Chromium: the App Bridge
 * handshake, the dashboard token on every request, token refresh without a reload, every mount,
 * light and dark themes, and the page opened outside the dashboard.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { decodeJwt } from "jose";

import { APP_ID, openMount, startEnvironment } from "./harness.mjs";

let env;

before(async () => {
  env = await startEnvironment();
});

after(async () => {
  await env?.stop();
});

const hostState = (page) => page.evaluate(() => JSON.parse(JSON.stringify(window.__host)));

test("the handshake arrives and every PodOps request carries the dashboard token", async () => {
  const { page, frame, podopsRequests, consoleErrors, failedResponses } = await openMount(env, {
    path: "/dashboard/production",
  });

  await frame.getByRole("heading", { name: "Production" }).waitFor();
  await frame.getByTestId("service-status").getByText(/^PodOps \d/).waitFor();
  // `me` needs a verified dashboard token: PodOps read the user from it.
  await frame.getByText("Signed in as manager@example.com").waitFor();
  await frame.getByText("Nothing in production").waitFor();

  const host = await hostState(page);
  const fromApp = host.log.filter((entry) => entry.dir === "in").map((entry) => entry.type);
  assert.ok(fromApp.includes("notifyReady"), `the app sent ${fromApp.join(", ")}`);
  assert.ok(host.handshakes >= 1);

  assert.ok(podopsRequests.length >= 1);
  for (const request of podopsRequests) {
    assert.ok(host.tokens.includes(request.headers["authorization-bearer"]));
    assert.equal(request.headers["saleor-api-url"], env.dashboard.saleorApiUrl);
  }
  const claims = decodeJwt(podopsRequests[0].headers["authorization-bearer"]);
  assert.equal(claims.app, APP_ID);
  assert.equal(claims.iss, env.dashboard.saleorApiUrl);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(failedResponses, []);

  await page.screenshot({ path: env.screenshotPath("production-light"), fullPage: true });
  await page.close();
});

test("a tokenRefresh from the dashboard is used by the next request, without a reload", async () => {
  const { page, frame } = await openMount(env, { path: "/dashboard/production" });
  await frame.getByTestId("service-status").getByText(/^PodOps \d/).waitFor();
  const appFrame = page.frames().find((candidate) => candidate.url().includes("/dashboard/production"));
  await appFrame.evaluate(() => {
    window.__loadMarker = "same-document";
  });

  const newToken = await page.evaluate(() => window.__host.refreshToken());
  const [request] = await Promise.all([
    page.waitForRequest((candidate) => candidate.url() === `${env.podops.url}/graphql/`),
    frame.getByRole("button", { name: "Refresh" }).click(),
  ]);

  assert.equal(request.headers()["authorization-bearer"], newToken);
  assert.equal(await appFrame.evaluate(() => window.__loadMarker), "same-document");
  await page.close();
});

test("an expired token is refreshed through App Bridge and the request retried, without a reload", async () => {
  // given: the page signed in with tokens that expire in 3 seconds
  const { page, frame, podopsRequests } = await openMount(env, { path: "/dashboard/production", tokenTtl: 3 });
  await frame.getByText("Signed in as manager@example.com").waitFor();
  await page.waitForFunction(() => window.__host.handshakes >= 2);
  await page.evaluate(() => window.__host.setTokenTtl(300));
  const appFrame = page.frames().find((candidate) => candidate.url().includes("/dashboard/production"));
  await appFrame.evaluate(() => {
    window.__loadMarker = "same-document";
  });
  const tokensBefore = (await hostState(page)).tokens.length;
  await new Promise((resolve) => setTimeout(resolve, 4_000));

  // when: the person refreshes the page's data with the expired token
  const expiredAnswer = page.waitForResponse(
    async (response) =>
      response.url() === `${env.podops.url}/graphql/` && (await response.text()).includes("TOKEN_EXPIRED"),
  );
  await frame.getByRole("button", { name: "Refresh" }).click();
  await expiredAnswer;
  await frame.getByRole("button", { name: "Refresh" }).and(frame.locator(":enabled")).waitFor();

  // then: PodOps refused the old token, the app asked for a new one, and the retry succeeded
  const host = await hostState(page);
  const freshTokens = host.tokens.slice(tokensBefore);
  assert.equal(freshTokens.length, 1, "exactly one new token was asked for");
  const lastNotifyReady = host.log.filter((entry) => entry.dir === "in" && entry.type === "notifyReady");
  assert.ok(lastNotifyReady.length >= 2, "the app sent notifyReady again to get a new token");
  assert.ok(podopsRequests.some((request) => request.headers["authorization-bearer"] === freshTokens[0]));
  await frame.getByText("Signed in as manager@example.com").waitFor();
  assert.equal(await frame.getByTestId("error-state").count(), 0);
  assert.equal(await appFrame.evaluate(() => window.__loadMarker), "same-document");
  await page.close();
});

test("the dark theme follows the dashboard, at load and when switched", async () => {
  const { page, frame } = await openMount(env, { path: "/dashboard/production", theme: "dark" });
  await frame.getByTestId("service-status").getByText(/^PodOps \d/).waitFor();
  await frame.getByText("Nothing in production").waitFor();
  const appFrame = page.frames().find((candidate) => candidate.url().includes("/dashboard/production"));
  assert.equal(await appFrame.evaluate(() => document.documentElement.dataset.podopsTheme), "dark");
  await page.screenshot({ path: env.screenshotPath("production-dark"), fullPage: true });

  await page.evaluate(() => window.__host.setTheme("light"));
  await appFrame.waitForFunction(() => document.documentElement.dataset.podopsTheme === "light");
  await page.evaluate(() => window.__host.setTheme("dark"));
  await appFrame.waitForFunction(() => document.documentElement.dataset.podopsTheme === "dark");
  await page.close();
});

for (const [name, path, heading, context, readyText] of [
  ["order-widget", "/dashboard/order-widget", "Production", "orderId=T3JkZXI6MQ==", "Not in production"],
  ["order-actions", "/dashboard/order-actions", "Production actions", "orderId=T3JkZXI6MQ==", "Not in production"],
  ["configuration", "/dashboard/", "PodOps settings", "", "Rejection reasons"],
]) {
  for (const theme of ["light", "dark"]) {
    test(`the ${name} mount renders in the ${theme} theme`, async () => {
      const { page, frame, consoleErrors, failedResponses } = await openMount(env, {
        path,
        theme,
        context,
      });
      await frame.getByRole("heading", { name: heading, exact: true }).waitFor();
      await frame.getByText(readyText, { exact: true }).waitFor();
      assert.deepEqual(consoleErrors, []);
      assert.deepEqual(failedResponses, []);
      await page.screenshot({ path: env.screenshotPath(`${name}-${theme}`), fullPage: true });
      await page.close();
    });
  }
}

test("opened outside the dashboard, the page says so instead of staying blank", async () => {
  const page = await env.browser.newPage();
  await page.goto(`${env.podops.url}/dashboard/production?id=${APP_ID}&saleorApiUrl=x&theme=light`);
  await page.getByText("Open PodOps from the Saleor Dashboard").waitFor();
  await page.screenshot({ path: env.screenshotPath("outside-dashboard"), fullPage: true });
  await page.close();
});
