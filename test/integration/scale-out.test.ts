// What several servers share (docs/decisions/014). Each "server" here is its own database client
// with its own connections, as a second app process would have: live updates, rate limits and
// the scheduler's lock must work across them on PostgreSQL. On SQLite (one server) the same
// tests pin down the single-server behaviour.
import { afterAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createDb, type Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { follow } from "@/lib/follows";
import type { Mailer } from "@/lib/mail";
import { setEmailMode } from "@/lib/notifications";
import { createLiveHub, type LiveMessage } from "@/lib/live/live";
import { createRateLimiter } from "@/lib/ratelimit/limiter";
import { postOrganizerUpdate } from "@/lib/responses";
import { createExclusive } from "@/lib/scheduler/lock";
import { scheduledRound } from "@/lib/scheduler/work";
import { writeSettings } from "@/lib/settings";
import { signPetition } from "@/lib/signatures";
import { DB_KIND, makeUser, makeUsers, openPetitionFor, testDatabase } from "./db";

const { db, url } = testDatabase();
/** A second server on the same database. */
const other: Db = createDb(url);
afterAll(() => other.$disconnect());

async function until<T>(what: string, check: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The PostgreSQL backend that runs a query matching `pattern` for this database, if any. */
async function backendPid(pattern: string): Promise<number | null> {
  const rows = await other.$queryRawUnsafe<{ pid: number }[]>(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE $1 AND pid <> pg_backend_pid()",
    pattern,
  );
  return rows[0]?.pid ?? null;
}

describe("live updates reach a server other than the one that wrote", () => {
  it("a signature and a timeline event written through another server arrive, with the exact count", async () => {
    const hub = createLiveHub(db, { tickMs: 100 });
    expect(hub.mode).toBe(DB_KIND === "postgres" ? "notify" : "poll");
    const messages: LiveMessage[] = [];
    const unsubscribe = hub.subscribe((m) => messages.push(m));
    try {
      const organizer = await makeUser(other);
      const petition = await openPetitionFor(other, organizer);
      await until("the petition_opened event", () => messages.find((m) => m.type === "event" && m.event.kind === "petition_opened" && m.event.subject?.id === petition.id));
      const signers = await makeUsers(other, 5);
      await Promise.all(signers.map((s) => signPetition(other, s, petition.id, { visibility: "named" })));
      // 2 co-sponsors + 5: the last count message for the petition is exact.
      const lastCount = () => messages.flatMap((m) => (m.type === "count" && m.petitionId === petition.id ? [m.signatureCount] : [])).at(-1);
      await until("the count 7", () => lastCount() === 7);
      // Nothing out of order arrives afterwards.
      await new Promise((r) => setTimeout(r, 300));
      expect(lastCount()).toBe(7);
    } finally {
      unsubscribe();
      await hub.close();
    }
  });

  it.runIf(DB_KIND === "postgres")("PostgreSQL: an event stamped by a server whose clock runs behind still arrives (NOTIFY, not timestamps)", async () => {
    await writeSettings(other, { responseThreshold: 3 });
    const organizer = await makeUser(other);
    const petition = await openPetitionFor(other, organizer);
    await writeSettings(other, { responseThreshold: 500 });
    const hub = createLiveHub(db, { tickMs: 100 });
    const messages: LiveMessage[] = [];
    const unsubscribe = hub.subscribe((m) => messages.push(m));
    try {
      // Let the listener settle and its start-up catch-up pass, then sign "from a server whose
      // clock is a minute behind": the threshold event is stamped a minute ago. A hub tailing
      // by timestamp skips it; the notification carries it.
      await until("the listener", () => backendPid("LISTEN%"));
      await new Promise((r) => setTimeout(r, 300));
      const signer = await makeUser(other);
      await signPetition(other, signer, petition.id, { visibility: "named" }, { now: new Date(Date.now() - 60_000) });
      const event = await until("the threshold event", () => messages.find((m) => m.type === "event" && m.event.kind === "threshold_reached" && m.event.subject?.id === petition.id));
      expect(event.type === "event" && new Date(event.event.at).getTime()).toBeLessThan(Date.now() - 50_000);
    } finally {
      unsubscribe();
      await hub.close();
    }
  });

  it.runIf(DB_KIND === "postgres")("PostgreSQL: when the listening connection is killed, the hub reconnects and catches up on what it missed", async () => {
    const organizer = await makeUser(other);
    const petition = await openPetitionFor(other, organizer);
    const hub = createLiveHub(db, { tickMs: 100 });
    const messages: LiveMessage[] = [];
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.map(String).join(" "));
    const unsubscribe = hub.subscribe((m) => messages.push(m));
    try {
      const pid = await until("the listener", () => backendPid("LISTEN%"));
      await other.$queryRawUnsafe("SELECT pg_terminate_backend($1)", pid);
      // Written while the hub has no listener.
      const signer = await makeUser(other);
      await signPetition(other, signer, petition.id, { visibility: "named" });
      await until("the count 3 after reconnecting", () => messages.some((m) => m.type === "count" && m.petitionId === petition.id && m.signatureCount === 3));
      expect(errors.join("\n")).toMatch(/listener connection was lost/);
      const again = await until("a new listener", () => backendPid("LISTEN%"));
      expect(again).not.toBe(pid);
    } finally {
      console.error = original;
      unsubscribe();
      await hub.close();
    }
  });
});

describe("rate limits", () => {
  it.runIf(DB_KIND === "postgres")("PostgreSQL: the counters are an unlogged table, kept out of the write-ahead log", async () => {
    // Nothing of them to replay from the log, and no log flush for every point spent (decision 037).
    const rows = await db.$queryRawUnsafe<{ relpersistence: string }[]>(`SELECT relpersistence FROM pg_class WHERE relname = 'RateLimit' AND relkind = 'r'`);
    expect(rows).toEqual([{ relpersistence: "u" }]);
  });

  it(DB_KIND === "postgres" ? "PostgreSQL: every server spends from the same counters" : "SQLite: the one server enforces the limit", async () => {
    const key = `person-${crypto.randomUUID()}`;
    // scale 0.1: 3 signature changes a minute.
    const here = createRateLimiter(db, { scale: 0.1 });
    const there = createRateLimiter(other, { scale: 0.1 });
    expect(here.store).toBe(DB_KIND === "postgres" ? "postgres" : "memory");
    if (DB_KIND === "postgres") {
      await here.limit("sign", key);
      await there.limit("sign", key);
      await here.limit("sign", key);
      const refused = await there.limit("sign", key).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({ code: "rate_limited", status: 429 });
      expect((refused as DomainError).retryAfter).toBeGreaterThan(0);
      const rows = await db.rateLimit.findMany({ where: { key: `sign:${key}` } });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.points).toBe(4);
      // Another person is not affected.
      await expect(here.limit("sign", `${key}-other`)).resolves.toBeUndefined();
    } else {
      for (let i = 0; i < 3; i++) await here.limit("sign", key);
      await expect(here.limit("sign", key)).rejects.toMatchObject({ code: "rate_limited", status: 429 });
      expect(await db.rateLimit.count()).toBe(0);
    }
  });
});

describe("scheduled work runs in one place at a time", () => {
  function slowMailer(sent: string[]): Mailer {
    return {
      async send(m) {
        await new Promise((r) => setTimeout(r, 150));
        sent.push(m.to);
      },
    };
  }

  async function followersWithPendingMail(n: number): Promise<Actor[]> {
    const organizer = await makeUser(db);
    const petition = await openPetitionFor(db, organizer);
    const people = await makeUsers(db, n);
    for (const p of people) {
      await setEmailMode(db, p, { emailMode: "instant" });
      await follow(db, p, { targetType: "petition", targetId: petition.id });
    }
    await postOrganizerUpdate(db, organizer, petition.id, { body: "An update for everyone who follows." });
    return people;
  }

  const opts = (mailer: Mailer) => ({ mailer, secret: "s".repeat(32), appUrl: "http://127.0.0.1", digestHourUtc: -1, legacyClaimDays: 60 });

  it(
    DB_KIND === "postgres"
      ? "PostgreSQL: two servers start a round at once; one does the work, nobody gets an email twice"
      : "SQLite: a round that starts while the last one is still running is skipped",
    async () => {
      const people = await followersWithPendingMail(3);
      const sent: string[] = [];
      const first = scheduledRound(db, opts(slowMailer(sent)));
      const second = DB_KIND === "postgres" ? scheduledRound(other, opts(slowMailer(sent))) : first;
      const ran = await Promise.all([first(), second()]);
      expect(ran.filter(Boolean)).toHaveLength(1);
      expect(sent.sort()).toEqual(people.map((p) => p.email).sort());
      // The lock is free again, and a later round finds nothing left to send.
      expect(await second()).toBe(true);
      expect(sent).toHaveLength(3);
    },
  );

  it.runIf(DB_KIND === "postgres")("PostgreSQL: a server that dies holding the lock frees it", async () => {
    let release!: () => void;
    const hung = new Promise<void>((r) => (release = r));
    const crashing = createDb(url);
    const exclusiveThere = createExclusive(crashing);
    const exclusiveHere = createExclusive(db);
    const running = exclusiveThere("scheduler", () => hung);
    try {
      const holder = await until("the advisory lock", async () => {
        const rows = await db.$queryRawUnsafe<{ pid: number }[]>(
          "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        );
        return rows[0]?.pid;
      });
      expect(await exclusiveHere("scheduler", async () => {})).toBe(false);
      // The holder's connection dies (a crashed server): PostgreSQL drops its session locks.
      await db.$queryRawUnsafe("SELECT pg_terminate_backend($1)", holder);
      const ranHere = await until("the lock to be free", () => exclusiveHere("scheduler", async () => {}));
      expect(ranHere).toBe(true);
    } finally {
      release();
      await running.catch(() => undefined);
      await crashing.$disconnect().catch(() => undefined);
    }
  });
});
