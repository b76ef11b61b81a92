// The API contract: every route under app/api is described in the OpenAPI document the server
// serves at /api/openapi.json (or named in its x-undocumented-routes with a reason), and every
// documented answer is what the server really sends. Each operation is called over HTTP against
// the production build, for its successes and its errors (400, 401, 403, 404, 409, 413, 429
// where they can be reached), and each answer's status must be documented for that operation and
// its body must fit the documented schema (support/json-schema.ts). The last test fails when a
// documented answer was never seen, unless NOT_EXERCISED says why it cannot be reached here.
//
// The server is this spec's own (own-server.ts), on the route fuzzer's database (own-db.ts
// fuzz): petitions in every state, people with session cookies, anonymous tokens and
// unsubscribe links; normal rate limits, so 429 is real.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { blindForPetitions, blindNonces, type KeyInfo, type SignKeyInfo } from "@/lib/anonymity/client";
import { validate } from "./support/json-schema";
import { ownDb, startOwnServer, OWN_ORIGIN, type OwnServer } from "./support/own-server";

const FILE = "test/.tmp/contract.db";
const SECRET = "contract-secret-0123456789abcdef0123456789abcdef";

type Token = { keyId: string; nonce: string; signature: string };
type SignToken = { nonce: string; signature: string };
type Prepared = {
  petitions: { open: string; closed: string; hidden: string; collecting: { id: string; invite: string }; draft: string };
  program: string;
  comments: { top: string; reply: string };
  conversation: { question: string; answerKey: string; answers: { questionId: string; body: string; nonce: string; signature: string }[] };
  people: { id: string; cookie: string }[];
  tokens: Token[];
  spentToken: Token;
  /** Signing tokens for the open petition (decision 018): unspent, and spent anonymously (counted). */
  signTokens: SignToken[];
  spentSignTokens: SignToken[];
  unsubscribe: string[];
};

type Schema = Record<string, unknown>;
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
  "x-undocumented-routes": Record<string, string>;
};

/** Documented answers this spec cannot cause, and why. Everything else must be seen. */
const NOT_EXERCISED: Record<string, string> = {
  "* 500": "a failure of the server itself; no request makes one (api-fuzz.spec.ts checks that none does)",
  "POST /api/comments 429": "the global limit is 300 comments a minute, each paid with a valid token; security.spec.ts tests the limiter",
  "POST /api/petitions/{id}/anonymous-signature 429": "the queue of anonymous signatures waiting for a batch is full only with thousands of valid tokens; lib/anonymity/batch.ts's queue limit is shared with comments",
  "DELETE /api/petitions/{id}/anonymous-signature 429": "as for POST: a full batch queue needs thousands of valid tokens",
  "PUT /api/petitions/{id}/anonymous-signature 429": "as for POST: a full batch queue needs thousands of valid tokens",
  "PUT /api/petitions/{id}/anonymous-signature 202": "needs an anonymous signature made before tokens existed, which only the migration makes; anonymous-signatures.test.ts attaches a token to one",
  "POST /api/comments/answers 429": "the same global limit as comments (300 a minute); security.spec.ts tests the limiter",
};

let server: OwnServer;
let prepared: Prepared;
let doc: Doc;
const seen = new Set<string>();
const problems: string[] = [];

test.setTimeout(240_000);

test.beforeAll(async () => {
  prepared = ownDb<Prepared>("fuzz", `file:./${FILE}`, SECRET);
  // Comment batches once a day, so an accepted comment stays queued (202) while the spec runs.
  server = await startOwnServer(`file:./${FILE}`, SECRET, { UNDERSIGNED_COMMENT_BATCH_SECONDS: "86400" });
  const res = await fetch(`${OWN_ORIGIN}/api/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
});

test.afterAll(() => {
  server?.stop();
});

type Call = {
  /** The documented path, e.g. /api/petitions/{id}. */
  op: string;
  method?: "GET" | "POST" | "PUT" | "DELETE";
  /** The address to call; the documented path when it has no parameters. */
  url?: string;
  cookie?: string;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  expect: number;
};

/** Calls one operation and checks the answer against the document; returns the parsed body. */
async function call(c: Call): Promise<{ status: number; body: unknown; headers: Headers }> {
  const method = c.method ?? "GET";
  const headers: Record<string, string> = { ...(c.cookie ? { cookie: c.cookie } : {}), ...(c.json !== undefined ? { "content-type": "application/json" } : {}), ...c.headers };
  const res = await fetch(`${OWN_ORIGIN}${c.url ?? c.op}`, { method, headers, body: c.json !== undefined ? JSON.stringify(c.json) : c.body, redirect: "manual" });
  const label = `${method} ${c.op} ${res.status}`;
  const type = res.headers.get("content-type") ?? "";
  const text = type.startsWith("text/event-stream") ? "" : await res.text();
  if (res.status !== c.expect) problems.push(`${method} ${c.url ?? c.op}: expected ${c.expect}, got ${res.status} ${text.slice(0, 300)}`);
  seen.add(label);
  const operation = doc.paths[c.op]?.[method.toLowerCase()];
  if (!operation) {
    problems.push(`${method} ${c.op} is not in the document`);
    return { status: res.status, body: null, headers: res.headers };
  }
  const documented = operation.responses[String(res.status)];
  if (!documented) {
    problems.push(`${label}: the document does not list this status (${text.slice(0, 200)})`);
    return { status: res.status, body: null, headers: res.headers };
  }
  const [contentType, media] = Object.entries(documented.content ?? {})[0] ?? [];
  if (!contentType) {
    if (text !== "") problems.push(`${label}: documented without a body, but one came`);
    return { status: res.status, body: null, headers: res.headers };
  }
  if (contentType === "text/event-stream") {
    if (!type.startsWith("text/event-stream")) problems.push(`${label}: expected an event stream, got ${type}`);
    await res.body?.cancel();
    return { status: res.status, body: null, headers: res.headers };
  }
  if (!type.startsWith(contentType)) problems.push(`${label}: expected ${contentType}, got ${type}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push(`${label}: the body is not JSON`);
    return { status: res.status, body: null, headers: res.headers };
  }
  const errors = validate(body, media!.schema, doc.components.schemas);
  if (errors.length) problems.push(`${label} does not fit the document:\n    ${errors.slice(0, 10).join("\n    ")}`);
  return { status: res.status, body, headers: res.headers };
}

function expectNoProblems() {
  const found = problems.splice(0);
  expect(found, found.join("\n")).toEqual([]);
}

const EVIL = { origin: "https://evil.example" };
const HUGE = "x".repeat(1024 * 1024 + 10);
const BAD_ESCAPE = "%zz";

// ---------------------------------------------------------------------------------------------
// Completeness: the app's routes against the document.

/** Route folders under app/api with a route.ts, as /api/petitions/[id], and the methods they export. */
function apiRoutes(dir = path.resolve("app/api"), prefix = "/api"): { route: string; methods: string[] }[] {
  const found: { route: string; methods: string[] }[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...apiRoutes(full, `${prefix}/${entry}`));
    else if (/^route\.tsx?$/.test(entry)) {
      const source = readFileSync(full, "utf8");
      const methods = [...source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
      found.push({ route: prefix, methods });
    }
  }
  return found;
}
/** The Pages Router's API routes (the live stream and the count: decisions 025 and 015), with the methods their METHODS line names. */
function pagesApiRoutes(dir = path.resolve("pages/api"), prefix = "/api"): { route: string; methods: string[] }[] {
  const found: { route: string; methods: string[] }[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...pagesApiRoutes(full, `${prefix}/${entry}`));
    else if (/\.tsx?$/.test(entry)) {
      const line = /const METHODS = \[([^\]]*)\]/.exec(readFileSync(full, "utf8"));
      if (!line) throw new Error(`pages/api${prefix.slice(4)}/${entry} has no METHODS line naming the methods it answers`);
      found.push({ route: `${prefix}/${entry.replace(/\.tsx?$/, "")}`, methods: [...line[1]!.matchAll(/"([A-Z]+)"/g)].map((m) => m[1]!) });
    }
  }
  return found;
}
const toOpenApi = (route: string) => route.replace(/\[([^\]]+)\]/g, "{$1}");

test("every route under app/api (and pages/api) is in the OpenAPI document, and nothing else is", () => {
  expect(doc.openapi).toBe("3.1.0");
  const routes = [...apiRoutes(), ...pagesApiRoutes()];
  const missing: string[] = [];
  for (const { route, methods } of routes) {
    if (route in doc["x-undocumented-routes"]) continue;
    for (const method of methods) {
      if (!doc.paths[toOpenApi(route)]?.[method.toLowerCase()]) {
        missing.push(`${route} answers ${method}, but the OpenAPI document does not describe ${method} ${toOpenApi(route)}: add it to OPERATIONS in lib/api/operations.ts`);
      }
    }
  }
  expect(missing, missing.join("\n")).toEqual([]);
  const exported = new Set(routes.flatMap(({ route, methods }) => methods.map((m) => `${m.toLowerCase()} ${toOpenApi(route)}`)));
  const stale = Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m} ${p}`)).filter((op) => !exported.has(op));
  expect(stale, "documented operations without a route handler").toEqual([]);
  const reasons = Object.keys(doc["x-undocumented-routes"]).filter((r) => !routes.some((x) => x.route === r));
  expect(reasons, "x-undocumented-routes names routes that do not exist").toEqual([]);
});

test("the API page shows every operation from the document and loads nothing from elsewhere", async ({ page }) => {
  const foreign: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(OWN_ORIGIN)) foreign.push(r.url());
  });
  await page.goto(`${OWN_ORIGIN}/developers`);
  await expect(page.getByRole("heading", { level: 1, name: "API for developers" })).toBeVisible();
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const m of Object.keys(methods)) {
      await expect(page.getByRole("heading", { level: 3, name: `${m.toUpperCase()} ${p}`, exact: true })).toBeVisible();
    }
  }
  await expect(page.getByRole("link", { name: "/api/openapi.json", exact: true })).toHaveAttribute("href", "/api/openapi.json");
  await page.goto(`${OWN_ORIGIN}/`);
  await page.getByRole("contentinfo").getByRole("link", { name: "API" }).click();
  await expect(page).toHaveURL(/\/developers$/);
  expect(foreign).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Every operation, its successes and its errors.

test("petitions and counts", async () => {
  const { open, draft } = prepared.petitions;
  const page = await call({ op: "/api/petitions", expect: 200 });
  expect((page.body as { items: unknown[] }).items.length).toBeGreaterThan(0);
  await call({ op: "/api/petitions", url: "/api/petitions?list=closed&limit=1", expect: 200 });
  await call({ op: "/api/petitions", url: "/api/petitions?list=nonsense", expect: 400 });
  await call({ op: "/api/petitions", url: "/api/petitions?cursor=not-a-cursor", expect: 400 });

  const one = "/api/petitions/{id}";
  await call({ op: one, url: `/api/petitions/${open}`, expect: 200 });
  // A named signer sees their own signature (own-db.ts: people 10 to 29 sign by name, 3 to 9
  // anonymously, which the server cannot tell them).
  const mine = await call({ op: one, url: `/api/petitions/${open}`, cookie: prepared.people[10]!.cookie, expect: 200 });
  expect((mine.body as { viewer: { signature: unknown } }).viewer.signature).not.toBeNull();
  await call({ op: one, url: `/api/petitions/${prepared.petitions.collecting.id}?invite=${prepared.petitions.collecting.invite}`, cookie: prepared.people[35]!.cookie, expect: 200 });
  await call({ op: one, url: `/api/petitions/${draft}`, expect: 404 });
  await call({ op: one, url: `/api/petitions/${BAD_ESCAPE}`, expect: 400 });

  const count = "/api/petitions/{id}/count";
  const first = await call({ op: count, url: `/api/petitions/${open}/count`, expect: 200 });
  const etag = first.headers.get("etag");
  expect(etag).toBeTruthy();
  await call({ op: count, url: `/api/petitions/${open}/count`, headers: { "if-none-match": etag! }, expect: 304 });
  await call({ op: count, url: `/api/petitions/${draft}/count`, expect: 404 });
  await call({ op: count, url: `/api/petitions/${BAD_ESCAPE}/count`, expect: 400 });
  expectNoProblems();
});

test("signing and withdrawing", async () => {
  const { open, closed, collecting } = prepared.petitions;
  const sig = "/api/petitions/{id}/signature";
  const url = `/api/petitions/${open}/signature`;
  const signer = prepared.people[31]!.cookie;
  await call({ op: sig, method: "POST", url, json: { visibility: "named" }, expect: 401 });
  await call({ op: sig, method: "POST", url, cookie: signer, json: { visibility: "named" }, expect: 201 });
  await call({ op: sig, method: "POST", url, cookie: signer, json: { visibility: "named" }, expect: 200 });
  await call({ op: sig, method: "POST", url, cookie: signer, json: { visibility: "loudly" }, expect: 400 });
  await call({ op: sig, method: "POST", url, cookie: signer, body: "visibility=named", headers: { "content-type": "application/x-www-form-urlencoded" }, expect: 400 });
  await call({ op: sig, method: "POST", url, cookie: signer, json: { visibility: "named" }, headers: EVIL, expect: 403 });
  await call({ op: sig, method: "POST", url, cookie: signer, body: JSON.stringify({ visibility: HUGE }), headers: { "content-type": "application/json" }, expect: 413 });
  // The route reads its own body (decision 036): what is not UTF-8 is refused as the proxy refuses it elsewhere.
  const notText = await fetch(`${OWN_ORIGIN}${url}`, { method: "POST", headers: { cookie: signer, "content-type": "application/json" }, body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]) });
  expect(notText.status).toBe(400);
  expect(((await notText.json()) as { error: { code: string } }).error.code).toBe("invalid_input");
  const put = await fetch(`${OWN_ORIGIN}${url}`, { method: "PUT", headers: { cookie: signer } });
  expect([put.status, put.headers.get("allow")]).toEqual([405, "POST, DELETE"]);
  expect(((await put.json()) as { error: { code: string; message: string } }).error).toEqual({ code: "method_not_allowed", message: "Sign with POST and withdraw with DELETE." });
  await call({ op: sig, method: "POST", url: "/api/petitions/no-such-petition/signature", cookie: signer, json: { visibility: "named" }, expect: 404 });
  await call({ op: sig, method: "POST", url: `/api/petitions/${closed}/signature`, cookie: signer, json: { visibility: "named" }, expect: 409 });
  // Gathering co-sponsors: hidden without the link; with it, its own organizer may not co-sponsor.
  await call({ op: sig, method: "POST", url: `/api/petitions/${collecting.id}/signature`, cookie: signer, json: { visibility: "named" }, expect: 404 });
  await call({ op: sig, method: "POST", url: `/api/petitions/${collecting.id}/signature`, cookie: prepared.people[0]!.cookie, json: { visibility: "named", invite: collecting.invite }, expect: 403 });

  await call({ op: sig, method: "DELETE", url, expect: 401 });
  await call({ op: sig, method: "DELETE", url, cookie: signer, headers: EVIL, expect: 403 });
  await call({ op: sig, method: "DELETE", url, cookie: signer, body: HUGE, headers: { "content-type": "text/plain" }, expect: 413 });
  await call({ op: sig, method: "DELETE", url, cookie: signer, expect: 200 });
  await call({ op: sig, method: "DELETE", url, cookie: signer, expect: 404 });
  await call({ op: sig, method: "DELETE", url: `/api/petitions/${BAD_ESCAPE}/signature`, cookie: signer, expect: 400 });
  // People 1 and 2 co-sponsored the petition that has since closed.
  await call({ op: sig, method: "DELETE", url: `/api/petitions/${closed}/signature`, cookie: prepared.people[1]!.cookie, expect: 409 });

  // 30 signature changes a minute per person: the 31st is refused, signing and withdrawing alike.
  const busy = prepared.people[32]!.cookie;
  for (let i = 0; i < 30; i++) {
    const res = await fetch(`${OWN_ORIGIN}${url}`, { method: "POST", headers: { cookie: busy, "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(400);
  }
  const limited = await call({ op: sig, method: "POST", url, cookie: busy, json: { visibility: "named" }, expect: 429 });
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  await call({ op: sig, method: "DELETE", url, cookie: busy, expect: 429 });
  expectNoProblems();
});

test("comments: reading and the anonymous door", async () => {
  const { open, draft } = prepared.petitions;
  const onPetition = "/api/petitions/{id}/comments";
  await call({ op: onPetition, url: `/api/petitions/${open}/comments`, expect: 200 });
  await call({ op: onPetition, url: `/api/petitions/${open}/comments?cursor=broken`, expect: 400 });
  await call({ op: onPetition, url: `/api/petitions/${draft}/comments`, expect: 404 });
  const onProgram = "/api/programs/{slug}/comments";
  const thread = await call({ op: onProgram, url: `/api/programs/${prepared.program}/comments?limit=1`, expect: 200 });
  expect((thread.body as { items: { replies: unknown[] }[] }).items[0]!.replies.length).toBe(1);
  await call({ op: onProgram, url: `/api/programs/${prepared.program}/comments?cursor=broken`, expect: 400 });
  await call({ op: onProgram, url: "/api/programs/no-such-program/comments", expect: 404 });

  const post = "/api/comments";
  const token = prepared.tokens[0]!;
  const comment = { thread: { programSlug: prepared.program }, body: "Checked against the OpenAPI document.", token };
  await call({ op: post, method: "POST", json: comment, expect: 202 });
  await call({ op: post, method: "POST", json: comment, expect: 202 }); // re-sent while it waits
  // The first comment, re-sent with the token that paid for it (and its answer key): already published.
  await call({ op: post, method: "POST", json: { thread: { programSlug: prepared.program }, body: "A first comment to reply to.", token: prepared.spentToken, answerKey: prepared.conversation.answerKey }, expect: 200 });
  await call({ op: post, method: "POST", json: { ...comment, body: "Another text with a spent token." }, expect: 409 });
  await call({ op: post, method: "POST", json: comment, cookie: prepared.people[0]!.cookie, expect: 400 });
  await call({ op: post, method: "POST", json: { ...comment, body: "" }, expect: 400 });
  await call({ op: post, method: "POST", json: { thread: { programSlug: "no-such-program" }, body: "Nobody discusses this.", token: prepared.tokens[1]! }, expect: 404 });
  await call({ op: post, method: "POST", json: comment, headers: EVIL, expect: 403 });
  await call({ op: post, method: "POST", body: JSON.stringify({ ...comment, body: HUGE }), headers: { "content-type": "application/json" }, expect: 413 });

  // Answers as the author (decision 026): signed with the first comment's key.
  const answers = "/api/comments/answers";
  const [signed, other] = prepared.conversation.answers as [Prepared["conversation"]["answers"][number], Prepared["conversation"]["answers"][number]];
  await call({ op: answers, method: "POST", json: { ...signed, signature: other.signature }, expect: 400 });
  await call({ op: answers, method: "POST", json: signed, cookie: prepared.people[0]!.cookie, expect: 400 });
  await call({ op: answers, method: "POST", json: { ...signed, questionId: "00000000-0000-4000-8000-000000000000" }, expect: 404 });
  await call({ op: answers, method: "POST", json: signed, headers: EVIL, expect: 403 });
  await call({ op: answers, method: "POST", body: JSON.stringify({ ...signed, body: HUGE }), headers: { "content-type": "application/json" }, expect: 413 });
  await call({ op: answers, method: "POST", json: signed, expect: 202 });
  await call({ op: answers, method: "POST", json: signed, expect: 202 }); // re-sent while it waits
  await call({ op: answers, method: "POST", json: other, expect: 409 }); // another answer while one waits
  expectNoProblems();
});

test("signing tokens and the anonymous door for signatures", async () => {
  const { open, closed, hidden } = prepared.petitions;
  // Someone who has not signed the open petition nor collected its token (people 3 to 29 signed it, 45 to 49 hold tokens).
  const collector = prepared.people[40]!.cookie;
  const tokens = "/api/petitions/tokens";
  await call({ op: tokens, expect: 401 });
  const offered = await call({ op: tokens, cookie: collector, expect: 200 });
  const keys = (offered.body as { petitions: SignKeyInfo[] }).petitions;
  expect(keys.map((k) => k.petitionId)).toContain(open);
  const blinded = await blindForPetitions(keys);
  const request = { tokens: blinded.map((b) => ({ petitionId: b.petitionId, keyId: b.keyId, blindedMessage: b.blindedMessage })) };
  await call({ op: tokens, method: "POST", json: request, expect: 401 });
  await call({ op: tokens, method: "POST", json: request, cookie: collector, headers: EVIL, expect: 403 });
  await call({ op: tokens, method: "POST", body: JSON.stringify({ ...request, pad: HUGE }), headers: { "content-type": "application/json", cookie: collector }, expect: 413 });
  await call({ op: tokens, method: "POST", json: { tokens: [] }, cookie: collector, expect: 400 });
  const collected = await call({ op: tokens, method: "POST", json: request, cookie: collector, expect: 200 });
  expect((collected.body as { issued: { petitionId: string }[] }).issued.map((i) => i.petitionId)).toContain(open);
  // 10 token requests a minute per person, shared with /api/tokens (two were spent above): spend the rest.
  for (let i = 0; i < 8; i++) {
    const res = await fetch(`${OWN_ORIGIN}${tokens}`, { method: "POST", headers: { cookie: collector, "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(400);
  }
  const limited = await call({ op: tokens, method: "POST", json: request, cookie: collector, expect: 429 });
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);

  // The door takes no cookie: every call below is sent without one, except the refusal.
  const door = "/api/petitions/{id}/anonymous-signature";
  const at = (id: string) => `/api/petitions/${id}/anonymous-signature`;
  const [fresh, unsigned] = prepared.signTokens;
  const [counted, withdrawing] = prepared.spentSignTokens;
  for (const method of ["POST", "DELETE", "PUT"] as const) {
    await call({ op: door, method, url: at(open), json: { token: fresh }, cookie: prepared.people[45]!.cookie, expect: 400 });
    await call({ op: door, method, url: at(open), json: { token: { nonce: "AAAA", signature: "AAAA" } }, expect: 400 });
    await call({ op: door, method, url: at(open), json: { token: fresh }, headers: EVIL, expect: 403 });
    await call({ op: door, method, url: at(open), body: JSON.stringify({ token: fresh, pad: HUGE }), headers: { "content-type": "application/json" }, expect: 413 });
    await call({ op: door, method, url: at("no-such-petition"), json: { token: fresh }, expect: 404 });
    await call({ op: door, method, url: at(closed), json: { token: fresh }, expect: 409 });
    await call({ op: door, method, url: at(hidden), json: { token: fresh }, expect: 409 });
  }
  // Signing: queued until the batch (re-sent while it waits), a token already counted answers 200.
  const queued = await call({ op: door, method: "POST", url: at(open), json: { token: fresh }, expect: 202 });
  expect(queued.body).toMatchObject({ status: "queued", op: "sign" });
  await call({ op: door, method: "POST", url: at(open), json: { token: fresh }, expect: 202 });
  await call({ op: door, method: "POST", url: at(open), json: { token: counted }, expect: 200 });
  // Withdrawing the queued one is refused until its batch is written; a counted one is queued; a token that never signed is withdrawn at once.
  await call({ op: door, method: "DELETE", url: at(open), json: { token: fresh }, expect: 409 });
  await call({ op: door, method: "DELETE", url: at(open), json: { token: withdrawing }, expect: 202 });
  await call({ op: door, method: "DELETE", url: at(open), json: { token: unsigned }, expect: 200 });
  // Attaching a counted token (or one with no signature from before tokens to attach to) changes nothing.
  await call({ op: door, method: "PUT", url: at(open), json: { token: counted }, expect: 200 });
  expectNoProblems();
});

test("programs, the timeline and the stream", async () => {
  await call({ op: "/api/programs", expect: 200 });
  await call({ op: "/api/programs", url: "/api/programs?status=active", expect: 200 });
  await call({ op: "/api/programs", url: "/api/programs?status=forgotten", expect: 400 });
  await call({ op: "/api/programs/{slug}", url: `/api/programs/${prepared.program}`, expect: 200 });
  await call({ op: "/api/programs/{slug}", url: "/api/programs/no-such-program", expect: 404 });
  await call({ op: "/api/programs/{slug}", url: `/api/programs/${BAD_ESCAPE}`, expect: 400 });

  await call({ op: "/api/timeline", expect: 200 });
  await call({ op: "/api/timeline", url: `/api/timeline?petition=${prepared.petitions.open}&limit=2`, expect: 200 });
  await call({ op: "/api/timeline", url: "/api/timeline?kind=gossip", expect: 400 });

  await call({ op: "/api/stream", expect: 200 });
  await call({ op: "/api/stream", url: `/api/stream?petition=${prepared.petitions.open}`, expect: 200 });
  await call({ op: "/api/stream", url: `/api/stream?petition=${"x".repeat(101)}`, expect: 400 });
  await call({ op: "/api/openapi.json", expect: 200 });
  expectNoProblems();
});

test("anonymous tokens and one-click unsubscribe", async () => {
  const collector = prepared.people[20]!.cookie;
  await call({ op: "/api/tokens/keys", expect: 200 });
  await call({ op: "/api/tokens", expect: 401 });
  await call({ op: "/api/tokens", cookie: collector, expect: 200 });

  const keys = (await (await fetch(`${OWN_ORIGIN}/api/tokens/keys`)).json()) as { keys: KeyInfo[] };
  const current = keys.keys[0]!;
  const blinded = await blindNonces(current, 2);
  const request = { keyId: current.id, blindedMessages: blinded.blindedMessages };
  await call({ op: "/api/tokens", method: "POST", json: request, expect: 401 });
  await call({ op: "/api/tokens", method: "POST", json: request, cookie: collector, expect: 200 });
  await call({ op: "/api/tokens", method: "POST", json: { keyId: current.id, blindedMessages: ["AAAA"] }, cookie: collector, expect: 400 });
  await call({ op: "/api/tokens", method: "POST", json: { ...request, keyId: "0123456789abcdef" }, cookie: collector, expect: 409 });
  await call({ op: "/api/tokens", method: "POST", json: request, cookie: collector, headers: EVIL, expect: 403 });
  await call({ op: "/api/tokens", method: "POST", body: JSON.stringify({ ...request, pad: HUGE }), headers: { "content-type": "application/json", cookie: collector }, expect: 413 });
  // 10 token requests a minute per person (three were spent above): spend the rest.
  const spend = () => fetch(`${OWN_ORIGIN}/api/tokens`, { method: "POST", headers: { cookie: collector, "content-type": "application/json" }, body: "{}" }).then((r) => r.status);
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++) statuses.push(await spend());
  expect(statuses).toEqual(Array(7).fill(400));
  const limited = await call({ op: "/api/tokens", method: "POST", json: request, cookie: collector, expect: 429 });
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);

  // A signed-in person's view of a shared page (decision 035): the account, and on a public
  // petition's page their standing there.
  const { slug } = (await (await fetch(`${OWN_ORIGIN}/api/petitions/${prepared.petitions.open}`)).json()) as { slug: string };
  const viewer = await call({ op: "/api/me", url: `/api/me?path=${encodeURIComponent(`/petitions/${slug}`)}`, cookie: collector, expect: 200 });
  expect(viewer.body).toMatchObject({ account: { role: "employee" }, petition: { petitionId: prepared.petitions.open, serverParts: false, signatureCount: expect.any(Number) } });
  await call({ op: "/api/me", url: "/api/me?path=/petitions", cookie: collector, expect: 200 });
  await call({ op: "/api/me", url: "/api/me?path=/petitions", expect: 401 });
  await call({ op: "/api/me", url: "/api/me?path=petitions", cookie: collector, expect: 400 });
  await call({ op: "/api/me", url: `/api/me?path=/${"x".repeat(600)}`, cookie: collector, expect: 400 });

  const unsubscribe = "/api/unsubscribe";
  await call({ op: unsubscribe, method: "POST", url: `/api/unsubscribe?token=${encodeURIComponent(prepared.unsubscribe[0]!)}`, body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" }, expect: 200 });
  await call({ op: unsubscribe, method: "POST", url: "/api/unsubscribe?token=forged.token", expect: 400 });
  await call({ op: unsubscribe, method: "POST", url: "/api/unsubscribe", expect: 400 });
  await call({ op: unsubscribe, method: "POST", url: `/api/unsubscribe?token=${encodeURIComponent(prepared.unsubscribe[1]!)}`, body: HUGE, headers: { "content-type": "application/x-www-form-urlencoded" }, expect: 413 });
  expectNoProblems();
});

test("addresses no route handles answer the documented error object", async () => {
  for (const [method, url] of [["GET", "/api/no-such-endpoint"], ["POST", "/api/petitions/%2e%2e/signature"], ["DELETE", "/api/tokens/keys/extra"]] as const) {
    const res = await fetch(`${OWN_ORIGIN}${url}`, { method });
    expect(res.status, `${method} ${url}`).toBe(404);
    expect(validate(await res.json(), { $ref: "#/components/schemas/ApiError" }, doc.components.schemas)).toEqual([]);
  }
});

test("every documented answer was seen", () => {
  const unseen: string[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [m, operation] of Object.entries(methods)) {
      for (const status of Object.keys(operation.responses)) {
        const label = `${m.toUpperCase()} ${p} ${status}`;
        if (seen.has(label) || `* ${status}` in NOT_EXERCISED || label in NOT_EXERCISED) continue;
        unseen.push(label);
      }
    }
  }
  expect(unseen, `documented but never caused here; cause them above or say why in NOT_EXERCISED:\n${unseen.join("\n")}`).toEqual([]);
});
