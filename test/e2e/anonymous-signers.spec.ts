// Promise 2: no page, API, export or feed lists who signed anonymously. For every role (signed
// out, employee, organizer, leadership, moderator, admin) this reads every GET route under
// app/api (every petition, program, list, page of results and filter the seeded data has), the
// JSON the mutations answer, the live stream, the Atom feed, both CSV exports and the pages that
// show people, and looks for the name, email address and account id of each person who signed
// anonymously. The people come from the database itself, and the scan proves on the same
// answers that it does find people where they legitimately are.
import Database from "better-sqlite3";
import pg from "pg";
import type { APIRequestContext, APIResponse, BrowserContext } from "@playwright/test";
import { APP_ORIGIN, expect, signIn, test, type PersonaKey } from "./support/fixtures";
import { LeakScanner, readable, type Finding, type Person } from "./support/leak-scan";

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
    const anonymousIds = await ids(`SELECT DISTINCT "userId" AS id FROM "Signature" WHERE visibility = 'anonymous'`);
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
    const named: Person[] = users.filter((u) => namedOnOpen.has(u.id) && !anonymousIds.has(u.id) && nameCount.get(u.name) === 1).map((u) => ({ ...u, email: `${u.id}@not-looked-for.invalid` }));
    const petitions = await db.all<Petition>(`SELECT id, slug, state, "coSponsorToken" AS "coSponsorToken" FROM "Petition"`);
    const programs = (await db.all<{ slug: string }>(`SELECT slug FROM "Program"`)).map((p) => p.slug);
    const tomas = users.find((u) => u.email === TOMAS)!;
    const tomasSigned = await db.all<{ id: string; slug: string; visibility: string }>(
      `SELECT p.id, p.slug, s.visibility FROM "Signature" s JOIN "Petition" p ON p.id = s."petitionId" WHERE s."userId" = ?`,
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
  // The seed's anonymous persona is in the set, and the database does record his signature:
  // the name is there to be found, where it legitimately is.
  expect(data.tomasSigned.some((s) => s.visibility === "anonymous")).toBe(true);
  expect(data.anonymous.map((p) => p.email)).toContain(TOMAS);
  expect(data.anonymous.find((p) => p.email === TOMAS)!.name).toBe("Tomás Ferreira");
  expect(data.anonymous.length).toBeGreaterThan(500);
  expect(data.named.length).toBeGreaterThan(50);

  const findings: Finding[] = [];
  const namedSeen = new Set<string>();
  const namedScanner = new LeakScanner(data.named);
  let answers = 0;
  const statuses = new Map<number, number>();
  const tomasAccess = data.tomasSigned.find((s) => s.visibility === "anonymous")!;

  for (const { role, persona } of ROLES) {
    const context: BrowserContext = await browser.newContext();
    try {
      const page = await context.newPage();
      if (persona) await signIn(page, persona);
      let bodies = await collect(context.request, data);
      if (persona === "tomas") {
        // He sees his own signature as anonymous, and his own account in his session: the
        // scan finds him there, so it would find him anywhere else.
        const own = JSON.parse(bodies.find((b) => b.where === `/api/petitions/${tomasAccess.id}`)!.body);
        expect(own.viewer.signature.visibility).toBe("anonymous");
        const himself = new LeakScanner([data.tomas]).scan("/api/auth/session", bodies.find((b) => b.where === "/api/auth/session")!.body);
        expect(himself.map((f) => f.kind)).toContain("id");
        // The JSON that signing and withdrawing answer, and the live stream meanwhile.
        const quiet = data.petitions.find((p) => p.slug.startsWith("quiet-hours"))!;
        bodies = bodies.concat(
          await readStream(async () => {
            const signed = await context.request.post(`/api/petitions/${quiet.id}/signature`, { data: { visibility: "anonymous", follow: false } });
            expect(signed.status()).toBe(201);
            const withdrawn = await context.request.delete(`/api/petitions/${quiet.id}/signature`);
            expect(withdrawn.status()).toBe(200);
            return [
              { where: "POST signature", status: signed.status(), body: await signed.text() },
              { where: "DELETE signature", status: withdrawn.status(), body: await withdrawn.text() },
            ];
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
