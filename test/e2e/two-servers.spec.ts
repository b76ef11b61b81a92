// Several servers, one PostgreSQL database (issue 8, docs/decisions/014). Two production servers
// start on their own ports and share a database: a signature made through one shows up live,
// over Server-Sent Events, on a page served by the other (and the other way round), and a burst
// of concurrent signatures spread over both leaves the count exact on both; a third of them are
// anonymous, sent with their token through the cookieless door and counted in batches (decision
// 018), each exactly once even when re-sent through the other server. Runs on the
// PostgreSQL run of the suite (scripts/e2e.ts); SQLite serves one machine, so it is skipped there.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "./support/fixtures";

const URL_ = process.env.E2E_TWO_SERVERS_DATABASE_URL ?? "";
const base = Number(process.env.E2E_PORT ?? 3100);
const [PORT_A, PORT_B] = (process.env.E2E_TWO_SERVERS_PORTS ?? `${base + 10},${base + 11}`).split(",").map(Number) as [number, number];
const A = `http://127.0.0.1:${PORT_A}`;
const B = `http://127.0.0.1:${PORT_B}`;
const SECRET = "two-servers-secret-0123456789abcdef0123456789";
const SIGNERS = 240;

test.skip(!/^postgres(ql)?:\/\//.test(URL_), "several servers need PostgreSQL (E2E_TWO_SERVERS_DATABASE_URL); this is the SQLite run");
test.setTimeout(240_000);

function startServer(port: number): ChildProcess {
  return spawn(process.execPath, ["server.mjs", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: "ignore",
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: ".next-test",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: URL_,
      AUTH_SECRET: SECRET,
      AUTH_TRUST_HOST: "true",
      // Both run the scheduler, as real servers would; the advisory lock keeps it to one at a time.
      UNDERSIGNED_SCHEDULER_MS: "1000",
      UNDERSIGNED_LIVE_TICK_MS: "200",
      UNDERSIGNED_SIGNATURE_BATCH_SECONDS: "2",
      UNDERSIGNED_SIGNATURE_BATCH_HOLD_SECONDS: "0",
    },
  });
}

async function waitUntilUp(origin: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${origin}/api/petitions`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server at ${origin} did not start`);
}

function stop(server: ChildProcess) {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    // already gone
  }
}

type Person = { id: string; cookie: string; token: { nonce: string; signature: string } };

/** Signs as the browser does: by name with the session and the token, anonymously with the token and no cookie. */
async function sign(origin: string, person: Person, visibility: "named" | "anonymous") {
  const res =
    visibility === "named"
      ? await fetch(`${origin}/api/petitions/${petitionId}/signature`, {
          method: "POST",
          headers: { cookie: person.cookie, "content-type": "application/json", origin },
          body: JSON.stringify({ visibility, token: person.token }),
        })
      : await fetch(`${origin}/api/petitions/${petitionId}/anonymous-signature`, {
          method: "POST",
          headers: { "content-type": "application/json", origin },
          body: JSON.stringify({ token: person.token }),
        });
  return res.status;
}

let petitionId = "";

test("two servers on one PostgreSQL database: live across servers, exact counts under concurrent signing", async ({ browser }) => {
  const prepared = JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", "test/e2e/support/signing-db.ts", "prepare", URL_, SECRET, String(SIGNERS), "tokens"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }),
  ) as { petitionId: string; slug: string; users: Person[] };
  petitionId = prepared.petitionId;
  const people = prepared.users;
  const anonymous = (i: number) => i === 1 || (i > 1 && i % 3 === 0);

  const servers = [startServer(PORT_A), startServer(PORT_B)];
  try {
    await Promise.all([waitUntilUp(A), waitUntilUp(B)]);

    // One page on each server, each following the count. Polling the count endpoint is blocked,
    // so an update can only arrive through the page's own server's event stream.
    const context = await browser.newContext();
    const pages = await Promise.all([A, B].map(async (origin) => {
      const page = await context.newPage();
      await page.route("**/api/petitions/*/count", (route) => route.abort());
      const stream = page.waitForResponse((r) => r.url().startsWith(`${origin}/api/stream`));
      await page.goto(`${origin}/petitions/${prepared.slug}`);
      expect((await stream).status()).toBe(200);
      await expect(page.getByTestId("signature-count")).toHaveText("0");
      return page;
    }));
    const [pageA, pageB] = pages as [typeof pages[0], typeof pages[0]];

    // Signed through A, seen live on B's page; then through B, seen on A's page.
    expect(await sign(A, people[0]!, "named")).toBe(201);
    await expect(pageB.getByTestId("signature-count")).toHaveText("1");
    // Anonymous: queued (202), seen on the other server's page once the batch is written.
    expect(await sign(B, people[1]!, "anonymous")).toBe(202);
    await expect(pageA.getByTestId("signature-count")).toHaveText("2", { timeout: 15_000 });

    // The rest at once, 40 in flight, alternating between the servers.
    let next = 2;
    const statuses: number[] = [];
    const worker = async () => {
      while (next < SIGNERS) {
        const i = next++;
        statuses.push(await sign(i % 2 ? B : A, people[i]!, anonymous(i) ? "anonymous" : "named"));
      }
    };
    await Promise.all(Array.from({ length: 40 }, worker));
    expect(statuses).toHaveLength(SIGNERS - 2);
    const anonymousCount = people.filter((_, i) => anonymous(i)).length;
    expect(statuses.filter((s) => s === 202)).toHaveLength(anonymousCount - 1);
    expect(statuses.filter((s) => s === 201)).toHaveLength(SIGNERS - 1 - anonymousCount);

    const expected = SIGNERS.toLocaleString("en");
    await expect(pageA.getByTestId("signature-count")).toHaveText(expected, { timeout: 15_000 });
    await expect(pageB.getByTestId("signature-count")).toHaveText(expected, { timeout: 15_000 });
    for (const origin of [A, B]) {
      const count = (await (await fetch(`${origin}/api/petitions/${petitionId}/count`)).json()) as { signatureCount: number };
      expect(count.signatureCount).toBe(SIGNERS);
    }
    // Signing again through the other server is idempotent.
    expect(await sign(B, people[0]!, "named")).toBe(200);
    // Re-sending every anonymous token through the other server counts none of them again.
    for (const [i, p] of people.entries()) if (anonymous(i)) expect(await sign(i % 2 ? A : B, p, "anonymous")).toBe(200);
    for (const origin of [A, B]) expect(((await (await fetch(`${origin}/api/petitions/${petitionId}/count`)).json()) as { signatureCount: number }).signatureCount).toBe(SIGNERS);

    const result = JSON.parse(
      execFileSync(process.execPath, ["--import", "tsx", "test/e2e/support/signing-db.ts", "check", URL_, petitionId, people.filter((_, i) => !anonymous(i)).map((u) => u.id).join(","), people.filter((_, i) => anonymous(i)).map((u) => u.token.nonce).join(",")], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }),
    ) as { lost: string[]; drift: unknown[]; stored: number; anonLost: string[]; anonStored: number };
    expect(result.lost).toEqual([]);
    expect(result.anonLost).toEqual([]);
    expect(result.drift).toEqual([]);
    expect(result.stored).toBe(SIGNERS - anonymousCount);
    expect(result.anonStored).toBe(anonymousCount);
    console.log(`[two-servers] ${SIGNERS} signatures through two servers; both pages and both servers show ${SIGNERS}`);
    await context.close();
  } finally {
    servers.forEach(stop);
  }
});
