// `npm run audit`: Lighthouse against the production build on a fresh demo database, in
// Debian's Chromium, with no network but 127.0.0.1. Audits the home, a petition, a program and
// the timeline, signed out and signed in, in English and in German, and fails unless accessibility is 100 and best
// practices at least 95 on every one, or if Lighthouse saw a request to any other host.
// Reports: test/.tmp/audit/<page>.json. See docs/decisions/013-lighthouse-audit.md.
//
//   AUDIT_PORT     port for the app (default 3460)
//   NEXT_DIST_DIR  build folder (default .next-audit); AUDIT_BUILD=skip reuses an existing one
//   CHROME_PATH    browser (default /usr/bin/chromium, else `chromium` on the PATH)
import { encode } from "@auth/core/jwt";
import { execFileSync, execSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { childEnv, toolsConfig } from "@/lib/config";
import { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALES } from "@/i18n/locales";
import { createDb } from "@/lib/db/client";
import { prepareDatabase } from "./prepare-db";

const tools = toolsConfig();
const PORT = tools.AUDIT_PORT;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DIST = tools.NEXT_DIST_DIR ?? ".next-audit";
const DB_URL = "file:./test/.tmp/audit.db";
const OUT = path.resolve("test/.tmp/audit");
const SECRET = randomBytes(32).toString("base64url");
/** The issue's targets. Thresholds are Lighthouse's 0–100 scores. */
const TARGET = { accessibility: 100, bestPractices: 95 } as const;
/** Someone who signs in and sees the sign form, the comment form and their notifications. */
const SIGNED_IN_EMAIL = "jonas.berg@example.com";

// The flags ENVIRONMENT.md lists for Debian's Chromium, plus a resolver that answers every host
// but 127.0.0.1 with "not found", so nothing can leave the machine even if something tried.
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

type PageResult = { name: string; url: string; accessibility: number; bestPractices: number; foreign: string[]; failing: string[] };
type DevtoolsLog = { method: string; params: unknown }[];

function chromePath(): string {
  if (tools.CHROME_PATH) return tools.CHROME_PATH;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  try {
    return execSync("command -v chromium || command -v chromium-browser", { encoding: "utf8" }).trim().split("\n")[0]!;
  } catch {
    throw new Error("Chromium was not found. Install it (apt-get install -y chromium) or set CHROME_PATH.");
  }
}

function startServer(): ChildProcess {
  const server = spawn(process.execPath, ["server.mjs", "-p", String(PORT), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
    env: childEnv({
      NODE_ENV: "production",
      NEXT_DIST_DIR: DIST,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: DB_URL,
      AUTH_SECRET: SECRET,
      AUTH_TRUST_HOST: "true",
      // Pages as a production deployment shows them: no development sign-in banner. The
      // signed-in runs carry a session cookie instead.
      AUTH_DEV_LOGIN: "false",
      AUTH_URL: ORIGIN,
      // Nothing in the background changes the pages while they are measured.
      UNDERSIGNED_SCHEDULER: "off",
    }),
  });
  return server;
}

/** Stops the server and its workers: the whole process group this script started. */
function stopServer(server: ChildProcess) {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    // already gone
  }
}

async function waitUntilUp(server: ChildProcess) {
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`the app exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`${ORIGIN}/api/petitions`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the app did not start within a minute");
}

/** Every request URL in Lighthouse's DevTools log. */
function requestedUrls(devtoolsLog: DevtoolsLog): string[] {
  return devtoolsLog.filter((e) => e.method === "Network.requestWillBeSent").map((e) => (e.params as { request: { url: string } }).request.url);
}

/** Requests that leave the app's origin. */
function foreignRequests(urls: string[]): string[] {
  return [...new Set(urls.filter((u) => !/^(data|blob|about|chrome|chrome-extension|devtools):/.test(u) && new URL(u).origin !== ORIGIN))];
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  for (const file of ["", "-wal", "-shm"]) rmSync(`test/.tmp/audit.db${file}`, { force: true });
  if (tools.AUDIT_BUILD === "skip") {
    if (!existsSync(path.join(DIST, "BUILD_ID"))) throw new Error(`AUDIT_BUILD=skip, but ${DIST} holds no build`);
  } else {
    console.log(`Building the production app into ${DIST}…`);
    try {
      execFileSync("npm", ["run", "build"], { stdio: "pipe", env: childEnv({ NEXT_DIST_DIR: DIST }) });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
      process.stderr.write(`${stdout ?? ""}${stderr ?? ""}`);
      throw new Error("the build failed");
    }
  }
  console.log("Creating a fresh demo database…");
  const summary = (await prepareDatabase(DB_URL, { seed: true }))!;
  const db = createDb(DB_URL);
  const person = await db.user.findUniqueOrThrow({ where: { email: SIGNED_IN_EMAIL }, select: { id: true, sessionVersion: true } });
  await db.$disconnect();
  // The session cookie the app would set after signing in (it holds only the account id).
  const cookie = `authjs.session-token=${await encode({ token: { uid: person.id, sub: person.id, sv: person.sessionVersion }, secret: SECRET, salt: "authjs.session-token" })}`;

  const pages = [
    { name: "home", path: "/" },
    { name: "petition", path: `/petitions/${summary.mainPetitionSlug}` },
    { name: "program", path: "/programs/flow-insights" },
    { name: "timeline", path: "/timeline" },
  ];

  const { default: lighthouse } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const server = startServer();
  let chrome: Awaited<ReturnType<typeof chromeLauncher.launch>> | null = null;
  const results: PageResult[] = [];
  try {
    await waitUntilUp(server);
    chrome = await chromeLauncher.launch({ chromePath: chromePath(), chromeFlags: CHROME_FLAGS, logLevel: "error" });
    // Every page in each interface language (docs/decisions/029): the remembered choice's cookie.
    for (const locale of LOCALES)
    for (const signedIn of [false, true]) {
      for (const p of pages) {
        const name = `${p.name}${signedIn ? "-signed-in" : ""}${locale === DEFAULT_LOCALE ? "" : `-${locale}`}`;
        const cookies = [...(signedIn ? [cookie] : []), ...(locale === DEFAULT_LOCALE ? [] : [`${LOCALE_COOKIE}=${locale}`])];
        const url = ORIGIN + p.path;
        // So the run measures the language it claims to.
        const html = await (await fetch(url, { headers: cookies.length > 0 ? { Cookie: cookies.join("; ") } : {} })).text();
        if (!html.includes(`<html lang="${locale}"`)) throw new Error(`${name}: expected the page in ${locale}, but it was not`);
        const audit = () =>
          lighthouse(url, {
            port: chrome!.port,
            output: "json",
            logLevel: "error",
            onlyCategories: ["accessibility", "best-practices"],
            // Scores here do not depend on speed; no simulated slow network is needed.
            throttlingMethod: "provided",
            extraHeaders: cookies.length > 0 ? { Cookie: cookies.join("; ") } : null,
          });
        let run = await audit();
        // On a busy machine Chromium now and then reports a load it could not finish
        // (an "interstitial"); that says nothing about the page, so it gets one more try.
        if (run?.lhr.runtimeError) {
          console.warn(`Lighthouse could not load ${url} (${run.lhr.runtimeError.code}); trying once more.`);
          run = await audit();
        }
        if (!run) throw new Error(`Lighthouse returned nothing for ${url}`);
        const lhr = run.lhr;
        if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
        writeFileSync(path.join(OUT, `${name}.json`), typeof run.report === "string" ? run.report : JSON.stringify(lhr));
        const urls = requestedUrls(run.artifacts.DevtoolsLog as DevtoolsLog);
        // Signed-in pages collect the week's anonymous tokens in the background; signed-out pages
        // cannot. So the runs measured what they claim to.
        const collected = urls.some((u) => u.startsWith(`${ORIGIN}/api/tokens`));
        if (collected !== signedIn) throw new Error(`${name}: expected the page ${signedIn ? "signed in" : "signed out"}, but it was not`);
        const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
        const failing = Object.values(lhr.categories)
          .flatMap((c) => c.auditRefs.filter((r) => r.weight > 0).map((r) => ({ category: c.id, audit: lhr.audits[r.id]! })))
          .filter(({ audit }) => audit.score !== null && audit.score < 1)
          .map(({ category, audit }) => `${category}: ${audit.id} (${audit.title})`);
        results.push({
          name,
          url: p.path,
          accessibility: score("accessibility"),
          bestPractices: score("best-practices"),
          foreign: foreignRequests(urls),
          failing,
        });
      }
    }
  } finally {
    if (chrome) chrome.kill();
    stopServer(server);
  }

  const rows = results.map((r) => {
    const ok = r.accessibility >= TARGET.accessibility && r.bestPractices >= TARGET.bestPractices && r.foreign.length === 0;
    return { ...r, ok };
  });
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  console.log(`\n${pad("page", 24)}${pad("path", 60)}${pad("accessibility", 15)}${pad("best practices", 16)}${pad("other hosts", 13)}result`);
  for (const r of rows) {
    const shownPath = r.url.length > 57 ? `${r.url.slice(0, 56)}…` : r.url;
    console.log(`${pad(r.name, 24)}${pad(shownPath, 60)}${pad(r.accessibility, 15)}${pad(r.bestPractices, 16)}${pad(r.foreign.length, 13)}${r.ok ? "pass" : "FAIL"}`);
  }
  console.log(`\nTargets: accessibility ${TARGET.accessibility}, best practices ≥ ${TARGET.bestPractices}, no request to another host. Reports: ${path.relative(process.cwd(), OUT)}/`);
  const failed = rows.filter((r) => !r.ok);
  for (const r of failed) {
    console.error(`\n${r.name}:`);
    for (const f of r.failing) console.error(`  ${f}`);
    for (const u of r.foreign) console.error(`  request to another host: ${u}`);
  }
  if (failed.length > 0) process.exit(1);
}

main().catch((error: unknown) => {
  console.error("The audit could not run:", error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
