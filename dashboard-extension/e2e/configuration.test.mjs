/**
 * The configuration page (appUrl) against the real PodOps server: a manager edits a print spec, a
 * complexity weight, a notification setting and the fulfilment settings from the keyboard and the
 * mouse, and removes a weight; PodOps' API holds the new values and a reload of the page shows them.
 * A refused value shows PodOps' own message. Product types are picked from the fake Saleor's (a new
 * weight, an artist's skill); a saved skill Saleor no longer knows stays. A product type gets its own
 * flow (picked from Saleor's), which is changed and removed. Screenshots in the light and dark theme.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openMount, startEnvironment, USERS } from "./harness.mjs";

let env;

before(async () => {
  env = await startEnvironment();
  // a product type with its own print spec and weight, and another weight, as a manager set them
  // earlier
  const seeded = await env.query(
    "manager",
    `mutation {
      printSpecUpdate(productTypeSlug: "poster", input: { printWidthIn: "24", printHeightIn: "36", minDpi: 100, warnDpi: 200 }) {
        errors { message }
      }
      complexityWeightUpdate(productTypeSlug: "poster", weight: 2) { errors { message } }
      mugWeight: complexityWeightUpdate(productTypeSlug: "mug", weight: 3) { errors { message } }
    }`,
  );
  assert.deepEqual(seeded.printSpecUpdate.errors, []);
  assert.deepEqual(seeded.complexityWeightUpdate.errors, []);
  assert.deepEqual(seeded.mugWeight.errors, []);
  // an artist's skill whose product type the shop has since deleted in Saleor
  const skilled = await env.query(
    "manager",
    `mutation { staffSkillsUpdate(userId: "${USERS.artist.user_id}", skills: ["retired-frames"]) { errors { message } } }`,
  );
  assert.deepEqual(skilled.staffSkillsUpdate.errors, []);
});

after(async () => {
  await env?.stop();
});

const SAVED = `{
  printSpecs { productTypes { productTypeSlug source spec { printWidthIn printHeightIn minDpi warnDpi } } }
  complexityWeights { productTypeSlug weight }
  notificationSettings { delays { event minutes } quietHoursStart quietHoursEnd }
  fulfilmentSettings { graceMinutes slaHours }
}`;

test("a manager edits a print spec, a weight, a notification and a fulfilment setting, removes a weight; a reload shows them", async () => {
  const { page, frame, consoleErrors } = await openMount(env, { path: "/dashboard/", user: "manager" });

  // the print spec of posters, from the keyboard: its width and the warning DPI, Enter saves
  const specs = frame.getByTestId("print-specs");
  const poster = specs.locator('[data-testid="print-spec-row"][data-product-type="poster"]');
  await poster.getByText("24 × 36 in", { exact: false }).waitFor();
  await poster.getByRole("button", { name: "Edit the print spec of poster" }).click();
  const specForm = specs.getByRole("form", { name: "Print spec of poster" });
  await specForm.getByLabel("Width (in)").fill("20");
  await specForm.getByLabel("Flagged under (DPI)").fill("250");
  await specForm.getByLabel("Flagged under (DPI)").press("Enter");
  await specs.getByText("Print spec of poster saved.").waitFor();
  await poster.getByText("20 × 36 in · refused under 100 DPI (2000 × 3600 px) · flagged under 250 DPI", { exact: false }).waitFor();

  // the complexity weight of posters
  const weights = frame.getByTestId("complexity-weights");
  const weight = weights.getByLabel("Units for poster");
  await weight.fill("5");
  await weight.press("Enter");
  await weights.locator('[data-testid="weight-row"][data-product-type="poster"]').getByText("Saved.").waitFor();
  // and the weight of mugs removed: they take 1 unit again
  await weights.getByRole("button", { name: "Remove the weight of mug" }).click();
  await weights.getByText("mug takes 1 unit again.").waitFor();
  await weights.locator('[data-testid="weight-row"][data-product-type="mug"]').waitFor({ state: "detached" });

  // a notification setting: the shipped email waits 45 minutes; quiet hours at night
  const notifications = frame.getByTestId("notification-settings");
  await notifications.getByLabel("Delay of Order shipped in minutes").fill("45");
  await notifications.getByLabel("Quiet from").fill("21:00");
  await notifications.getByLabel("Quiet until").fill("07:00");
  await notifications.getByRole("button", { name: "Save notification settings" }).click();
  await notifications.getByText("Saved.").waitFor();

  // the fulfilment settings: a 45 minute grace window and 36 hours for artwork
  const fulfilment = frame.getByTestId("fulfilment-settings");
  await fulfilment.getByLabel("Grace window (minutes)").fill("45");
  await fulfilment.getByLabel("SLA hours for Artwork", { exact: true }).fill("36");
  await fulfilment.getByRole("button", { name: "Save fulfilment settings" }).click();
  await fulfilment.getByText("Saved.").waitFor();

  // PodOps holds them
  const saved = await env.query("manager", SAVED);
  assert.deepEqual(saved.printSpecs.productTypes, [
    {
      productTypeSlug: "poster",
      source: "PRODUCT_TYPE",
      spec: { printWidthIn: "20.00", printHeightIn: "36.00", minDpi: 100, warnDpi: 250 },
    },
  ]);
  assert.deepEqual(saved.complexityWeights, [{ productTypeSlug: "poster", weight: 5 }]);
  assert.equal(saved.notificationSettings.delays.find((delay) => delay.event === "ORDER_SHIPPED").minutes, 45);
  assert.deepEqual(
    [saved.notificationSettings.quietHoursStart, saved.notificationSettings.quietHoursEnd],
    ["21:00:00", "07:00:00"],
  );
  assert.equal(saved.fulfilmentSettings.graceMinutes, 45);
  assert.equal(JSON.parse(saved.fulfilmentSettings.slaHours).ARTWORK, 36);

  // a reload shows what was saved
  await page.reload();
  const reloaded = page.frameLocator("#app-frame");
  await reloaded
    .locator('[data-testid="print-spec-row"][data-product-type="poster"]')
    .getByText("20 × 36 in", { exact: false })
    .waitFor();
  assert.equal(await reloaded.getByTestId("complexity-weights").getByLabel("Units for poster").inputValue(), "5");
  const notificationsAgain = reloaded.getByTestId("notification-settings");
  assert.equal(await notificationsAgain.getByLabel("Delay of Order shipped in minutes").inputValue(), "45");
  assert.equal(await notificationsAgain.getByLabel("Quiet from").inputValue(), "21:00");
  const fulfilmentAgain = reloaded.getByTestId("fulfilment-settings");
  assert.equal(await fulfilmentAgain.getByLabel("Grace window (minutes)").inputValue(), "45");
  assert.equal(await fulfilmentAgain.getByLabel("SLA hours for Artwork", { exact: true }).inputValue(), "36");
  assert.deepEqual(consoleErrors, []);
  await page.screenshot({ path: env.screenshotPath("role-manager-configuration"), fullPage: true });
  await sectionScreenshots(reloaded, "role-manager-configuration");
  await page.close();
});

/** The page is taller than the frame: one screenshot per new section as well. */
async function sectionScreenshots(frame, prefix) {
  for (const section of ["print-specs", "complexity-weights", "fulfilment-settings", "notification-settings"]) {
    await frame.getByTestId(section).screenshot({ path: env.screenshotPath(`${prefix}-${section}`) });
  }
}

test("a value PodOps refuses shows its message and changes nothing", async () => {
  const { page, frame } = await openMount(env, { path: "/dashboard/", user: "manager" });
  const specs = frame.getByTestId("print-specs");
  await specs.getByRole("button", { name: "Edit the print spec of poster" }).click();
  const specForm = specs.getByRole("form", { name: "Print spec of poster" });

  await specForm.getByLabel("Width (in)").fill("0");
  await specForm.getByRole("button", { name: "Save print spec" }).click();

  await specForm
    .getByRole("alert")
    .getByText("The print width is more than 0 and at most 1000 inches, with at most two decimals")
    .waitFor();
  assert.equal(await specForm.getByLabel("Width (in)").getAttribute("aria-invalid"), "true");
  const saved = await env.query("manager", "{ printSpecs { productTypes { spec { printWidthIn } } } }");
  assert.equal(saved.printSpecs.productTypes[0].spec.printWidthIn, "20.00");
  await specs.screenshot({ path: env.screenshotPath("role-manager-configuration-refused") });

  // Escape leaves the form without saving; the focus goes back to the button that opened it
  await specForm.getByLabel("Width (in)").press("Escape");
  await specForm.waitFor({ state: "detached" });
  const edit = specs.getByRole("button", { name: "Edit the print spec of poster" });
  assert.equal(await edit.evaluate((button) => button === document.activeElement), true);
  await page.close();
});

test("the configuration page in the dark theme", async () => {
  const { page, frame, consoleErrors } = await openMount(env, { path: "/dashboard/", user: "manager", theme: "dark" });
  await frame.locator('[data-testid="print-spec-row"][data-product-type="poster"]').waitFor();
  await frame.getByTestId("fulfilment-settings").getByLabel("Grace window (minutes)").waitFor();
  await frame.getByTestId("notification-settings").getByLabel("Quiet from").waitFor();
  const appFrame = page.frames().find((candidate) => candidate.url().includes("/dashboard/"));
  assert.equal(await appFrame.evaluate(() => document.documentElement.dataset.podopsTheme), "dark");
  assert.deepEqual(consoleErrors, []);
  await page.screenshot({ path: env.screenshotPath("role-manager-configuration-dark"), fullPage: true });
  await sectionScreenshots(frame, "role-manager-configuration-dark");
  await page.close();
});

async function eventually(read, check, what, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let value;
  while (Date.now() < deadline) {
    value = await read();
    if (check(value)) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what}: ${JSON.stringify(value)}`);
}

test("a manager picks product types from Saleor's: a new weight, an artist's skill; a skill Saleor no longer knows stays", async () => {
  const { page, frame, consoleErrors } = await openMount(env, { path: "/dashboard/", user: "manager" });

  // a saved weight is named as Saleor names it; a new one's product type is searched and picked
  const weights = frame.getByTestId("complexity-weights");
  await weights.locator('[data-testid="weight-row"][data-product-type="poster"]').getByText("Poster (poster)").waitFor();
  const add = weights.getByRole("form", { name: "Add a complexity weight" });
  const picker = add.getByRole("combobox", { name: /^Product type/ });
  await pick(frame, picker, "canv", "Canvas print (canvas-print)");
  await add.getByLabel("Work units").fill("4");
  await add.getByRole("button", { name: "Add weight" }).click();
  await weights.getByText("canvas-print takes 4 units.").waitFor();

  // the artist's skill Saleor no longer knows is shown and kept; Poster is added from the keyboard
  const artist = frame.getByTestId("person-row").filter({ hasText: USERS.artist.email });
  await artist.getByText("retired-frames (not in Saleor)").waitFor();
  const skills = artist.getByRole("combobox", { name: /^Skills/ });
  await skills.click();
  // as a person types: macaw's multiselect takes a key's text into its input one render later, so
  // keys sent with no pause while the page re-renders (the weight's save refetches) can be lost
  await skills.pressSequentially("post", { delay: 60 });
  await frame.getByRole("option", { name: "Poster (poster)" }).waitFor();
  await skills.press("Enter");
  await artist.getByText("Poster (poster)").waitFor();
  await page.screenshot({ path: env.screenshotPath("role-manager-configuration-product-types"), fullPage: true });
  await artist.getByRole("button", { name: `Save the skills of ${USERS.artist.email}` }).click();

  // PodOps holds them
  const saved = await eventually(
    () => env.query("manager", "{ staff { userId skills } complexityWeights { productTypeSlug weight } }"),
    (data) => data.staff.find((person) => person.userId === USERS.artist.user_id)?.skills.length === 2,
    "The artist's skills were not saved",
  );
  // PodOps keeps skills sorted
  assert.deepEqual(saved.staff.find((person) => person.userId === USERS.artist.user_id).skills, ["poster", "retired-frames"]);
  assert.deepEqual(
    saved.complexityWeights.find((row) => row.productTypeSlug === "canvas-print"),
    { productTypeSlug: "canvas-print", weight: 4 },
  );
  // Saleor was searched as the manager typed
  const searches = env.dashboard.saleorRequests.filter((operation) => operation.operationName === "ProductTypes");
  assert.ok(searches.some((operation) => operation.variables.search === "canv"), JSON.stringify(searches));
  assert.deepEqual(consoleErrors, []);
  await page.close();
});

// Picks an option of a product type picker after typing ``typed``. The picker asks Saleor as the
// person types and redraws its options when each answer comes: under load a click can land on an
// option that is being replaced and be lost (the picker then still shows what was typed), so the
// pick waits for Saleor to have been asked for ``typed``, then clicks until the picker shows it.
async function pick(frame, picker, typed, label) {
  const searches = () =>
    env.dashboard.saleorRequests.filter((op) => op.operationName === "ProductTypes" && op.variables.search === typed).length;
  const asked = searches();
  await picker.click();
  await picker.pressSequentially(typed);
  await eventually(searches, (count) => count > asked, `Saleor was not asked for ${typed}`);
  for (let attempt = 1; ; attempt += 1) {
    await frame.getByRole("option", { name: label }).click();
    try {
      await eventually(() => picker.inputValue(), (value) => value === label, `The picker does not show ${label}`, 3_000);
      return;
    } catch (error) {
      if (attempt === 3) {
        throw error;
      }
    }
    if (!(await frame.getByRole("option", { name: label }).isVisible())) {
      await picker.press("ArrowDown"); // the list closed without the pick: open it again
    }
  }
}

const OVERRIDES = "{ flowSettings { productTypes { productTypeSlug imageReviewEnabled artworkQcEnabled customerApprovalEnabled } } }";

test("a manager gives a product type picked from Saleor's its own flow, changes it and removes it", async () => {
  const { page, frame, consoleErrors } = await openMount(env, { path: "/dashboard/", user: "manager" });
  const flows = frame.getByTestId("product-type-flows");
  await flows.getByText("Every product type follows the shop").waitFor();

  // canvas prints without artwork QC
  const add = flows.getByRole("form", { name: "Add a product type's flow" });
  const picker = add.getByRole("combobox", { name: /^Product type/ });
  await pick(frame, picker, "canv", "Canvas print (canvas-print)");
  await add.getByLabel("Artwork QC").selectOption({ label: "Off" });
  await add.getByRole("button", { name: "Add override" }).click();
  await flows.getByText("canvas-print has its own flow:", { exact: false }).waitFor();
  const row = flows.locator('[data-testid="flow-override"][data-product-type="canvas-print"]');
  await row.getByText("Canvas print (canvas-print)").waitFor();
  assert.deepEqual((await env.query("manager", OVERRIDES)).flowSettings.productTypes, [
    { productTypeSlug: "canvas-print", imageReviewEnabled: null, artworkQcEnabled: false, customerApprovalEnabled: null },
  ]);

  // and with customer approval, whatever the shop's
  await row.getByLabel("Customer approval").selectOption({ label: "On" });
  await row.getByRole("button", { name: "Save" }).click();
  await row.getByText("Saved.").waitFor();
  assert.deepEqual((await env.query("manager", OVERRIDES)).flowSettings.productTypes, [
    { productTypeSlug: "canvas-print", imageReviewEnabled: null, artworkQcEnabled: false, customerApprovalEnabled: true },
  ]);
  await flows.screenshot({ path: env.screenshotPath("role-manager-configuration-product-type-flow") });

  // removed: canvas prints follow the shop again
  await flows.getByRole("button", { name: "Remove the flow of canvas-print" }).click();
  await flows.getByText("canvas-print follows the shop's flow again.").waitFor();
  await row.waitFor({ state: "detached" });
  assert.deepEqual((await env.query("manager", OVERRIDES)).flowSettings.productTypes, []);
  assert.deepEqual(consoleErrors, []);
  await page.close();
});
