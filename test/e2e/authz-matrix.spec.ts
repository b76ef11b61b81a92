// The authorization matrix: every page and route handler, for every role, with the expected
// outcome. A page or route added under app/ (or pages/) without a row here fails the first test.
// Server actions are thin adapters over domain functions whose permissions the integration
// tests check role by role.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, MAIN_PETITION, signIn, test, type PersonaKey } from "./support/fixtures";

const ROLES = ["anon", "employee", "organizer", "otherOrganizer", "leadership", "moderator", "admin"] as const;
type Role = (typeof ROLES)[number];
const PERSONA_OF: Record<Exclude<Role, "anon">, PersonaKey> = {
  employee: "tomas",
  organizer: "maya", // organizes the main petition
  otherOrganizer: "jonas", // organizes the quiet-hours petition, not the main one
  leadership: "priya",
  moderator: "sam",
  admin: "lena",
};

type Expect = number | Partial<Record<Role, number>> & { default: number };
type Row = { method: "GET" | "POST" | "DELETE" | "PUT"; path: (ids: Ids) => string; body?: unknown; expect: Expect; stream?: boolean };
type Ids = { slug: string; id: string };

const signedIn = (status: number, anon = 307): Expect => ({ default: status, anon });
const only = (roles: Role[], ok: number, others: number, anon = 307): Expect => ({ default: others, anon, ...Object.fromEntries(roles.map((r) => [r, ok])) });

/** Keyed by the route as it appears under app/ (route groups and files stripped). */
const MATRIX: Record<string, Row[]> = {
  "/": [{ method: "GET", path: () => "/", expect: 200 }],
  "/petitions": [{ method: "GET", path: () => "/petitions", expect: 200 }],
  "/petitions/new": [{ method: "GET", path: () => "/petitions/new", expect: signedIn(200) }],
  "/petitions/[slug]": [{ method: "GET", path: (i) => `/petitions/${i.slug}`, expect: 200 }],
  "/petitions/[slug]/signers": [{ method: "GET", path: (i) => `/petitions/${i.slug}/signers`, expect: 200 }],
  // Only drafts can be edited: organizers are sent back to the petition, others see nothing.
  "/petitions/[slug]/edit": [{ method: "GET", path: (i) => `/petitions/${i.slug}/edit`, expect: { default: 404, anon: 307, organizer: 307 } }],
  "/petitions/[slug]/dashboard": [{ method: "GET", path: (i) => `/petitions/${i.slug}/dashboard`, expect: only(["organizer"], 200, 403) }],
  "/petitions/[slug]/export/signatures.csv": [{ method: "GET", path: (i) => `/petitions/${i.slug}/export/signatures.csv`, expect: only(["organizer"], 200, 403, 401) }],
  "/petitions/[slug]/export/aggregates.csv": [{ method: "GET", path: (i) => `/petitions/${i.slug}/export/aggregates.csv`, expect: only(["organizer"], 200, 403, 401) }],
  "/my": [{ method: "GET", path: () => "/my", expect: signedIn(200) }],
  "/signin": [{ method: "GET", path: () => "/signin", expect: { default: 307, anon: 200 } }],
  "/programs": [{ method: "GET", path: () => "/programs", expect: 200 }],
  "/programs/new": [{ method: "GET", path: () => "/programs/new", expect: only(["admin"], 200, 403) }],
  "/programs/[slug]": [{ method: "GET", path: () => "/programs/flow-insights", expect: 200 }],
  "/programs/[slug]/versions/[version]": [
    { method: "GET", path: () => "/programs/flow-insights/versions/2", expect: 200 },
    { method: "GET", path: () => "/programs/flow-insights/versions/999", expect: 404 },
  ],
  "/programs/[slug]/edit": [{ method: "GET", path: () => "/programs/flow-insights/edit", expect: only(["admin"], 200, 403) }],
  "/moderation": [{ method: "GET", path: () => "/moderation", expect: only(["moderator"], 200, 403) }],
  "/leadership": [{ method: "GET", path: () => "/leadership", expect: only(["leadership"], 200, 403) }],
  "/moderation-log": [{ method: "GET", path: () => "/moderation-log", expect: 200 }],
  "/admin": [{ method: "GET", path: () => "/admin", expect: only(["admin"], 200, 403) }],
  "/timeline": [{ method: "GET", path: () => "/timeline", expect: 200 }],
  "/timeline.atom": [{ method: "GET", path: () => "/timeline.atom", expect: 200 }],
  "/notifications": [{ method: "GET", path: () => "/notifications", expect: signedIn(200) }],
  "/favicon.ico": [{ method: "GET", path: () => "/favicon.ico", expect: 200 }],
  "/what-we-store": [{ method: "GET", path: () => "/what-we-store", expect: 200 }],
  "/accessibility": [{ method: "GET", path: () => "/accessibility", expect: 200 }],
  "/developers": [{ method: "GET", path: () => "/developers", expect: 200 }],
  "/unsubscribe": [{ method: "GET", path: () => "/unsubscribe?token=forged.token", expect: 200 }],
  // Mail goes to a real SMTP server in these tests, so the development mailbox does not exist.
  "/dev/mailbox": [{ method: "GET", path: () => "/dev/mailbox", expect: 404 }],
  "/api/auth/[...nextauth]": [{ method: "GET", path: () => "/api/auth/session", expect: 200 }],
  "/api/petitions": [{ method: "GET", path: () => "/api/petitions", expect: 200 }],
  "/api/petitions/[id]": [{ method: "GET", path: (i) => `/api/petitions/${i.id}`, expect: 200 }],
  "/api/petitions/[id]/count": [{ method: "GET", path: (i) => `/api/petitions/${i.id}/count`, expect: 200 }],
  "/api/petitions/[id]/comments": [{ method: "GET", path: (i) => `/api/petitions/${i.id}/comments`, expect: 200 }],
  "/api/petitions/[id]/signature": [
    // An empty body: signed-out people are stopped first (401), everyone else is told what is wrong (400).
    { method: "POST", path: (i) => `/api/petitions/${i.id}/signature`, body: {}, expect: { default: 400, anon: 401 } },
    { method: "DELETE", path: (i) => `/api/petitions/${i.id}/signature`, expect: { default: 404, anon: 401 } },
  ],
  // Signing tokens (decision 018): collected by signed-in people only.
  "/api/petitions/tokens": [
    { method: "GET", path: () => "/api/petitions/tokens", expect: { default: 200, anon: 401 } },
    { method: "POST", path: () => "/api/petitions/tokens", body: {}, expect: { default: 400, anon: 401 } },
  ],
  // The anonymous door refuses every request with a cookie (signed in); without one, the body without a token is refused.
  "/api/petitions/[id]/anonymous-signature": [
    { method: "POST", path: (i) => `/api/petitions/${i.id}/anonymous-signature`, body: {}, expect: 400 },
    { method: "DELETE", path: (i) => `/api/petitions/${i.id}/anonymous-signature`, body: {}, expect: 400 },
    { method: "PUT", path: (i) => `/api/petitions/${i.id}/anonymous-signature`, body: {}, expect: 400 },
  ],
  "/api/programs": [{ method: "GET", path: () => "/api/programs", expect: 200 }],
  "/api/programs/[slug]": [{ method: "GET", path: () => "/api/programs/flow-insights", expect: 200 }],
  "/api/programs/[slug]/comments": [{ method: "GET", path: () => "/api/programs/flow-insights/comments", expect: 200 }],
  "/api/tokens": [
    { method: "GET", path: () => "/api/tokens", expect: { default: 200, anon: 401 } },
    { method: "POST", path: () => "/api/tokens", body: {}, expect: { default: 400, anon: 401 } },
  ],
  "/api/tokens/keys": [{ method: "GET", path: () => "/api/tokens/keys", expect: 200 }],
  "/api/openapi.json": [{ method: "GET", path: () => "/api/openapi.json", expect: 200 }],
  // Signed-in requests carry a cookie, which the anonymous door refuses; without one, the empty body is refused.
  "/api/comments": [{ method: "POST", path: () => "/api/comments", body: {}, expect: 400 }],
  // The author's door (decision 026) refuses cookies like the comment door; without one, the empty body.
  "/api/comments/answers": [{ method: "POST", path: () => "/api/comments/answers", body: {}, expect: 400 }],
  // A signed-in person's view of a shared page (decision 035): theirs alone, 401 for anyone else.
  "/api/me": [
    { method: "GET", path: (i) => `/api/me?path=${encodeURIComponent(`/petitions/${i.slug}`)}`, expect: { default: 200, anon: 401 } },
    { method: "POST", path: () => "/api/me", body: {}, expect: 405 },
  ],
  "/api/stream": [
    { method: "GET", path: () => "/api/stream", expect: 200, stream: true },
    { method: "POST", path: () => "/api/stream", body: {}, expect: 405 },
  ],
  "/api/timeline": [{ method: "GET", path: () => "/api/timeline", expect: 200 }],
  "/api/unsubscribe": [{ method: "POST", path: () => "/api/unsubscribe?token=forged.token", expect: 400 }],
  // Addresses no route handles answer JSON 404 for everyone.
  "/api/[...rest]": [
    { method: "GET", path: () => "/api/no-such-endpoint", expect: 404 },
    { method: "POST", path: () => "/api/petitions/%2e%2e/signature", body: {}, expect: 404 },
  ],
};

function routesUnderApp(dir = path.resolve("app"), prefix = ""): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      const segment = entry.startsWith("(") ? "" : `/${entry}`;
      found.push(...routesUnderApp(full, prefix + segment));
    } else if (/^(page|route)\.tsx?$/.test(entry)) {
      found.push(prefix || "/");
    }
  }
  return found;
}

/** The Pages Router's routes (the live stream, the count, /api/me: decisions 025, 015, 035), e.g. pages/api/stream.ts is /api/stream. */
function routesUnderPages(dir = path.resolve("pages"), prefix = ""): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...routesUnderPages(full, `${prefix}/${entry}`));
    else if (/\.tsx?$/.test(entry) && !entry.startsWith("_")) found.push(`${prefix}/${entry.replace(/\.tsx?$/, "").replace(/^index$/, "")}`.replace(/\/$/, "") || "/");
  }
  return found;
}

test("every page and route handler has a row in the matrix", () => {
  const routes = [...new Set([...routesUnderApp(), ...routesUnderPages()])].sort();
  expect(routes.filter((r) => !(r in MATRIX))).toEqual([]);
  expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
});

async function call(request: APIRequestContext, page: Page, row: Row, ids: Ids): Promise<number> {
  const url = row.path(ids);
  if (row.stream) {
    // A stream never ends; read the status and type, then hang up.
    return page.evaluate(async (u) => {
      const controller = new AbortController();
      const res = await fetch(u, { signal: controller.signal });
      const ok = res.headers.get("content-type")?.startsWith("text/event-stream");
      controller.abort();
      return ok ? res.status : -1;
    }, url);
  }
  const options = { maxRedirects: 0, failOnStatusCode: false, ...(row.body !== undefined ? { data: row.body } : {}) };
  const res = row.method === "GET" ? await request.get(url, options) : row.method === "POST" ? await request.post(url, options) : row.method === "PUT" ? await request.put(url, options) : await request.delete(url, options);
  return res.status();
}

for (const role of ROLES) {
  test(`matrix as ${role}`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (role !== "anon") await signIn(page, PERSONA_OF[role]);
    await page.goto(`/petitions?q=${encodeURIComponent(MAIN_PETITION)}`);
    const list = await (await context.request.get(`/api/petitions?state=open&q=${encodeURIComponent("keystrokes")}`)).json();
    const ids: Ids = { slug: list.items[0].slug, id: list.items[0].id };
    const failures: string[] = [];
    for (const [route, rows] of Object.entries(MATRIX)) {
      for (const row of rows) {
        const expected = typeof row.expect === "number" ? row.expect : (row.expect[role] ?? row.expect.default);
        const actual = await call(context.request, page, row, ids);
        if (actual !== expected) failures.push(`${row.method} ${route} as ${role}: expected ${expected}, got ${actual}`);
      }
    }
    await context.close();
    expect(failures).toEqual([]);
  });
}
