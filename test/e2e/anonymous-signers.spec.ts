// Promise 2: no page, API, export or feed lists who signed anonymously. For every role (signed
// out, employee, organizer, leadership, moderator, admin) this reads every GET route under
// app/api (every petition, program, list, page of results and filter the seeded data has), the
// JSON the mutations answer, the live stream, the Atom feed, both CSV exports and the pages that
// show people, and looks for the name, email address and account id of each person who may have
// signed anonymously. Since decision 018 the database itself cannot say who did: the scan takes
// every holder of a signing token whom nothing else makes public (a superset of the anonymous
// signers), and proves on the same answers that it does find people where they legitimately are.
import Database from "better-sqlite3";
import pg from "pg";
import type { APIRequestContext, APIResponse, BrowserContext } from "@playwright/test";
import { APP_ORIGIN, expect, signIn, test, type PersonaKey } from "./support/fixtures";
import { LeakScanner, readable, type Finding, type Person } from "./support/leak-scan";
import { heldToken, untilWritten } from "./support/sign-token";

const TOMAS = "tomas.ferreira@example.com";
const LISTS = ["open", "awaiting", "responded", "closed", "trending"];
const PROGRAM_STATUSES = ["proposed", "active", "paused", "ended"];

type Petition = { id: string; slug: string; state: string; coSponsorToken: string | null };
type Body = { where: string; status: number; body: string };

/** Runs read-only SQL on the browser tests' database, SQLite or PostgreSQL (scripts/e2e.ts). */
async function openDatabase(): Promise<{ all: <T>(sql: string, ...params: string[]) => Promise<T[]>; close: () => Promise<void> }> {
  const url = process.env.E2E_DATABASE_URL ?? "file:./test/.tmp/e2e.db";
  if (url.startsWith("file:")) {
    const raw = new Database(url.replace(/^file:(\.\/)?/, ""), { readonly: true, fileMustExist: true });
    return { all: async <T>(sql: string, ...params: string[]) => raw.prepare(sql).all(...params) as T[], close: async () => void raw.close() };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    // The same SQL on both: identifiers are double-quoted, and `?` becomes PostgreSQL's $n.
    all: async <T>(sql: string, ...params: string[]) => {
      let n = 0;
      return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
    },
    close: () => client.end(),
  };
}

/** What the database says: who signed anonymously, who is public, and what exists. */
async function readDatabase() {
  const db = await openDatabase();
  try {
    const ids = async (sql: string, ...params: string[]) => new Set((await db.all<{ id: string }>(sql, ...params)).map((r) => r.id));
    const publicIds = await ids(
      `SELECT "userId" AS id FROM "Signature" WHERE visibility = 'named'
       UNION SELECT "userId" FROM "PetitionOrganizer"
       UNION SELECT "userId" FROM "CoOrganizerInvite"
       UNION SELECT "authorId" FROM "Response"
       UNION SELECT id FROM "User" WHERE role <> 'employee'`,
    );
    const users = await db.all<Person>(`SELECT id, name, email FROM "User"`);
    // Whoever holds a petition's signing token may have spent it anonymously: nobody can tell.
    const anonymousIds = await ids(`SELECT DISTINCT "userId" AS id FROM "SignTokenIssuance"`);
    const namedOnOpen = await ids(
      `SELECT DISTINCT s."userId" AS id FROM "Signature" s JOIN "Petition" p ON p.id = s."petitionId" WHERE s.visibility = 'named' AND p.state IN ('open', 'closed')`,
    );
    const nameCount = new Map<string, number>();
    for (const u of users) nameCount.set(u.name, (nameCount.get(u.name) ?? 0) + 1);
    const publicNames = new Set(users.filter((u) => publicIds.has(u.id)).map((u) => u.name));
    // Anonymous signers whom nothing else makes public. A name another, public, person also has
    // may legitimately appear, so only the email and account id of such a signer are looked for.
    const anonymous: Person[] = users
      .filter((u) => anonymousIds.has(u.id) && !publicIds.has(u.id))
      .map((u) => (publicNames.has(u.name) ? { ...u, name: "" } : u));
    // The control group: named signers of public petitions, with a name nobody else has.
    const named: Person[] = users.filter((u) => namedOnOpen.has(u.id) && !anonymous.some((a) => a.id === u.id) && nameCount.get(u.name) === 1).map((u) => ({ ...u, email: `${u.id}@not-looked-for.invalid` }));
    const petitions = await db.all<Petition>(`SELECT id, slug, state, "coSponsorToken" AS "coSponsorToken" FROM "Petition"`);
    const programs = (await db.all<{ slug: string }>(`SELECT slug FROM "Program"`)).map((p) => p.slug);
    const tomas = users.find((u) => u.email === TOMAS)!;
    // The petitions whose token Tomás holds and did not spend by name, with their anonymous signatures.
    const tomasSigned = await db.all<{ id: string; slug: string; anonymous: number }>(
      `SELECT p.id, p.slug, (SELECT COUNT(*) FROM "AnonSignature" a WHERE a."petitionId" = p.id) AS anonymous
       FROM "SignTokenIssuance" i JOIN "Petition" p ON p.id = i."petitionId"
       WHERE i."userId" = ? AND NOT EXISTS (SELECT 1 FROM "Signature" s WHERE s."petitionId" = p.id AND s."userId" = i."userId")`,
      tomas.id,
    );
    // The petition with the most named signers, and those of them the control group holds.
    const [biggest] = await db.all<{ slug: string; id: string }>(
      `SELECT p.slug, p.id FROM "Signature" s JOIN "Petition" p ON p.id = s."petitionId" WHERE s.visibility = 'named' GROUP BY p.id, p.slug ORDER BY COUNT(*) DESC LIMIT 1`,
    );
    const namedThere = await ids(`SELECT "userId" AS id FROM "Signature" WHERE "petitionId" = ? AND visibility = 'named'`, biggest!.id);
    const namedOfBiggest = { slug: biggest!.slug, names: named.filter((u) => namedThere.has(u.id)).map((u) => u.name).sort() };
    return { anonymous, named, namedOfBiggest, petitions, programs, tomas, tomasSigned };
  } finally {
    await db.close();
  }
}

/** GETs a URL and every further page its `nextCursor` points to. */
async function getAll(request: APIRequestContext, url: string, out: Body[]) {
  let next: string | null = url;
  for (let page = 0; next && page < 100; page++) {
    const res: APIResponse = await request.get(next, { maxRedirects: 0, failOnStatusCode: false });
    const body: string = await res.text();
    out.push({ where: next, status: res.status(), body });
    let cursor: string | null = null;
    if ((res.headers()["content-type"] ?? "").includes("json") && res.status() === 200) {
      cursor = (JSON.parse(body) as { nextCursor?: string | null } | null)?.nextCursor ?? null;
    }
    next = cursor ? `${url}${url.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(cursor)}` : null;
  }
}

/** Everything a person in this context can read, through every GET route, export and page. */
async function collect(request: APIRequestContext, data: Awaited<ReturnType<typeof readDatabase>>): Promise<Body[]> {
  const out: Body[] = [];
  for (const path of ["/api/auth/session", "/api/auth/providers", "/api/auth/csrf", "/api/tokens", "/api/tokens/keys", "/api/programs", "/timeline.atom"]) await getAll(request, path, out);
  for (const list of LISTS) await getAll(request, `/api/petitions?state=${list}&limit=100`, out);
  for (const status of PROGRAM_STATUSES) await getAll(request, `/api/programs?status=${status}`, out);
  await getAll(request, "/api/timeline?limit=100", out);
  for (const p of data.petitions) {
    await getAll(request, `/api/petitions/${p.id}`, out);
    if (p.coSponsorToken) await getAll(request, `/api/petitions/${p.id}?invite=${p.coSponsorToken}`, out);
    await getAll(request, `/api/petitions/${p.id}/count`, out);
    await getAll(request, `/api/petitions/${p.id}/comments?limit=100`, out);
    await getAll(request, `/api/timeline?petition=${p.id}&limit=100`, out);
    await getAll(request, `/timeline.atom?petition=${p.id}`, out);
    await getAll(request, `/petitions/${p.slug}/export/signatures.csv`, out);
    await getAll(request, `/petitions/${p.slug}/export/aggregates.csv`, out);
    await getAll(request, `/petitions/${p.slug}`, out);
    await getAll(request, `/petitions/${p.slug}/dashboard`, out);
  }
  for (const slug of data.programs) {
    await getAll(request, `/api/programs/${slug}`, out);
    await getAll(request, `/api/programs/${slug}/comments?limit=100`, out);
    await getAll(request, `/api/timeline?program=${slug}&limit=100`, out);
    await getAll(request, `/programs/${slug}`, out);
  }
  for (const path of ["/", ...LISTS.map((l) => `/petitions?list=${l}`), "/programs", "/timeline", "/moderation-log", "/my", "/notifications", "/moderation", "/admin"]) {
    await getAll(request, path, out);
  }
  return out;
}

/** Reads the live stream for a moment while `during` runs. */
async function readStream(during: () => Promise<Body[]>): Promise<Body[]> {
  const controller = new AbortController();
  const res = await fetch(`${APP_ORIGIN}/api/stream`, { signal: controller.signal });
  const reader = res.body!.getReader();
  let text = "";
  const reading = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    } catch {
      // aborted
    }
  })();
  const answers = await during();
  await new Promise((r) => setTimeout(r, 1500));
  controller.abort();
  await reading;
  return [...answers, { where: "/api/stream", status: res.status, body: text }];
}

const ROLES: { role: string; persona: PersonaKey | null }[] = [
  { role: "signed out", persona: null },
  { role: "employee", persona: "jonas" },
  { role: "organizer", persona: "maya" },
  { role: "leadership", persona: "priya" },
  { role: "moderator", persona: "sam" },
  { role: "admin", persona: "lena" },
  // The anonymous signer himself: he may see his own account, nobody else's.
  { role: "the anonymous signer", persona: "tomas" },
];

test.setTimeout(300_000);

test("the scanner finds a person however an answer writes them", () => {
  const scanner = new LeakScanner([{ id: "ckxyzabcdefghijklmnopqrst", name: "Tomás Ferreira", email: "tomas.ferreira@example.com" }]);
  const forms = [
    JSON.stringify({ signers: [{ name: "Tomás Ferreira" }] }),
    '{"name":"Tom\\u00e1s Ferreira"}',
    "<li>Tom&aacute;s Ferreira</li>".replace("&aacute;", "&#225;"),
    "<li>TOMA\u0301S   ferreira</li>",
    "name,department\nTomás\u00a0Ferreira,Finance",
    'event: count\ndata: {"who":"tomas.ferreira@example.com"}\n\n',
    "mailto:Tomas.Ferreira@Example.com",
    "reply to tomas.ferreira please",
    '{"userId":"ckxyzabcdefghijklmnopqrst"}',
  ];
  for (const form of forms) expect(scanner.scan("synthetic", form), form).not.toEqual([]);
  expect(scanner.scan("synthetic", '{"name":"Tomás Fernandes","note":"Ferreira Tomás"}')).toEqual([]);
  expect(readable('{"a":"\\u0054om\\u00e1s"}')).toContain("Tomás");
});

test("nobody who signed anonymously appears in any answer, for any role", async ({ browser }) => {
  const data = await readDatabase();
  // The seed's anonymous persona is in the set: he holds the access-log petition's token, spent
  // it on none of its named signatures, and the petition has anonymous signatures; the name is
  // there to be found, where it legitimately is.
  expect(data.tomasSigned.some((s) => s.slug.startsWith("publish-who-can-read") && Number(s.anonymous) > 0)).toBe(true);
  expect(data.anonymous.map((p) => p.email)).toContain(TOMAS);
  expect(data.anonymous.find((p) => p.email === TOMAS)!.name).toBe("Tomás Ferreira");
  expect(data.anonymous.length).toBeGreaterThan(500);
  expect(data.named.length).toBeGreaterThan(50);

  const findings: Finding[] = [];
  const namedSeen = new Set<string>();
  const namedScanner = new LeakScanner(data.named);
  let answers = 0;
  const statuses = new Map<number, number>();
  const tomasAccess = data.tomasSigned.find((s) => s.slug.startsWith("publish-who-can-read"))!;

  for (const { role, persona } of ROLES) {
    const context: BrowserContext = await browser.newContext();
    try {
      const page = await context.newPage();
      if (persona) await signIn(page, persona);
      let bodies = await collect(context.request, data);
      if (persona === "tomas") {
        // Not even his own view says he signed (the server cannot know; only the browser holding
        // the token could), and his own account is in his session: the scan finds him there, so
        // it would find him anywhere else.
        const own = JSON.parse(bodies.find((b) => b.where === `/api/petitions/${tomasAccess.id}`)!.body);
        expect(own.viewer.signature).toBeNull();
        const himself = new LeakScanner([data.tomas]).scan("/api/auth/session", bodies.find((b) => b.where === "/api/auth/session")!.body);
        expect(himself.map((f) => f.kind)).toContain("id");
        // The JSON that signing and withdrawing answer, and the live stream meanwhile.
        const quiet = data.petitions.find((p) => p.slug.startsWith("quiet-hours"))!;
        bodies = bodies.concat(
          await readStream(async () => {
            // His browser spends its token at the cookieless door until the batch counted it, then withdraws it.
            const token = await heldToken(page, quiet.id);
            expect(token).not.toBeNull();
            const signed = await untilWritten(quiet.id, "POST", token!);
            expect(signed[0]!.status).toBe(202);
            const withdrawn = await untilWritten(quiet.id, "DELETE", token!);
            expect(withdrawn[0]!.status).toBe(202);
            return [...signed, ...withdrawn].map((a, i) => ({ where: `${i < signed.length ? "POST" : "DELETE"} anonymous-signature`, status: a.status, body: a.text }));
          }),
        );
        expect(bodies.at(-1)!.body).toContain("event: count");
      }
      const scanner = new LeakScanner(data.anonymous.filter((p) => !(persona === "tomas" && p.email === TOMAS)));
      for (const b of bodies) {
        answers++;
        statuses.set(b.status, (statuses.get(b.status) ?? 0) + 1);
        findings.push(...scanner.scan(`${role}: ${b.where} (${b.status})`, b.body));
        for (const f of namedScanner.scan(b.where, b.body)) if (f.kind === "name") namedSeen.add(f.value);
      }
      // The organizer's export lists every named signer (and, as the scan shows, nobody anonymous).
      if (persona === "maya") {
        const csv = bodies.find((b) => b.where === `/petitions/${data.namedOfBiggest.slug}/export/signatures.csv`)!;
        expect(csv.status).toBe(200);
        expect(data.namedOfBiggest.names.length).toBeGreaterThan(20);
        expect(namedScanner.scan("csv", csv.body).map((f) => f.value).sort()).toEqual(data.namedOfBiggest.names);
      }
    } finally {
      await context.close();
    }
  }
  console.log(`[anonymous-signers] ${answers} answers scanned for ${data.anonymous.length} anonymous signers; statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${namedSeen.size} named signers found where they are listed`);
  // The same scan, over the same answers, finds named signers where the app lists them.
  expect(namedSeen.size).toBeGreaterThan(20);
  expect(findings.map((f) => `${f.where}: ${f.kind} ${f.value} …${f.context}…`)).toEqual([]);
});
