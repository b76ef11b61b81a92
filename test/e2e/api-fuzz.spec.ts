// Hostile requests to every mutating route handler under app/api and pages/api, over HTTP against
// the production build: fast-check makes the bodies (oversized, wrong types, malformed JSON, wrong
// content types, lone surrogates, bidirectional overrides, zero-width and combining characters,
// control characters, very long words, Markdown and HTML attacks), the path parameters, the
// query, the cookies and the origin headers. Every answer must be below 500; a 4xx must say in
// JSON what is wrong; a redirect must stay on this site; and a refused request must leave every
// table exactly as it was.
//
// The server is this spec's own (own-server.ts): no background jobs, so nothing but the request
// changes the database, and rate limits raised a thousandfold, so a 429 cannot stand in for a
// real answer (the limits themselves are tested in security.spec.ts).
import Database from "better-sqlite3";
import fc from "fast-check";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ownDb, startOwnServer, OWN_ORIGIN, type OwnServer } from "./support/own-server";
import { payloadTexts } from "./support/xss-payloads";

const FILE = "test/.tmp/fuzz.db";
const SECRET = "fuzz-secret-0123456789abcdef0123456789abcdef";
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

type Token = { keyId: string; nonce: string; signature: string };
type Prepared = {
  petitions: { open: string; closed: string; hidden: string; collecting: { id: string; invite: string }; draft: string };
  program: string;
  comments: { top: string; reply: string };
  /** A question to the top comment's writer and answers signed with that comment's key. */
  conversation: { question: string; answerKey: string; answers: { questionId: string; body: string; nonce: string; signature: string }[] };
  people: { id: string; cookie: string }[];
  roles: Record<"moderator" | "leadership" | "admin", string>;
  tokens: Token[];
  spentToken: Token;
  /** Signing tokens for the open petition (decision 018): unspent, and spent anonymously. */
  signTokens: { nonce: string; signature: string }[];
  spentSignTokens: { nonce: string; signature: string }[];
  signKeyId: string;
  unsubscribe: string[];
};

type Req = { method: string; path: string; headers: Record<string, string>; body?: string | Uint8Array };

test.setTimeout(600_000);

// ---------------------------------------------------------------------------------------------
// Hostile values.

const XSS = payloadTexts(() => "alert(1)");
const SPECIAL = [
  "", " ", "\u0000", "\u0007", "\u001b[31mred", "\u007f", "\r\n\r\n", "\t",
  "\ud800", "\udfff", "a\ud800b", "\udc00\ud800", // lone and reversed surrogates
  "\u202eevil\u202c", "\u2066isolate\u2069", "\u200f\u200e", // bidirectional overrides
  "\u200b\u200c\u200d\u2060\ufeff", "\ufeff", // zero-width
  `e${"\u0301".repeat(600)}`, `Z${"\u0336\u0321\u031b\u0349".repeat(200)}algo`, // combining marks
  "🧑‍💻".repeat(2000), "\u{10ffff}\u{e0001}", "ﷺ".repeat(300), "\ufdd0\ufffe\uffff",
  "a".repeat(70_000), `${"Donaudampfschifffahrt".repeat(300)}`, // very long words
  "' OR 1=1 --", "\"; DROP TABLE Signature; --", "%00", "%s%s%n", "../../../../etc/passwd",
  "__proto__", "constructor", "prototype", "NaN", "Infinity", "-0", "1e309", "9007199254740993",
  "2026-02-30", "0000-00-00", "10000-01-01",
];
const hostileString = fc.oneof(
  { arbitrary: fc.string(), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 80 }), weight: 2 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 80 }), weight: 2 },
  { arbitrary: fc.constantFrom(...SPECIAL), weight: 4 },
  { arbitrary: fc.constantFrom(...XSS), weight: 3 },
  { arbitrary: fc.tuple(fc.constantFrom(...XSS), fc.constantFrom(...SPECIAL)).map(([a, b]) => `${b}${a}${b}`), weight: 1 },
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 5 },
  { arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, [], {}), weight: 2 },
  { arbitrary: fc.anything({ maxDepth: 2, withNullPrototype: true, withObjectString: true }), weight: 2 },
  { arbitrary: fc.array(hostileString, { maxLength: 5 }), weight: 1 },
);
/**
 * A field of an otherwise valid body: mostly the right value, sometimes a hostile one, now and
 * then missing. Bodies built from such fields are valid as a whole about a third of the time, so
 * the hostile parts reach the checks deep in the domain, not just the first one.
 */
const maybe = <T>(right: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: right, weight: 8 }, { arbitrary: hostileValue, weight: 2 }, { arbitrary: fc.constant(undefined), weight: 1 });

/** JSON.stringify that writes lone surrogates as escapes (as it does) and keeps undefined out. */
const json = (v: unknown) => JSON.stringify(v) ?? "null";

const MALFORMED = [
  "{", "[", "]", "}", '{"visibility":', '{"a":1,}', "{'a':1}", "nul", "tru", '"unterminated', "\ufeff{}",
  '{"a":"\\ud800"}', '{"a":"\\x41"}', '{"__proto__":{"role":"admin"},"visibility":"named"}',
  '{"visibility":"named","visibility":"anonymous"}', "1e999", "-", "{}garbage", "[]]", "\u0000",
  "[".repeat(50_000), '{"a":'.repeat(20_000), `[${"1,".repeat(100_000)}1]`,
];
const CONTENT_TYPES = [
  "application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "application/json; charset=utf-16",
  "application/jsonx", "text/plain", "text/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
  "application/xml", "*/*", "",
];

/** A body: mostly JSON of a structured hostile value, else malformed, binary, form or huge. */
const bodyOf = (value: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { arbitrary: value.map((v) => ({ body: json(v) as string | Uint8Array, type: "application/json" })), weight: 20 },
    { arbitrary: fc.tuple(value, fc.constantFrom(...CONTENT_TYPES)).map(([v, type]) => ({ body: json(v) as string | Uint8Array, type })), weight: 2 },
    { arbitrary: fc.constantFrom(...MALFORMED).map((body) => ({ body: body as string | Uint8Array, type: "application/json" })), weight: 2 },
    { arbitrary: fc.string({ maxLength: 200 }).map((body) => ({ body: body as string | Uint8Array, type: "application/json" })), weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 3000 }).map((body) => ({ body: body as string | Uint8Array, type: "application/json" })), weight: 1 },
    { arbitrary: fc.constantFrom(17_000, 65_000, 1_000_000, 8_000_000).map((n) => ({ body: json({ visibility: "named", body: "x".repeat(n), padding: "é".repeat(64) }) as string | Uint8Array, type: "application/json" })), weight: 1 },
    { arbitrary: fc.constant({ body: "visibility=named&body=hello", type: "application/x-www-form-urlencoded" }), weight: 1 },
  );

/** A path segment: a real id or a hostile one, percent-encoded (or not quite). */
const segment = (real: string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...real), weight: 4 },
    { arbitrary: fc.string({ unit: "binary", maxLength: 60 }).map(encodeSegment), weight: 2 },
    { arbitrary: fc.constantFrom(...SPECIAL.filter((s) => s.length < 3000)).map(encodeSegment), weight: 2 },
    { arbitrary: fc.constantFrom("%", "%zz", "%E0%A4%A", "%C0%AF", "%ED%A0%80", "%00", "..%2F..%2F", "%2e%2e", "a%", "%%", "%uD800"), weight: 2 },
  );

function encodeSegment(s: string): string {
  // UTF-8 bytes, each escaped unless plainly safe; lone surrogates go as U+FFFD. At most 2,000
  // bytes, so the URL stays under Node's 16 KB header limit (beyond it Node answers 431 before
  // the app runs; the last test checks that case).
  return [...Buffer.from(s, "utf8").subarray(0, 2000)].map((b) => (/[A-Za-z0-9_~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("") || "%20";
}

const ORIGINS = fc.oneof(
  { arbitrary: fc.constantFrom<Record<string, string>>({}, { origin: OWN_ORIGIN }, { origin: OWN_ORIGIN, "sec-fetch-site": "same-origin" }), weight: 8 },
  {
    arbitrary: fc.constantFrom<Record<string, string>>(
      { origin: "https://evil.example" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site", origin: "http://127.0.0.1:1" },
    ),
    weight: 2,
  },
);

// ---------------------------------------------------------------------------------------------
// The targets: every mutating handler under app/api and pages/api, each with requests worth sending to it.

function mutatingRoutes(): string[] {
  return [...mutatingAppRoutes(), ...mutatingPagesRoutes()].sort();
}

/** The Pages Router's API routes (signing, decision 036) that change something, from the METHODS line each has. */
function mutatingPagesRoutes(dir = path.resolve("pages/api"), prefix = "/api"): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...mutatingPagesRoutes(full, `${prefix}/${entry}`));
    else if (/\.tsx?$/.test(entry)) {
      const line = /const METHODS = \[([^\]]*)\]/.exec(readFileSync(full, "utf8"));
      for (const m of line?.[1]!.matchAll(/"(POST|PUT|PATCH|DELETE)"/g) ?? []) found.push(`${m[1]} ${prefix}/${entry.replace(/\.tsx?$/, "")}`);
    }
  }
  return found;
}

function mutatingAppRoutes(dir = path.resolve("app/api"), prefix = "/api"): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    // /api/[...rest] answers every address no route handles with a JSON 404 and stores nothing
    // (the authorization matrix and the long-URL test below send to it): not a mutating route.
    if (prefix === "/api" && entry === "[...rest]") continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...mutatingAppRoutes(full, `${prefix}/${entry}`));
    else if (/^route\.tsx?$/.test(entry)) {
      const source = readFileSync(full, "utf8");
      const methods = new Set<string>();
      for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+(POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1]!);
      for (const m of source.matchAll(/export\s+const\s+(POST|PUT|PATCH|DELETE)\s*=/g)) methods.add(m[1]!);
      for (const m of source.matchAll(/export\s+const\s+\{([^}]*)\}/g)) for (const name of m[1]!.split(",").map((s) => s.trim())) if (/^(POST|PUT|PATCH|DELETE)$/.test(name)) methods.add(name);
      for (const m of methods) found.push(`${m} ${prefix}`);
    }
  }
  return found;
}

type Target = { arbitrary: fc.Arbitrary<Req>; successes: boolean };

function targets(p: Prepared): Record<string, Target> {
  const ids = [p.petitions.open, p.petitions.closed, p.petitions.hidden, p.petitions.collecting.id, p.petitions.draft];
  const person = fc.constantFrom(...p.people.map((x) => x.cookie));
  const anyCookie = fc.oneof(
    { arbitrary: person, weight: 12 },
    { arbitrary: fc.constantFrom(...Object.values(p.roles)), weight: 1 },
    { arbitrary: fc.constantFrom("", "authjs.session-token=garbage", `authjs.session-token=${"A".repeat(3000)}`, "authjs.session-token=", "a=b; authjs.session-token=\u00e9"), weight: 1 },
  );
  const withHeaders = (cookie: fc.Arbitrary<string>) =>
    fc.tuple(cookie, ORIGINS).map(([c, o]) => ({ ...(c ? { cookie: c } : {}), ...o }));
  const base64Of = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => Buffer.from(b).toString("base64"));

  const signatureBody = fc.record(
    {
      visibility: maybe(fc.constantFrom("named", "anonymous")),
      invite: maybe(fc.constant(p.petitions.collecting.invite)),
      follow: maybe(fc.constantFrom(true, false, "on", "off", "true")),
      extra: hostileValue,
    },
    { requiredKeys: [] },
  );
  const token = fc.oneof(
    { arbitrary: fc.constantFrom(...p.tokens), weight: 8 },
    { arbitrary: fc.constant(p.spentToken), weight: 1 },
    { arbitrary: fc.constantFrom(...p.tokens).map((t) => ({ ...t, signature: `A${t.signature.slice(1)}` })), weight: 1 },
    { arbitrary: fc.record({ keyId: maybe(fc.constant(p.tokens[0]!.keyId)), nonce: maybe(base64Of(32)), signature: maybe(base64Of(256)) }, { requiredKeys: [] }), weight: 2 },
    { arbitrary: hostileValue, weight: 1 },
  );
  // Signing tokens for the anonymous door: unspent, spent, tampered, made up, hostile. The spent
  // ones are split: DELETE may withdraw the first half only, so the signatures of the second half
  // stay stored and PUT (attach) always has tokens whose answer is "counted".
  const half = Math.ceil(p.spentSignTokens.length / 2);
  const withdrawable = p.spentSignTokens.slice(0, half);
  const signTokenOf = (spent: { nonce: string; signature: string }[]) =>
    fc.oneof(
      { arbitrary: fc.constantFrom(...p.signTokens), weight: 6 },
      { arbitrary: fc.constantFrom(...spent), weight: 2 },
      { arbitrary: fc.constantFrom(...p.signTokens).map((t) => ({ ...t, signature: `A${t.signature.slice(1)}` })), weight: 1 },
      { arbitrary: fc.record({ nonce: maybe(base64Of(32)), signature: maybe(base64Of(256)) }, { requiredKeys: [] }), weight: 2 },
      { arbitrary: hostileValue, weight: 1 },
    );
  const bodyWith = (spent: { nonce: string; signature: string }[], favoured: { nonce: string; signature: string }[]) =>
    fc.oneof(
      { arbitrary: fc.record({ token: fc.constantFrom(...favoured) }), weight: 3 },
      { arbitrary: fc.record({ token: signTokenOf(spent) }), weight: 2 },
      { arbitrary: fc.record({ token: maybe(signTokenOf(spent)), extra: hostileValue }, { requiredKeys: [] }), weight: 1 },
    );
  // A withdrawal and an attachment succeed only with a token that signed the open petition, which
  // few random requests hold: those two aim at it more often, so each success path is reached.
  const doorBody: Record<string, fc.Arbitrary<unknown>> = {
    POST: bodyWith(p.spentSignTokens, p.signTokens),
    DELETE: bodyWith(withdrawable, withdrawable),
    PUT: bodyWith(p.spentSignTokens, p.spentSignTokens.slice(half)),
  };
  const collectBody = fc.record(
    {
      tokens: maybe(
        fc.oneof(
          { arbitrary: fc.array(fc.record({ petitionId: fc.constant(p.petitions.open), keyId: fc.constant(p.signKeyId), blindedMessage: base64Of(256) }), { minLength: 1, maxLength: 2 }), weight: 3 },
          {
            arbitrary: fc.array(
              fc.record({ petitionId: maybe(fc.constantFrom(...ids, "nope")), keyId: maybe(fc.constantFrom(p.signKeyId, "0000000000000000")), blindedMessage: maybe(fc.oneof(base64Of(256), base64Of(255), base64Of(0), hostileString)) }, { requiredKeys: [] }),
              { minLength: 0, maxLength: 4 },
            ),
            weight: 2,
          },
          { arbitrary: fc.array(fc.record({ petitionId: fc.constant(p.petitions.open), keyId: fc.constant(p.signKeyId), blindedMessage: base64Of(256) }), { minLength: 101, maxLength: 110 }), weight: 1 },
          { arbitrary: hostileValue, weight: 1 },
        ),
      ),
    },
    { requiredKeys: [] },
  );
  // The anonymous door: mostly without a cookie, as the browser sends it; sometimes with one, which is refused.
  const door = (method: "POST" | "DELETE" | "PUT") => ({
    successes: true,
    arbitrary: fc.tuple(
      fc.oneof({ arbitrary: fc.constant(p.petitions.open), weight: 3 }, { arbitrary: segment(ids), weight: 2 }),
      withHeaders(fc.oneof({ arbitrary: fc.constant(""), weight: 5 }, { arbitrary: anyCookie, weight: 1 })),
      bodyOf(doorBody[method]!),
    ).map(([id, headers, b]) => ({
      method,
      path: `/api/petitions/${id}/anonymous-signature`,
      headers: { ...headers, ...(b.type ? { "content-type": b.type } : {}) },
      body: b.body,
    })),
  });
  const hostileComment = fc.record(
    {
      thread: maybe(fc.constantFrom<Record<string, string>>({ programSlug: p.program }, { petitionId: p.petitions.open }, { petitionId: p.petitions.draft }, { programSlug: "nope" })),
      parentId: maybe(fc.constantFrom(p.comments.top, p.comments.reply, "00000000-0000-4000-8000-000000000000")),
      // The text itself is where hostile input belongs: anything goes, the server decides.
      body: fc.oneof({ arbitrary: fc.constantFrom("A plain comment about the program.", "**Bold** and [a link](https://example.com)."), weight: 1 }, { arbitrary: hostileString, weight: 3 }, { arbitrary: hostileValue, weight: 1 }),
      token,
    },
    { requiredKeys: [] },
  );
  // A well-formed comment often enough that the success path is always reached (a comment with a
  // fresh token is queued, 202; a token already queued with other text is refused, 409).
  const wellFormedComment = fc.record({
    thread: fc.constant<Record<string, string>>({ programSlug: p.program }),
    body: fc.constantFrom("A plain comment about the program.", "**Bold** and [a link](https://example.com)."),
    token: fc.constantFrom(...p.tokens),
  });
  const commentBody = fc.oneof({ arbitrary: wellFormedComment, weight: 1 }, { arbitrary: hostileComment, weight: 4 });
  // Answers as the author (decision 026): signed ones (queued, 202), and every way to get one wrong.
  const signed = fc.constantFrom(...p.conversation.answers);
  const answerBody = fc.oneof(
    { arbitrary: signed, weight: 1 },
    { arbitrary: fc.tuple(signed, hostileString).map(([a, body]) => ({ ...a, body })), weight: 2 },
    { arbitrary: signed.map((a) => ({ ...a, signature: `${a.signature.slice(0, -2)}${a.signature.endsWith("AA") ? "BB" : "AA"}` })), weight: 1 },
    {
      arbitrary: fc.record(
        {
          questionId: maybe(fc.oneof(fc.constant(p.conversation.question), fc.uuid(), hostileString)),
          body: fc.oneof(fc.constant("An answer."), hostileString, hostileValue),
          nonce: maybe(fc.oneof(base64Of(32), hostileString)),
          signature: maybe(fc.oneof(base64Of(64).map((b) => b.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")), hostileString, hostileValue)),
        },
        { requiredKeys: [] },
      ),
      weight: 4,
    },
  );
  const tokensBody = fc.record(
    {
      keyId: maybe(fc.constant(p.tokens[0]!.keyId)),
      blindedMessages: maybe(
        fc.oneof(
          { arbitrary: fc.array(base64Of(256), { minLength: 1, maxLength: 3 }), weight: 3 },
          { arbitrary: fc.array(fc.oneof(base64Of(256), base64Of(255), base64Of(257), base64Of(0), hostileString), { minLength: 0, maxLength: 4 }), weight: 2 },
          { arbitrary: fc.array(base64Of(256), { minLength: 101, maxLength: 120 }), weight: 1 },
        ),
      ),
    },
    { requiredKeys: [] },
  );

  return {
    "POST /api/petitions/[id]/signature": {
      successes: true,
      arbitrary: fc.tuple(segment(ids), withHeaders(anyCookie), bodyOf(signatureBody)).map(([id, headers, b]) => ({
        method: "POST",
        path: `/api/petitions/${id}/signature`,
        headers: { ...headers, ...(b.type ? { "content-type": b.type } : {}) },
        body: b.body,
      })),
    },
    "DELETE /api/petitions/[id]/signature": {
      successes: true,
      arbitrary: fc.tuple(segment(ids), withHeaders(anyCookie), fc.option(bodyOf(hostileValue), { nil: undefined })).map(([id, headers, b]) => ({
        method: "DELETE",
        path: `/api/petitions/${id}/signature`,
        headers: { ...headers, ...(b?.type ? { "content-type": b.type } : {}) },
        body: b?.body,
      })),
    },
    "POST /api/petitions/[id]/anonymous-signature": door("POST"),
    "DELETE /api/petitions/[id]/anonymous-signature": door("DELETE"),
    "PUT /api/petitions/[id]/anonymous-signature": door("PUT"),
    "POST /api/petitions/tokens": {
      successes: true,
      arbitrary: fc.tuple(withHeaders(anyCookie), bodyOf(collectBody)).map(([headers, b]) => ({
        method: "POST",
        path: "/api/petitions/tokens",
        headers: { ...headers, ...(b.type ? { "content-type": b.type } : {}) },
        body: b.body,
      })),
    },
    "POST /api/tokens": {
      successes: true,
      arbitrary: fc.tuple(withHeaders(anyCookie), bodyOf(tokensBody)).map(([headers, b]) => ({
        method: "POST",
        path: "/api/tokens",
        headers: { ...headers, ...(b.type ? { "content-type": b.type } : {}) },
        body: b.body,
      })),
    },
    "POST /api/comments": {
      successes: true,
      // Mostly without a cookie, as the browser sends it; sometimes with one, which is refused.
      arbitrary: fc.tuple(withHeaders(fc.oneof({ arbitrary: fc.constant(""), weight: 5 }, { arbitrary: anyCookie, weight: 1 })), bodyOf(commentBody)).map(([headers, b]) => ({
        method: "POST",
        path: "/api/comments",
        headers: { ...headers, ...(b.type ? { "content-type": b.type } : {}) },
        body: b.body,
      })),
    },
    "POST /api/comments/answers": {
      successes: true,
      arbitrary: fc.tuple(withHeaders(fc.oneof({ arbitrary: fc.constant(""), weight: 5 }, { arbitrary: anyCookie, weight: 1 })), bodyOf(answerBody)).map(([headers, b]) => ({
        method: "POST",
        path: "/api/comments/answers",
        headers: { ...headers, ...(b.type ? { "content-type": b.type } : {}) },
        body: b.body,
      })),
    },
    "POST /api/unsubscribe": {
      successes: true,
      arbitrary: fc
        .tuple(
          fc.oneof(
            { arbitrary: fc.constantFrom(...p.unsubscribe), weight: 2 },
            { arbitrary: hostileString, weight: 2 },
            // The right shape with a signature of the right length in other characters.
            { arbitrary: fc.tuple(fc.constantFrom(...p.people.map((x) => x.id)), fc.string({ unit: fc.constantFrom("é", "a", "€", "\ud800", "\u0000"), minLength: 32, maxLength: 32 })).map(([id, mac]) => `${Buffer.from(id).toString("base64url")}.${mac}`), weight: 2 },
            { arbitrary: fc.constantFrom(...p.unsubscribe).map((t) => `${t.slice(0, -1)}${t.endsWith("A") ? "B" : "A"}`), weight: 1 },
          ),
          withHeaders(fc.constant("")),
          fc.option(bodyOf(hostileValue), { nil: undefined }),
        )
        .map(([token, headers, b]) => ({
          method: "POST",
          path: `/api/unsubscribe?token=${encodeSegment(token)}`,
          headers: { ...headers, ...(b?.type ? { "content-type": b.type } : {}) },
          body: b?.body,
        })),
    },
    "POST /api/auth/[...nextauth]": {
      successes: false,
      arbitrary: fc
        .tuple(
          fc.oneof(
            { arbitrary: fc.constantFrom("signin/dev", "callback/dev", "signout", "session", "signin/oidc", "callback/oidc", "csrf", "providers", "_log", "error"), weight: 3 },
            { arbitrary: fc.tuple(segment(["signin", "callback"]), segment(["dev", "oidc"])).map(([a, b]) => `${a}/${b}`), weight: 1 },
          ),
          withHeaders(anyCookie),
          fc.oneof(
            fc.record({ csrfToken: maybe(fc.constant("not-the-token")), email: maybe(fc.constantFrom("maya.okafor@example.com", "nobody@example.com")), callbackUrl: maybe(fc.constantFrom("/", "https://evil.example/", "//evil.example", "javascript:alert(1)", "/\\evil.example")) }, { requiredKeys: [] }).map((f) => ({
              body: new URLSearchParams(Object.entries(f).map(([k, v]) => [k, typeof v === "string" ? v : json(v)])).toString() as string | Uint8Array,
              type: "application/x-www-form-urlencoded",
            })),
            bodyOf(hostileValue),
          ),
        )
        .map(([action, headers, b]) => ({
          method: "POST",
          path: `/api/auth/${action}`,
          headers: { ...headers, ...(b.type ? { "content-type": b.type } : {}) },
          body: b.body,
        })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The database, table by table: row counts and a hash of every row.

function fingerprinter(file: string) {
  const raw = new Database(file, { readonly: true, fileMustExist: true });
  const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  // Rows are compared as a sorted set: not every table has a rowid (the search index's own tables
  // are WITHOUT ROWID), and the order of rows is not what this test is about.
  const statements = tables.map((t) => [t, raw.prepare(`SELECT * FROM "${t}"`)] as const);
  return {
    tables,
    take(): Record<string, string> {
      const out: Record<string, string> = {};
      for (const [t, s] of statements) {
        const rows = s.raw().all().map((row) => JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString("base64") : typeof v === "bigint" ? String(v) : v))).sort();
        out[t] = `${rows.length}:${createHash("sha256").update(rows.join("\n")).digest("hex").slice(0, 16)}`;
      }
      return out;
    },
    close: () => raw.close(),
  };
}

// ---------------------------------------------------------------------------------------------

/** The forms with a server action on the pages a person sees, read before any fuzzing: the API
 * fuzzer signs, withdraws and co-sponsors as random people, which changes which forms a page shows. */
const forms: ActionFormSpec[] = [];
async function collectActionForms() {
  const raw = new Database(FILE, { readonly: true, fileMustExist: true });
  const slug = (id: string) => (raw.prepare('SELECT slug FROM "Petition" WHERE id = ?').get(id) as { slug: string }).slug;
  const [open, collecting, draft] = [slug(prepared.petitions.open), slug(prepared.petitions.collecting.id), slug(prepared.petitions.draft)];
  raw.close();
  const organizer = prepared.people[0]!.cookie;
  const visits: [string, string][] = [
    ["/petitions/new", prepared.people[30]!.cookie],
    [`/petitions/${open}`, prepared.people[31]!.cookie],
    [`/petitions/${open}`, prepared.people[3]!.cookie], // a signer: withdraw
    [`/petitions/${open}`, organizer], // an organizer's tools: close, deliver, post an update
    [`/petitions/${collecting}`, organizer], // inviting a co-sponsor
    [`/petitions/${draft}/edit`, organizer],
    ["/notifications", prepared.people[32]!.cookie],
    [`/unsubscribe?token=${encodeURIComponent(prepared.unsubscribe[0]!)}`, ""],
    ["/signin", ""],
    ["/admin", prepared.roles.admin],
  ];
  const seen = new Set<string>();
  for (const [page, cookie] of visits) {
    // The page rendered for this person, as a browser without script gets it: a shared page's
    // HTML holds only the signed-out forms, the person's come by script (decision 035).
    const res = await fetch(OWN_ORIGIN + page, { headers: cookie ? { cookie, "cache-control": "no-cache" } : {} });
    expect(res.status, page).toBe(200);
    for (const f of actionForms(await res.text(), page, cookie)) {
      const key = `${f.id} ${f.fields.map(([k]) => k).join(",")}`;
      if (!seen.has(key)) forms.push(f);
      seen.add(key);
    }
  }
}

let server: OwnServer;
let prepared: Prepared;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  prepared = ownDb<Prepared>("fuzz", `file:./${FILE}`, SECRET);
  // Comment batches once a day: a batch written in the middle of a refused request would look
  // like that request changing the database. Accepted comments answer 202 and wait in memory.
  server = await startOwnServer(`file:./${FILE}`, SECRET, { UNDERSIGNED_RATE_LIMIT_SCALE: "1000", AUTH_DEV_LOGIN: "true", UNDERSIGNED_COMMENT_BATCH_SECONDS: "86400", UNDERSIGNED_SIGNATURE_BATCH_SECONDS: "86400" });
  await collectActionForms();
});

test.afterAll(() => {
  server?.stop();
});

test("every mutating route under app/api and pages/api has a fuzz target", () => {
  const routes = mutatingRoutes();
  expect(routes.length).toBeGreaterThanOrEqual(6);
  expect(routes.filter((r) => !(r in targets(prepared)))).toEqual([]);
  expect(Object.keys(targets(prepared)).filter((r) => !routes.includes(r))).toEqual([]);
});

test("bytes that are not UTF-8 are refused on every mutating route with a 400, and nothing is stored", async () => {
  const db = fingerprinter(FILE);
  try {
    const cookie = prepared.people[33]!.cookie;
    const withBad = (json: string) => Buffer.concat([Buffer.from(json.slice(0, json.indexOf("BAD"))), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(json.slice(json.indexOf("BAD") + 3))]);
    const token = prepared.tokens[0]!;
    const requests: Req[] = [
      { method: "POST", path: `/api/petitions/${prepared.petitions.open}/signature`, headers: { cookie, origin: OWN_ORIGIN, "content-type": "application/json" }, body: withBad('{"visibility":"namedBAD"}') },
      { method: "DELETE", path: `/api/petitions/${prepared.petitions.open}/signature`, headers: { cookie: prepared.people[4]!.cookie, origin: OWN_ORIGIN, "content-type": "application/json" }, body: withBad('{"x":"BAD"}') },
      { method: "POST", path: "/api/tokens", headers: { cookie, origin: OWN_ORIGIN, "content-type": "application/json" }, body: withBad('{"blindedMessages":["BAD"]}') },
      { method: "POST", path: "/api/petitions/tokens", headers: { cookie: prepared.people[55]!.cookie, origin: OWN_ORIGIN, "content-type": "application/json" }, body: withBad('{"tokens":[{"petitionId":"BAD"}]}') },
      // An anonymous signature that would otherwise be queued: an unspent token, no cookie.
      ...(["POST", "DELETE", "PUT"] as const).map((method) => ({ method, path: `/api/petitions/${prepared.petitions.open}/anonymous-signature`, headers: { origin: OWN_ORIGIN, "content-type": "application/json" }, body: withBad(JSON.stringify({ token: prepared.signTokens[0], x: "BAD" })) })),
      // A comment that would otherwise be stored: the right thread, body and an unspent token.
      { method: "POST", path: "/api/comments", headers: { origin: OWN_ORIGIN, "content-type": "application/json" }, body: withBad(JSON.stringify({ thread: { programSlug: prepared.program }, body: "A comment with a broken byte: BAD here.", token })) },
      // An answer that would otherwise be queued: signed over a text the broken byte sits in.
      { method: "POST", path: "/api/comments/answers", headers: { origin: OWN_ORIGIN, "content-type": "application/json" }, body: withBad(JSON.stringify({ ...prepared.conversation.answers[0]!, body: "BAD" })) },
      { method: "POST", path: `/api/unsubscribe?token=${encodeURIComponent(prepared.unsubscribe[1]!)}`, headers: { "content-type": "application/x-www-form-urlencoded" }, body: withBad("List-Unsubscribe=One-ClickBAD") },
      { method: "POST", path: `/api/unsubscribe?token=${encodeURIComponent(prepared.unsubscribe[1]!)}`, headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=%FF%FE" },
      { method: "POST", path: "/api/auth/signin/dev", headers: { "content-type": "application/x-www-form-urlencoded" }, body: withBad("email=maya.okafor@example.comBAD") },
    ];
    // Every mutating route is here (the list is checked against app/api and pages/api).
    expect(new Set(requests.map((r) => `${r.method} ${r.path.replace(prepared.petitions.open, "[id]").replace(/\?.*$/, "").replace(/\/api\/auth\/.*/, "/api/auth/[...nextauth]")}`))).toEqual(new Set(mutatingRoutes()));
    for (const req of requests) {
      const before = db.take();
      const res = await send(req);
      const what = `${describeReq(req)}\n→ ${res.status} ${res.text.slice(0, 300)}`;
      expect(res.status, what).toBe(400);
      expect(JSON.parse(res.text).error.message, what).toMatch(/not UTF-8/);
      expect(db.take(), what).toEqual(before);
    }
    // The same comment with the broken byte taken out is accepted: the refusal was for the bytes.
    // It waits for its batch (this server publishes once a day), so it is queued, not yet stored.
    const ok = await send({ ...requests.find((r) => r.path === "/api/comments")!, body: JSON.stringify({ thread: { programSlug: prepared.program }, body: "A comment with a broken byte:  here.", token }) });
    expect(ok.status, ok.text).toBe(202);
    expect(JSON.parse(ok.text).status).toBe("queued");
  } finally {
    db.close();
  }
});

async function send(req: Req): Promise<{ status: number; headers: Headers; text: string }> {
  const body = typeof req.body === "string" || req.body === undefined ? req.body : Buffer.from(req.body);
  const res = await fetch(OWN_ORIGIN + req.path, { method: req.method, headers: req.headers, body, redirect: "manual" });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

function describeReq(req: Req): string {
  const body = typeof req.body === "string" ? req.body : req.body ? `<${req.body.length} bytes>` : "";
  return `${req.method} ${req.path.slice(0, 200)} ${JSON.stringify(req.headers).slice(0, 300)} ${body.length > 300 ? `${body.slice(0, 300)}… (${body.length} chars)` : body}`;
}

for (const name of ["POST /api/petitions/[id]/signature", "DELETE /api/petitions/[id]/signature", "POST /api/petitions/tokens", "POST /api/petitions/[id]/anonymous-signature", "DELETE /api/petitions/[id]/anonymous-signature", "PUT /api/petitions/[id]/anonymous-signature", "POST /api/tokens", "POST /api/comments", "POST /api/comments/answers", "POST /api/unsubscribe", "POST /api/auth/[...nextauth]"]) {
  test(`fuzz ${name}`, async () => {
    const target = targets(prepared)[name]!;
    const db = fingerprinter(FILE);
    const statuses = new Map<number, number>();
    try {
      await fc.assert(
        fc.asyncProperty(target.arbitrary, async (req) => {
          const before = db.take();
          const res = await send(req);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const what = `${describeReq(req)}\n→ ${res.status} ${res.text.slice(0, 300)}`;
          expect(res.status, what).toBeLessThan(500);
          if (res.status >= 300 && res.status < 400) {
            // Redirects stay on this site (no open redirect), whatever the request said.
            // (Next.js writes 127.0.0.1 as localhost in the URLs it builds.)
            const location = new URL(res.headers.get("location") ?? "/", OWN_ORIGIN);
            expect([OWN_ORIGIN, OWN_ORIGIN.replace("127.0.0.1", "localhost")], what).toContain(location.origin);
          }
          // Dot segments ("/api/auth/%2e%2e/%2e%2e") are resolved by the URL parser before the
          // request leaves, so such a request is for a page, and pages refuse in plain text.
          const reachesApi = new URL(OWN_ORIGIN + req.path).pathname.startsWith("/api/");
          if (res.status >= 400 && !reachesApi) {
            expect(res.headers.get("content-type") ?? "", what).toContain("text/plain");
            expect(res.text.length, what).toBeGreaterThanOrEqual(15);
          } else if (res.status >= 400) {
            // Next.js answers a method a route does not export with a bare 405; none are sent here.
            expect(res.headers.get("content-type") ?? "", what).toContain("application/json");
            const message = (JSON.parse(res.text) as { error?: { message?: unknown } }).error?.message;
            expect(typeof message, what).toBe("string");
            expect((message as string).length, what).toBeGreaterThanOrEqual(15);
            expect(message, what).not.toMatch(/Something went wrong/);
            if (res.status === 429) expect(Number(res.headers.get("retry-after")), what).toBeGreaterThan(0);
          }
          if (res.status >= 300) expect(db.take(), `a refused request changed the database: ${what}`).toEqual(before);
          // The fingerprint does see writes: a new signature or comment changes it.
          if (res.status === 201) expect(db.take(), what).not.toEqual(before);
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    } finally {
      db.close();
    }
    const histogram = Object.fromEntries([...statuses].sort(([a], [b]) => a - b));
    console.log(`[fuzz] ${name}: ${RUNS} runs, statuses ${JSON.stringify(histogram)}`);
    const count = (f: (s: number) => boolean) => [...statuses].filter(([s]) => f(s)).reduce((n, [, c]) => n + c, 0);
    // Not vacuous: requests were refused for what they held, not throttled, and (where the
    // route can succeed) some went through.
    expect(count((s) => s === 429)).toBe(0);
    expect(count((s) => s >= 400 && s < 500)).toBeGreaterThan(RUNS / 10);
    if (target.successes) expect(count((s) => s >= 200 && s < 300)).toBeGreaterThan(0);
  });
}

// ---------------------------------------------------------------------------------------------
// Server actions: every form on the pages below, read from the HTML the server renders (the
// action's id, its hidden fields and the fields people fill in), then replayed the two ways a
// browser sends it: by the page's script (a Next-Action request: field "0" holds the arguments,
// the form's fields are "_1_<name>") and without script (the `$ACTION_…` fields React renders).
// Hostile values go in the fields, and hostile shapes around them: a body over the limit, bytes
// that are not UTF-8, JSON or plain text instead of a form, a forged Origin, malformed
// `$ACTION_…` fields and argument lists, unknown action ids. Each must answer below 500; each
// broken shape its own clear 4xx in plain text; and no refusal may change the database.

type ActionFormSpec = {
  page: string;
  cookie: string;
  id: string;
  /** The hidden `$ACTION_…` fields as rendered (for the request without script). */
  mpa: [string, string][];
  /** The form's own fields with the values the page gave them. */
  fields: [string, string][];
};

const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#[0-9]+|quot|amp|lt|gt|apos);/gi, (_m, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ quot: '"', amp: "&", lt: "<", gt: ">", apos: "'" } as Record<string, string>)[e.toLowerCase()]!,
  );

/** Every form with a server action in a page's HTML. */
function actionForms(html: string, page: string, cookie: string): ActionFormSpec[] {
  const forms: ActionFormSpec[] = [];
  for (const [, inner] of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)) {
    const fields: [string, string][] = [];
    const mpa: [string, string][] = [];
    for (const [tag] of inner!.matchAll(/<(?:input|textarea|select)\b[^>]*>/g)) {
      const name = /\bname="([^"]*)"/.exec(tag)?.[1];
      if (!name) continue;
      const type = /\btype="([^"]*)"/.exec(tag)?.[1] ?? "text";
      if ((type === "radio" || type === "checkbox") && !/\bchecked\b/.test(tag)) continue;
      const value = decodeEntities(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? "");
      (name.startsWith("$ACTION_") ? mpa : fields).push([decodeEntities(name), value]);
    }
    const ref = mpa.find(([k]) => /^\$ACTION_\d+:0$/.test(k));
    const id = ref ? (JSON.parse(ref[1]) as { id: string }).id : mpa.find(([k]) => k.startsWith("$ACTION_ID_"))?.[0].slice("$ACTION_ID_".length);
    if (id) forms.push({ page, cookie, id, mpa, fields });
  }
  return forms;
}

type Part = [string, string | Uint8Array];

function multipartBody(parts: Part[], boundary = `----fuzz${Math.random().toString(36).slice(2)}`): { body: Uint8Array; type: string } {
  const chunks: Buffer[] = [];
  for (const [name, value] of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/["\r\n]/g, "_")}"\r\n\r\n`));
    chunks.push(Buffer.from(value));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** What each kind of request must get: an exact status, or anything below 500. */
type Shape = "valid" | "hostile-values" | "too-big" | "not-utf8" | "json" | "text-plain-bytes" | "urlencoded" | "forged-origin" | "bad-root" | "bad-action-fields" | "unknown-id" | "bad-id";
const EXPECTED: Partial<Record<Shape, number[]>> = {
  "too-big": [413],
  "not-utf8": [400],
  json: [400],
  "text-plain-bytes": [400],
  urlencoded: [400],
  "forged-origin": [403],
  "bad-root": [400],
  "bad-action-fields": [400],
  // Next.js itself answers an id it does not know (another build's, say): 404 for a script's
  // request, 409 for a form.
  "unknown-id": [404, 409],
  "bad-id": [400],
};

const NOT_UTF8 = [new Uint8Array([0xff]), new Uint8Array([0xc3]), new Uint8Array([0xed, 0xa0, 0x80]), new Uint8Array([0xf8, 0x88, 0x80, 0x80, 0x80]), new Uint8Array([0xe2, 0x82]), new Uint8Array([0xc0, 0xaf])];
/** Put in bodies the server must refuse; it must never appear in the server's log. */
const MARKER = "LOGMARKER-7f3a9c";

function actionRequest(form: ActionFormSpec): fc.Arbitrary<Req & { shape: Shape }> {
  const fieldValue = (name: string, given: string) =>
    fc.oneof(
      { arbitrary: fc.constant(given || (name === "title" ? "A petition the action fuzzer writes" : "Some ordinary text a person would write here.")), weight: 6 },
      { arbitrary: hostileString, weight: 3 },
    );
  const values = fc.tuple(...form.fields.map(([k, v]) => fieldValue(k, v).map((x) => [k, x] as [string, string])));
  const shape = fc.constantFrom<Shape>("valid", "valid", "hostile-values", "hostile-values", "hostile-values", "too-big", "not-utf8", "json", "text-plain-bytes", "urlencoded", "forged-origin", "bad-root", "bad-action-fields", "unknown-id", "bad-id");
  return fc.tuple(shape, fc.boolean(), values, fc.constantFrom(...NOT_UTF8), fc.nat(), fc.constantFrom(...MALFORMED_ROOTS), fc.constantFrom(...MALFORMED_ACTION_FIELDS)).map(([shape, script, hostileFields, badBytes, pick, badRoot, badFields]) => {
    const fields: [string, string][] = shape === "valid" ? form.fields.map(([k, v]) => [k, v || "Some ordinary text a person would write here."]) : hostileFields;
    const headers: Record<string, string> = { cookie: form.cookie, origin: OWN_ORIGIN };
    if (shape === "forged-origin") headers.origin = ["https://evil.example", "null", "http://127.0.0.1:1", "garbage"][pick % 4]!;
    if (shape === "json") return { shape, method: "POST", path: form.page, headers: { ...headers, "next-action": form.id, "content-type": "application/json" }, body: json(Object.fromEntries(fields)) };
    if (shape === "text-plain-bytes") {
      return { shape, method: "POST", path: form.page, headers: { ...headers, "next-action": form.id, "content-type": "text/plain;charset=UTF-8" }, body: Buffer.concat([Buffer.from(`[{"ok":false},"${MARKER}`), badBytes, Buffer.from('"]')]) };
    }
    if (shape === "urlencoded") return { shape, method: "POST", path: form.page, headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams([...form.mpa, ...fields]).toString() };
    let parts: Part[] = fields;
    if (shape === "too-big") parts = [...fields, [fields[0]?.[0] ?? "body", "x".repeat(1024 * 1024 + 10)]];
    if (shape === "not-utf8") parts = fields.map(([k, v], i) => (i === pick % Math.max(fields.length, 1) ? [k, Buffer.concat([Buffer.from(`${MARKER} `), badBytes, Buffer.from(v)])] : [k, v]));
    if (shape === "not-utf8" && parts.length === 0) parts = [["x", badBytes]];
    const id = shape === "unknown-id" ? `40${"0".repeat(40)}` : shape === "bad-id" ? ["x", "../../etc", form.id.slice(1), `${form.id}00`][pick % 4]! : form.id;
    if (script) {
      const withState = form.mpa.some(([k]) => k.startsWith("$ACTION_REF_"));
      const root = shape === "bad-root" ? badRoot : withState ? '[{"ok":false},"$K1"]' : '["$K1"]';
      // Fields a script's request never has, next to the form's own.
      const extra: Part[] = shape === "bad-action-fields" ? [["$ACTION_REF_1", ""], ...badFields(form.id)] : [];
      // As the browser sends it: the form's fields, hidden `$ACTION_…` inputs included, as "_1_<name>".
      const body = multipartBody([["0", root], ...extra, ...[...form.mpa, ...parts].map(([k, v]) => [`_1_${k}`, v] as Part)]);
      return { shape, method: "POST", path: form.page, headers: { ...headers, "next-action": id, "content-type": body.type, accept: "text/x-component" }, body: body.body };
    }
    let mpa: Part[] = form.mpa.map(([k, v]) => [k, v.replace(form.id, id)]);
    if (shape === "unknown-id" || shape === "bad-id") mpa = form.mpa.map(([k, v]) => [k.replace(form.id, id), v.replace(form.id, id)]);
    if (shape === "bad-action-fields" || shape === "bad-root") mpa = badFields(form.id);
    const body = multipartBody([...mpa, ...parts]);
    return { shape, method: "POST", path: form.page, headers: { ...headers, "content-type": body.type }, body: body.body };
  });
}

const MALFORMED_ROOTS = ["", "[", "{}", "null", '"$K1"', "[1,2,3]", '["$Q1","$K1"]', '[{"ok":false},"$K1","$K1"]', '["$@5"]', '[{"ok":"$D2026"},"$K1"]', '[{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":1}}}}}}}}}},"$K1"]', '["$K"]', '["$Kzz"]', '["$K2"]', `[${"[".repeat(3000)}`];
const MALFORMED_ACTION_FIELDS: ((id: string) => Part[])[] = [
  () => [],
  (id) => [[`$ACTION_ID_${id.slice(2)}`, ""]],
  () => [["$ACTION_REF_1", ""]],
  () => [["$ACTION_REF_1", ""], ["$ACTION_1:0", "{not json"]],
  (id) => [["$ACTION_REF_1", ""], ["$ACTION_1:0", `{"id":"${id}","bound":"$Q1"}`]],
  (id) => [["$ACTION_REF_1", ""], ["$ACTION_1:0", `{"id":"${id}","bound":"$@1"}`], ["$ACTION_1:1", "[{"]],
  (id) => [["$ACTION_REF_1", ""], ["$ACTION_1:0", `{"id":"${id}","bound":"$@1"}`], ["$ACTION_1:1", '["$@1"]']],
  (id) => [["$ACTION_REF_1", ""], ["$ACTION_REF_2", ""], ["$ACTION_REF_3", ""], ["$ACTION_1:0", `{"id":"${id}","bound":null}`]],
  (id) => [["$ACTION_REF_1", ""], ["$ACTION_1:0", `{"id":"${id}","bound":null}`], ["$ACTION_1:0", `{"id":"${id}","bound":null}`]],
  (id) => [[`$ACTION_ID_${id}`, ""], [`$ACTION_ID_${id}`, ""]],
  (id) => [["$ACTION_KEY", "k".repeat(5000)], [`$ACTION_ID_${id}`, ""]],
  (id) => [["$ACTION_", ""], [`$ACTION_ID_${id}`, ""]],
  (id) => [["$ACTION_1:0", `{"id":"${id}","bound":null}`]],
];

test.describe("server actions", () => {
  test("finds the forms it replays", () => {
    // Sign-out, new petition, sign, follow, close, deliver, update, invite, edit, email setting, unsubscribe, admin.
    expect(forms.length).toBeGreaterThanOrEqual(10);
    expect(forms.some((f) => f.page === "/petitions/new" && f.fields.some(([k]) => k === "background"))).toBe(true);
    expect(forms.some((f) => f.page.startsWith("/unsubscribe") && f.fields.some(([k]) => k === "token"))).toBe(true);
  });

  test("fuzz every form's server action", async () => {
    test.setTimeout(900_000);
    const db = fingerprinter(FILE);
    const statuses = new Map<string, number>();
    const runs = Math.max(40, Math.round(RUNS / 3));
    try {
      for (const form of forms) {
        await fc.assert(
          fc.asyncProperty(actionRequest(form), async (req) => {
            const before = db.take();
            const res = await send(req);
            const key = `${req.shape} ${res.status}`;
            statuses.set(key, (statuses.get(key) ?? 0) + 1);
            const what = `${form.page} action ${form.id} (${req.shape}): ${describeReq(req)}\n→ ${res.status} ${res.text.slice(0, 300)}`;
            expect(res.status, what).toBeLessThan(500);
            const expected = EXPECTED[req.shape];
            if (expected) expect(expected, what).toContain(res.status);
            if (res.status >= 400) {
              expect(db.take(), `a refused action changed the database: ${what}`).toEqual(before);
              if (res.headers.get("x-nextjs-action-not-found") !== "1") {
                // The answer says what to do, in plain text the browser shows and Next.js's
                // client passes on, and repeats nothing that was sent.
                expect(res.headers.get("content-type"), what).toBe("text/plain");
                expect(res.text.length, what).toBeGreaterThanOrEqual(40);
                expect(res.text, what).not.toContain(MARKER);
              }
            }
            if (res.status >= 300 && res.status < 400) {
              const location = new URL(res.headers.get("location") ?? "/", OWN_ORIGIN);
              expect([OWN_ORIGIN, OWN_ORIGIN.replace("127.0.0.1", "localhost")], what).toContain(location.origin);
            }
            // An action that ran answers with a message of its own, never the catch-all.
            expect(res.text, what).not.toContain("Something went wrong on our side");
          }),
          { numRuns: runs, endOnFailure: true },
        );
      }
    } finally {
      db.close();
    }
    console.log(`[fuzz] server actions: ${forms.length} forms × ${runs} runs, ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    // Nothing of a refused body reached the log, and no action failed unexpectedly.
    expect(server.log()).not.toContain(MARKER);
    expect(server.log()).not.toMatch(/\[action\] unexpected|Invalid Server Actions request|Body exceeded/);
    // Not vacuous: every shape was sent, and valid forms went through.
    for (const shape of Object.keys(EXPECTED)) expect([...statuses.keys()].some((k) => k.startsWith(`${shape} `)), shape).toBe(true);
    expect([...statuses].filter(([k]) => /^valid (200|303)$/.test(k)).length).toBeGreaterThan(0);
  });
});

test("a URL longer than the server takes is refused before the app, and changes nothing", async () => {
  const db = fingerprinter(FILE);
  try {
    const before = db.take();
    const res = await send({ method: "POST", path: `/api/petitions/${"a".repeat(20_000)}/signature`, headers: { "content-type": "application/json", cookie: prepared.people[5]!.cookie }, body: "{}" });
    // Node's HTTP parser answers 431 (headers too large) before any app code runs.
    expect(res.status).toBe(431);
    expect(db.take()).toEqual(before);
  } finally {
    db.close();
  }
});
