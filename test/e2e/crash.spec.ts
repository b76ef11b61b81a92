// Promise 6 under the worst case: while people sign, the server is killed with SIGKILL. After a
// restart every signature that was acknowledged is there, the counts reconcile, and (SQLite)
// the integrity check passes. Runs its own production server on its own database and port.
// Half sign by name (acknowledged: 201), half anonymously through the cookieless door with
// their token (decision 018): those are only queued in memory (202) until a batch writes them,
// so, as the browser's outbox does, every anonymous token is sent again after the restart until
// the server answers "counted", and each must then be stored exactly once.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";

const PORT = Number(process.env.CRASH_PORT ?? 3300);
const BASE = `http://127.0.0.1:${PORT}`;
// Its own database: a SQLite file, or on the PostgreSQL run a database of its own (scripts/e2e.ts).
const URL_ = process.env.E2E_CRASH_DATABASE_URL ?? "file:./test/.tmp/crash.db";
const SECRET = "crash-test-secret-0123456789abcdef0123456789";
const SIGNERS = 600;

test.setTimeout(180_000);

function startServer(): ChildProcess {
  return spawn(process.execPath, ["server.mjs", "-p", String(PORT), "-H", "127.0.0.1"], {
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
      UNDERSIGNED_SCHEDULER: "off",
      UNDERSIGNED_SIGNATURE_BATCH_SECONDS: "2",
      UNDERSIGNED_SIGNATURE_BATCH_HOLD_SECONDS: "0",
    },
  });
}

async function waitUntilUp() {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${BASE}/api/petitions`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the server did not start");
}

/** An anonymous signature as the browser sends it: the token, no cookie. */
function sendAnonymous(petitionId: string, token: { nonce: string; signature: string }) {
  return fetch(`${BASE}/api/petitions/${petitionId}/anonymous-signature`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
  });
}

/** Kills the whole process group: the server and its workers. */
function kill(server: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-server.pid!, signal);
  } catch {
    // already gone
  }
}

test("every acknowledged signature survives SIGKILL; counts reconcile; integrity check passes", async () => {
  const prepared = JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", "test/e2e/support/signing-db.ts", "prepare", URL_, SECRET, String(SIGNERS), "anon"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }),
  ) as { petitionId: string; users: { id: string; cookie: string; token?: { nonce: string; signature: string } }[] };
  const petition = { id: prepared.petitionId };
  const cookies = prepared.users.map((u) => u.cookie);

  let server = startServer();
  await waitUntilUp();
  const acknowledged = new Set<number>();
  const answered = { queued: 0, counted: 0 };
  let killedAt = 0;
  // 40 at a time; after 300 requests have been sent, the server is killed mid-flight.
  let next = 0;
  const worker = async () => {
    while (next < SIGNERS) {
      const i = next++;
      if (i === 300) {
        killedAt = acknowledged.size;
        kill(server, "SIGKILL");
      }
      try {
        const token = prepared.users[i]!.token;
        if (token) {
          const res = await sendAnonymous(petition.id, token);
          if (res.status === 202) answered.queued++;
          if (res.status === 200) answered.counted++;
        } else {
          const res = await fetch(`${BASE}/api/petitions/${petition.id}/signature`, {
            method: "POST",
            headers: { cookie: cookies[i]!, "content-type": "application/json" },
            body: JSON.stringify({ visibility: "named" }),
          });
          if (res.status === 201) acknowledged.add(i);
        }
      } catch {
        // connection refused or reset: not acknowledged, so not promised
      }
    }
  };
  await Promise.all(Array.from({ length: 40 }, worker));
  expect(killedAt).toBeGreaterThan(50);
  console.log(`[crash] ${acknowledged.size} named signatures acknowledged, ${answered.queued} anonymous queued and ${answered.counted} counted; the server was killed after ${killedAt}`);
  expect(answered.queued).toBeGreaterThan(25);

  server = startServer();
  await waitUntilUp();
  try {
    // The outbox: every anonymous token goes again until a batch has counted it.
    const anonymous = prepared.users.filter((u) => u.token).map((u) => u.token!);
    const deadline = Date.now() + 60_000;
    let pending = anonymous;
    while (pending.length > 0) {
      expect(Date.now()).toBeLessThan(deadline);
      const answers = await Promise.all(pending.map(async (t) => ({ t, res: await sendAnonymous(petition.id, t) })));
      for (const { res } of answers) expect([200, 202]).toContain(res.status);
      pending = (await Promise.all(answers.map(async ({ t, res }) => ((await res.json()).status === "counted" ? null : t)))).filter((t) => t !== null);
      if (pending.length > 0) await new Promise((r) => setTimeout(r, 1000));
    }
    const result = JSON.parse(
      execFileSync(process.execPath, ["--import", "tsx", "test/e2e/support/signing-db.ts", "check", URL_, petition.id, [...acknowledged].map((i) => prepared.users[i]!.id).join(","), anonymous.map((t) => t.nonce).join(",")], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }),
    ) as { lost: string[]; drift: unknown[]; integrity: string; stored: number; anonLost: string[]; anonStored: number };
    expect(result.lost).toEqual([]);
    // Every anonymous token counted exactly once, the re-sends included.
    expect(result.anonLost).toEqual([]);
    expect(result.anonStored).toBe(anonymous.length);
    expect(result.drift).toEqual([]);
    // SQLite's integrity check; PostgreSQL was not what died here.
    if (URL_.startsWith("file:")) expect(result.integrity).toBe("ok");
    expect(result.stored).toBeGreaterThanOrEqual(acknowledged.size);
    // The restarted server accepts signatures again.
    const res = await fetch(`${BASE}/api/petitions/${petition.id}/signature`, {
      method: "POST",
      headers: { cookie: cookies[SIGNERS - 1]!, "content-type": "application/json" },
      body: JSON.stringify({ visibility: "named" }),
    });
    expect([200, 201]).toContain(res.status);
  } finally {
    kill(server, "SIGTERM");
  }
});
