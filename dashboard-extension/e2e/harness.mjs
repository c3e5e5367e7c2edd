/**
 * The e2e environment: the real PodOps server (gunicorn via `podops serve --no-worker`) on a free
 * port with a temporary database, a fake Saleor Dashboard host page that frames the built extension
 * and plays App Bridge, and Debian's Chromium driven by playwright-core. Nothing is downloaded.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { exportJWK, FlattenedSign, generateKeyPair, SignJWT } from "jose";
import { chromium } from "playwright-core";

const HERE = dirname(fileURLToPath(import.meta.url));
export const EXTENSION_DIR = resolve(HERE, "..");
export const REPO_DIR = resolve(EXTENSION_DIR, "..");
export const ARTIFACTS_DIR = resolve(
  process.env.E2E_ARTIFACTS_DIR ?? join(REPO_DIR, "test-artifacts", "e2e"),
);
const PYTHON = process.env.PODOPS_PYTHON ?? join(REPO_DIR, ".venv", "bin", "python");
const CHROMIUM = process.env.E2E_CHROMIUM ?? "/usr/bin/chromium";

export const APP_ID = "QXBwOjQy"; // "App:42"

/** Dashboard users the host page can sign in as (claims as a real Saleor 3.24 issues them). */
export const USERS = {
  manager: {
    user_id: "VXNlcjox",
    email: "manager@example.com",
    is_staff: true,
    user_permissions: ["MANAGE_ORDERS", "MANAGE_APPS", "MANAGE_STAFF"],
  },
  staff: {
    user_id: "VXNlcjoy",
    email: "staff@example.com",
    is_staff: true,
    user_permissions: ["MANAGE_ORDERS"],
  },
  imageProcessor: {
    user_id: "VXNlcjoxMA==",
    email: "irene.images@example.com",
    is_staff: true,
    user_permissions: ["MANAGE_ORDERS"],
  },
  artist: {
    user_id: "VXNlcjoxMQ==",
    email: "arthur.artist@example.com",
    is_staff: true,
    user_permissions: ["MANAGE_ORDERS"],
  },
  qc: {
    user_id: "VXNlcjoxMg==",
    email: "quinn.qc@example.com",
    is_staff: true,
    user_permissions: ["MANAGE_ORDERS"],
  },
  fulfiller: {
    user_id: "VXNlcjoxMw==",
    email: "fiona.fulfils@example.com",
    is_staff: true,
    user_permissions: ["MANAGE_ORDERS"],
  },
};

/** PodOps roles seeded for the e2e users (the manager is ADMIN through MANAGE_APPS as well). */
export const ROLE_GRANTS = [
  { user: "manager", role: "ADMIN" },
  { user: "imageProcessor", role: "IMAGE_PROCESSOR" },
  { user: "artist", role: "ARTIST" },
  { user: "qc", role: "ART_QC" },
  { user: "fulfiller", role: "FULFILLER" },
].map(({ user, role }) => ({ user_id: USERS[user].user_id, email: USERS[user].email, role }));

export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * fetch, sent again once when the server had already closed the kept-alive connection (gunicorn
 * closes idle ones after 2 s; the request never reached it, so sending it again is safe).
 */
export async function fetchPodOps(url, init) {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (["UND_ERR_SOCKET", "ECONNRESET"].includes(error?.cause?.code)) {
      return fetch(url, init);
    }
    throw error;
  }
}

async function waitFor(check, { timeoutMs, what }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      if (await check()) {
        return;
      }
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Timed out waiting for ${what}${lastError ? `: ${lastError.message}` : ""}`);
}

/** The fake shop's product types in Saleor (what the settings pickers offer). */
export const SALEOR_PRODUCT_TYPES = [
  { slug: "canvas-print", name: "Canvas print" },
  { slug: "portrait", name: "Pet portrait" },
  { slug: "poster", name: "Poster" },
];

/** `productTypes` as Saleor answers it: name or slug contains `search`, only `slugs`, by name. */
function productTypesAnswer({ search, slugs, first }) {
  const text = (search ?? "").toLowerCase();
  const found = SALEOR_PRODUCT_TYPES.filter(
    (type) => (type.name.toLowerCase().includes(text) || type.slug.includes(text)) && (!slugs?.length || slugs.includes(type.slug)),
  );
  return { data: { productTypes: { edges: found.slice(0, first).map((node) => ({ node })) } } };
}

/** What the fake Saleor answers to what PodOps sends (by operation; a function gets the variables). */
const SALEOR_ANSWERS = {
  UpdatePublicMetadata: { data: { updateMetadata: { errors: [] } } },
  OrderNoteAdd: { data: { orderNoteAdd: { errors: [] } } },
  ProductTypes: productTypesAnswer,
};

/** The signing key of the fake Saleor instance, and its public JWKS. */
async function createSigningKey() {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = `e2e-${randomUUID()}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  return { privateKey, kid, jwks: { keys: [publicJwk] } };
}

/**
 * The fake dashboard's origin: the host page, the JWKS at /.well-known/jwks.json (the Saleor
 * instance's key set), the token mint, and a Saleor GraphQL stub that records what PodOps asks.
 */
async function startFakeDashboard({ signingKey, port }) {
  const origin = `http://127.0.0.1:${port}`;
  const saleorApiUrl = `${origin}/graphql/`;
  const saleorRequests = [];

  async function mintToken({ user, ttl = 300 }) {
    const claims = USERS[user];
    if (!claims) {
      throw new Error(`Unknown e2e user ${user}`);
    }
    const issuedAt = Math.floor(Date.now() / 1000);
    return new SignJWT({
      owner: "saleor",
      token: randomUUID().slice(0, 12),
      type: "thirdparty",
      app: APP_ID,
      permissions: ["MANAGE_ORDERS"],
      ...claims,
    })
      .setProtectedHeader({ alg: "RS256", kid: signingKey.kid, typ: "JWT" })
      .setIssuer(saleorApiUrl)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttl)
      .sign(signingKey.privateKey);
  }

  const staticFiles = {
    "/host.html": ["text/html", join(HERE, "host", "host.html")],
    "/host.js": ["text/javascript", join(HERE, "host", "host.js")],
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url, origin);
    const body = await new Promise((r) => {
      const chunks = [];
      request.on("data", (chunk) => chunks.push(chunk));
      request.on("end", () => r(Buffer.concat(chunks).toString("utf8")));
    });
    const send = (status, type, text) => {
      response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      response.end(text);
    };
    try {
      if (request.method === "GET" && staticFiles[url.pathname]) {
        const [type, file] = staticFiles[url.pathname];
        send(200, type, readFileSync(file));
      } else if (request.method === "GET" && url.pathname === "/.well-known/jwks.json") {
        send(200, "application/json", JSON.stringify(signingKey.jwks));
      } else if (request.method === "POST" && url.pathname === "/mint-token") {
        const token = await mintToken(JSON.parse(body));
        send(200, "application/json", JSON.stringify({ token }));
      } else if (request.method === "POST" && url.pathname === "/graphql/") {
        const operation = JSON.parse(body);
        saleorRequests.push(operation);
        const scripted = SALEOR_ANSWERS[operation.operationName];
        const answer = typeof scripted === "function" ? scripted(operation.variables ?? {}) : scripted;
        send(
          200,
          "application/json",
          JSON.stringify(answer ?? { data: null, errors: [{ message: "The e2e fake Saleor has no data." }] }),
        );
      } else {
        send(404, "text/plain", "not found");
      }
    } catch (error) {
      send(500, "text/plain", String(error));
    }
  });
  await new Promise((r) => server.listen(port, "127.0.0.1", r));
  /** A Saleor webhook delivery signed like Saleor does (JWS, RS256, detached unencoded payload). */
  async function signWebhook(body) {
    const jws = await new FlattenedSign(new TextEncoder().encode(body))
      .setProtectedHeader({ alg: "RS256", b64: false, crit: ["b64"], kid: signingKey.kid })
      .sign(signingKey.privateKey);
    return `${jws.protected}..${jws.signature}`;
  }

  return {
    origin,
    saleorApiUrl,
    saleorRequests,
    mintToken,
    signWebhook,
    stop: () => new Promise((r) => server.close(r)),
  };
}

function podopsEnv({ varDir, publicUrl }) {
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
    PODOPS_ALLOWED_SALEOR_URLS: "http://127.0.0.1:*/graphql/",
    PODOPS_LOG_LEVEL: process.env.E2E_PODOPS_LOG_LEVEL ?? "WARNING",
  };
}

/** Seed the installation, then run `podops serve --no-worker` and wait for /api/health. */
async function startPodOps({ port, varDir, dashboard, signingKey }) {
  const publicUrl = `http://127.0.0.1:${port}`;
  const env = podopsEnv({ varDir, publicUrl });
  mkdirSync(varDir, { recursive: true });
  const seeded = spawnSync(PYTHON, [join(HERE, "seed_installation.py")], {
    cwd: REPO_DIR,
    env: {
      ...env,
      E2E_SALEOR_API_URL: dashboard.saleorApiUrl,
      E2E_APP_ID: APP_ID,
      E2E_JWKS: JSON.stringify(signingKey.jwks),
      E2E_ROLES: JSON.stringify(ROLE_GRANTS),
    },
    encoding: "utf8",
  });
  if (seeded.status !== 0) {
    throw new Error(`Seeding the installation failed:\n${seeded.stdout}\n${seeded.stderr}`);
  }
  const logs = [];
  const child = spawn(
    PYTHON,
    ["-m", "saleor_podops.cli", "serve", "--no-worker", "--bind", `127.0.0.1:${port}`, "--workers", "2"],
    { cwd: REPO_DIR, env, stdio: ["ignore", "pipe", "pipe"], detached: false },
  );
  child.stdout.on("data", (chunk) => logs.push(chunk.toString()));
  child.stderr.on("data", (chunk) => logs.push(chunk.toString()));
  const exited = new Promise((r) => child.once("exit", r));
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) {
          throw new Error(`podops serve exited with ${child.exitCode}:\n${logs.join("")}`);
        }
        const response = await fetchPodOps(`${publicUrl}/api/health`);
        return response.ok;
      },
      { timeoutMs: 60_000, what: "PodOps /api/health" },
    );
  } catch (error) {
    child.kill("SIGTERM");
    throw error;
  }
  return {
    url: publicUrl,
    logs,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      }
    },
  };
}

async function launchChromium(userDataDir) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  }
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Start everything; `stop()` ends what was started, in reverse order. */
export async function startEnvironment() {
  if (!existsSync(join(EXTENSION_DIR, "dist", "index.html"))) {
    throw new Error("dashboard-extension/dist is missing: run `npm run build` first");
  }
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), "podops-e2e-"));
  const stops = [];
  try {
    const signingKey = await createSigningKey();
    const dashboard = await startFakeDashboard({ signingKey, port: await freePort() });
    stops.push(dashboard.stop);
    const podops = await startPodOps({
      port: await freePort(),
      varDir: join(workDir, "var"),
      dashboard,
      signingKey,
    });
    stops.push(podops.stop);
    const browser = await launchChromium(join(workDir, "chromium-profile"));
    stops.push(() => browser.close());

    return {
      dashboard,
      podops,
      browser,
      hostUrl({ path, theme = "light", user = "manager", tokenTtl = 300, context = "" }) {
        const url = new URL("/host.html", dashboard.origin);
        url.search = new URLSearchParams({
          podops: podops.url,
          path,
          appId: APP_ID,
          theme,
          user,
          tokenTtl: String(tokenTtl),
          context,
        }).toString();
        return url.toString();
      },
      screenshotPath: (name) => join(ARTIFACTS_DIR, `${name}.png`),
      workDir,
      /** Deliver a Saleor webhook to PodOps, signed by the fake instance. */
      async deliverWebhook(event, payload) {
        const body = JSON.stringify(payload);
        const response = await fetchPodOps(`${podops.url}/api/webhooks/${event.replaceAll("_", "-")}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "saleor-event": event,
            "saleor-domain": "127.0.0.1",
            "saleor-api-url": dashboard.saleorApiUrl,
            "saleor-signature": await dashboard.signWebhook(body),
          },
          body,
        });
        if (!response.ok) {
          throw new Error(`PodOps answered the ${event} webhook with ${response.status}: ${await response.text()}`);
        }
      },
      /** A customer's photo sent the way a storefront does (anonymous upload session); its reference. */
      async uploadCustomerPhoto(path) {
        const headers = { "saleor-api-url": dashboard.saleorApiUrl };
        const session = await fetchPodOps(`${podops.url}/api/uploads/sessions`, { method: "POST", headers });
        if (session.status !== 201) {
          throw new Error(`Upload session refused: ${session.status} ${await session.text()}`);
        }
        const { token } = await session.json();
        const form = new FormData();
        form.append("file", new Blob([readFileSync(path)], { type: "image/png" }), basename(path));
        const upload = await fetchPodOps(`${podops.url}/api/uploads`, {
          method: "POST",
          headers: { ...headers, "podops-upload-session": token },
          body: form,
        });
        if (!upload.ok) {
          throw new Error(`Upload refused: ${upload.status} ${await upload.text()}`);
        }
        return (await upload.json()).reference;
      },
      /** Ask PodOps' staff API directly, as one of the e2e users (assertions and waiting). */
      async query(user, query, variables = {}) {
        const response = await fetchPodOps(`${podops.url}/graphql/`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "authorization-bearer": await dashboard.mintToken({ user }),
            "saleor-api-url": dashboard.saleorApiUrl,
          },
          body: JSON.stringify({ query, variables }),
        });
        const answer = await response.json();
        if (answer.errors?.length) {
          throw new Error(answer.errors.map((error) => error.message).join("; "));
        }
        return answer.data;
      },
      /** Real PNG files (made by Pillow) in the run's folder; resolves with their paths. */
      makeImages(names) {
        const folder = join(workDir, "images");
        const made = spawnSync(PYTHON, [join(HERE, "make_images.py"), folder, ...names], { encoding: "utf8" });
        if (made.status !== 0) {
          throw new Error(`make_images.py failed: ${made.stderr}`);
        }
        return names.map((name) => join(folder, name));
      },
      async stop() {
        for (const stop of stops.reverse()) {
          await stop().catch(() => undefined);
        }
        rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) {
      await stop().catch(() => undefined);
    }
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}

/** Open the host page on a mount; resolves with the page and the extension's frame. */
export async function openMount(env, options) {
  const page = await env.browser.newPage();
  const podopsRequests = [];
  page.on("request", (request) => {
    if (request.url().startsWith(`${env.podops.url}/graphql/`)) {
      podopsRequests.push({ headers: request.headers(), body: request.postData() });
    }
  });
  const consoleErrors = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      consoleErrors.push(message.text());
    }
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  const failedResponses = [];
  page.on("response", (response) => {
    if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) {
      failedResponses.push(`${response.status()} ${response.url()}`);
    }
  });
  await page.goto(env.hostUrl(options));
  const frame = page.frameLocator("#app-frame");
  return { page, frame, podopsRequests, consoleErrors, failedResponses };
}
