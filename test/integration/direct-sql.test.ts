// The hot paths' hand-written statements (lib/db/direct.ts: the SQLite reads and signing, and
// signing's one statement on PostgreSQL) and their Prisma twins must give the same answers. Each scenario runs twice on the same database, once each way, on fresh
// petitions and people, and the answers are compared with ids and times taken out.
import { describe, expect, it, vi } from "vitest";
import { createDb } from "@/lib/db/client";
import { setDirectSql, signGroupPostgres } from "@/lib/db/direct";
import { DomainError } from "@/lib/errors";
import { hidePetition } from "@/lib/moderation";
import { closePetition } from "@/lib/petitions/commands";
import { getPublicCount } from "@/lib/petitions/queries";
import { DEFAULT_SETTINGS, getSettings, writeSettings } from "@/lib/settings";
import { petitionStanding } from "@/lib/petitions/page-data";
import { signPetition, SWITCH_REFUSED } from "@/lib/signatures";
import { recordThresholdIfReached } from "@/lib/signatures/threshold";
import { getActorById } from "@/lib/users";
import { DB_KIND, makeUser, makeUsers, openPetitionFor, testDatabase } from "./db";

const { db, url } = testDatabase();

/** Runs `scenario` with direct SQL on and then off, and returns both answers. */
async function bothWays<T>(scenario: () => Promise<T>): Promise<[T, T]> {
  try {
    setDirectSql(true);
    const direct = await scenario();
    setDirectSql(false);
    const prisma = await scenario();
    return [direct, prisma];
  } finally {
    setDirectSql(true);
  }
}

const outcome = async (run: () => Promise<unknown>) => {
  try {
    return { ok: await run() };
  } catch (e) {
    if (e instanceof DomainError) return { error: e.code, message: e.message.replace(/\d{4}-\d{2}-\d{2}/, "DATE") };
    throw e;
  }
};

const strip = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, v: unknown) => (["id", "email", "createdAt", "closesAt"].includes(key) ? "…" : v)));

// On PostgreSQL only signing has a direct path; the readers' two runs both take Prisma's there.
describe("direct SQL and Prisma agree", () => {
  it("on the actor behind a session: present, signed out elsewhere, gone", async () => {
    const [a, b] = await bothWays(async () => {
      const person = await makeUser(db, { name: "Ada Direct" });
      await db.user.update({ where: { id: person.id }, data: { sessionVersion: 2, department: null } });
      return [await getActorById(db, person.id, 2), await getActorById(db, person.id, 1), await getActorById(db, "no-such-person")].map(strip);
    });
    expect(a).toEqual(b);
    expect(a[0]).toMatchObject({ name: "Ada Direct", role: "employee", department: null });
    expect(a[1]).toBeNull();
  });

  it("on settings: defaults, stored values, a corrupt value, and inside a transaction", async () => {
    const [a, b] = await bothWays(async () => {
      await db.setting.deleteMany();
      const defaults = await getSettings(db);
      await writeSettings(db, { responseThreshold: 7, anonymityK: 9 });
      const stored = await getSettings(db);
      // A value that is not JSON falls back to its default, whichever way it was read.
      await db.setting.upsert({ where: { key: "closingDaysMax" }, create: { key: "closingDaysMax", value: "{broken" }, update: { value: "{broken" } });
      const corrupt = await getSettings(db);
      const inTransaction = await db.$transaction(async (tx) => {
        await tx.setting.update({ where: { key: "anonymityK" }, data: { value: "11" } });
        return getSettings(tx);
      });
      return { defaults, stored, corrupt, inTransaction, after: await getSettings(db) };
    });
    expect(a).toEqual(b);
    expect(a.defaults).toEqual(DEFAULT_SETTINGS);
    expect(a.stored).toMatchObject({ responseThreshold: 7, anonymityK: 9 });
    expect(a.corrupt.closingDaysMax).toBe(DEFAULT_SETTINGS.closingDaysMax);
    // The transaction's own write is seen inside it: the read went through the transaction.
    expect(a.inTransaction.anonymityK).toBe(11);
    expect(a.after.anonymityK).toBe(11);
  });

  it("on public counts: open, closed, draft, unknown", async () => {
    const [a, b] = await bothWays(async () => {
      const organizer = await makeUser(db);
      const open = await openPetitionFor(db, organizer);
      const closed = await openPetitionFor(db, organizer);
      await closePetition(db, organizer, closed.id);
      const draft = await db.petition.create({ data: { ...pick(open), slug: `draft-${Math.random()}`, coSponsorToken: `t-${Math.random()}`, state: "draft" } });
      const expired = await openPetitionFor(db, organizer);
      const later = new Date(expired.closesAt.getTime() + 1000);
      return [await getPublicCount(db, open.id), await getPublicCount(db, closed.id), await getPublicCount(db, draft.id), await getPublicCount(db, "nope"), await getPublicCount(db, expired.id, later)].map(strip);
    });
    expect(a).toEqual(b);
    expect(a.map((c) => (c as { state?: string } | null)?.state ?? null)).toEqual(["open", "closed", null, null, "closed"]);
  });

  it("on a viewer's standing: nobody, organizer, a signer by name who follows, withdrawn, unread notifications", async () => {
    const [a, b] = await bothWays(async () => {
      const organizer = await makeUser(db, { name: "Standing Organizer" });
      const [stranger, signer, withdrawn] = await makeUsers(db, 3);
      const petition = await openPetitionFor(db, organizer);
      await signPetition(db, signer!, petition.id, { visibility: "named", follow: true });
      await db.namedWithdrawal.create({ data: { petitionId: petition.id, userId: withdrawn!.id } });
      const [unread, read] = await db.timelineEvent.findMany({ take: 2, orderBy: { id: "asc" } });
      await db.notification.createMany({ data: [{ userId: signer!.id, eventId: unread!.id }, { userId: signer!.id, eventId: read!.id, readAt: new Date() }] });
      return Promise.all([organizer, stranger!, signer!, withdrawn!].map((person) => petitionStanding(db, person, petition.id)));
    });
    expect(a).toEqual(b);
    const [organizer, stranger, signer, withdrawn] = a;
    expect(organizer).toMatchObject({ organizer: true, signature: null });
    expect(stranger).toEqual({ organizer: false, unread: 0, signature: null, following: false, namedOnly: null });
    expect(signer).toMatchObject({ organizer: false, unread: 1, signature: { visibility: "named", coSponsor: false }, following: true, namedOnly: null });
    expect(withdrawn).toMatchObject({ signature: null, namedOnly: SWITCH_REFUSED });
  });

  it("on signing: new, again, anonymous, closed, hidden, collecting, crossing the threshold", async () => {
    const [a, b] = await bothWays(async () => {
      await writeSettings(db, { responseThreshold: 6 });
      const organizer = await makeUser(db);
      const moderator = await makeUser(db, { role: "moderator" });
      const [p1, p2, p3, p4, p5] = await makeUsers(db, 5);
      const open = await openPetitionFor(db, organizer);
      const results = [
        await outcome(() => signPetition(db, p1!, open.id, { visibility: "named" })),
        await outcome(() => signPetition(db, p1!, open.id, { visibility: "anonymous" })),
        await outcome(() => signPetition(db, p2!, open.id, { visibility: "named", follow: false })),
        await outcome(() => signPetition(db, p3!, open.id, { visibility: "named" })),
        // The 6th signature crosses the threshold (2 co-sponsors + 4).
        await outcome(() => signPetition(db, p4!, open.id, { visibility: "named" })),
        await outcome(() => signPetition(db, p5!, open.id, { visibility: "named" }, { now: new Date(open.closesAt.getTime() + 1) })),
      ];
      const row = await db.petition.findUniqueOrThrow({ where: { id: open.id } });
      const follows = await db.follow.count({ where: { targetType: "petition", targetId: open.id } });
      const events = await db.timelineEvent.count({ where: { petitionId: open.id, kind: "threshold_reached" } });

      const hidden = await openPetitionFor(db, organizer);
      await hidePetition(db, moderator, hidden.id, { reasonCode: "identifies", reasonText: "Names a colleague." });
      results.push(await outcome(() => signPetition(db, p5!, hidden.id, { visibility: "named" })));
      const closed = await openPetitionFor(db, organizer);
      await closePetition(db, organizer, closed.id);
      results.push(await outcome(() => signPetition(db, p5!, closed.id, { visibility: "named" })));
      results.push(await outcome(() => signPetition(db, p5!, "missing", { visibility: "named" })));
      return { results: strip(results), count: row.signatureCount, threshold: row.thresholdReachedAt !== null, follows, events };
    });
    expect(a).toEqual(b);
    // Two co-sponsors and three signers follow; the one who unticked does not.
    expect(a).toMatchObject({ count: 6, threshold: true, follows: 5, events: 1 });
  });
});

describe("group commit", () => {
  it("writes a burst of signatures together, exactly, and one failure does not undo the rest", async () => {
    await writeSettings(db, { responseThreshold: 1000 });
    const organizer = await makeUser(db);
    const petition = await openPetitionFor(db, organizer);
    const people = await makeUsers(db, 40);
    // One signer's account disappears after the session was read: their insert fails.
    const gone = people[7]!;
    await db.user.delete({ where: { id: gone.id } });
    const settled = await Promise.allSettled(people.map((p) => signPetition(db, p, petition.id, { visibility: "named" })));
    expect(settled.filter((s) => s.status === "rejected")).toHaveLength(1);
    expect(settled[7]!.status).toBe("rejected");
    const row = await db.petition.findUniqueOrThrow({ where: { id: petition.id } });
    expect(row.signatureCount).toBe(2 + 39);
    expect(await db.signature.count({ where: { petitionId: petition.id } })).toBe(2 + 39);
    const counts = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value.petition.signatureCount] : []));
    // Every answer carries a distinct count, as if the signatures had been written one by one.
    expect(new Set(counts).size).toBe(39);
    // The group path wrote them (its ids are UUIDs; Prisma's path writes cuids), not the fallback.
    const ids = await db.signature.findMany({ where: { petitionId: petition.id, coSponsor: false }, select: { id: true } });
    expect(ids.every((r) => UUID.test(r.id))).toBe(true);
  });

  it("a burst that crosses the response threshold records the moment once, and the count stays exact", async () => {
    await writeSettings(db, { responseThreshold: 25 });
    const organizer = await makeUser(db);
    const petition = await openPetitionFor(db, organizer);
    const people = await makeUsers(db, 40);
    // Each person signs twice at once (two tabs): one signature each.
    const settled = await Promise.all([...people, ...people].map((p) => signPetition(db, p, petition.id, { visibility: "named", follow: true })));
    expect(settled.filter((r) => r.status === "signed")).toHaveLength(40);
    const row = await db.petition.findUniqueOrThrow({ where: { id: petition.id } });
    expect(row.signatureCount).toBe(2 + 40);
    expect(await db.signature.count({ where: { petitionId: petition.id } })).toBe(2 + 40);
    expect(row.thresholdReachedAt).not.toBeNull();
    expect(await db.timelineEvent.count({ where: { petitionId: petition.id, kind: "threshold_reached" } })).toBe(1);
    expect(await db.follow.count({ where: { targetType: "petition", targetId: petition.id, userId: { in: people.map((p) => p.id) } } })).toBe(40);
    expect(await db.signTokenIssuance.count({ where: { petitionId: petition.id, userId: { in: people.map((p) => p.id) } } })).toBe(40);
  });

  it("only the signature that crosses the threshold goes the general way; the rest of its burst is written together", async () => {
    await writeSettings(db, { responseThreshold: 30 });
    const organizer = await makeUser(db);
    const petition = await openPetitionFor(db, organizer);
    const people = await makeUsers(db, 60);
    const settled = await Promise.all(people.map((p) => signPetition(db, p, petition.id, { visibility: "named", follow: true })));
    expect(settled.every((r) => r.status === "signed")).toBe(true);
    const row = await db.petition.findUniqueOrThrow({ where: { id: petition.id } });
    expect(row.signatureCount).toBe(2 + 60);
    expect(row.thresholdReachedAt).not.toBeNull();
    expect(row.responseDueAt!.getTime() - row.thresholdReachedAt!.getTime()).toBe(DEFAULT_SETTINGS.responseDueDays * 24 * 60 * 60 * 1000);
    expect(await db.timelineEvent.count({ where: { petitionId: petition.id, kind: "threshold_reached" } })).toBe(1);
    // The general path writes cuids, the group's SQL UUIDs: one signature took the general way.
    const ids = await db.signature.findMany({ where: { petitionId: petition.id, coSponsor: false }, select: { id: true } });
    expect(ids.filter((r) => !UUID.test(r.id))).toHaveLength(1);
  });

  it.runIf(DB_KIND === "postgres")("PostgreSQL: a group says why it was left unwritten, and when it was written past an unrecorded threshold", async () => {
    const organizer = await makeUser(db);
    const petition = await openPetitionFor(db, organizer);
    await db.petition.update({ where: { id: petition.id }, data: { responseThreshold: 5 } });
    const people = await makeUsers(db, 4);
    const group = (ps: typeof people) => ps.map((p) => ({ userId: p.id, at: new Date(), follow: false }));
    // 2 + 3 reaches 5: nothing is written, and the statement says it is the threshold.
    expect(await signGroupPostgres(db, petition.id, group(people.slice(0, 3)))).toEqual({ countAfter: 0, signed: [], wouldCross: true, reachedUnrecorded: false });
    // Past it, as when a crossing is under way: written, and the moment is still to be recorded.
    const past = await signGroupPostgres(db, petition.id, group(people.slice(0, 3)), true);
    expect(past).toMatchObject({ countAfter: 5, wouldCross: false, reachedUnrecorded: true });
    await recordThresholdIfReached(db, petition.id, new Date());
    // Recorded: the next group is written without the flag, and nothing is left to record.
    expect(await signGroupPostgres(db, petition.id, group(people.slice(3)))).toMatchObject({ countAfter: 6, wouldCross: false, reachedUnrecorded: false });
    // A closed petition is left unwritten, but not because of the threshold.
    await db.petition.update({ where: { id: petition.id }, data: { thresholdReachedAt: null, responseThreshold: 100, state: "closed" } });
    expect(await signGroupPostgres(db, petition.id, group(await makeUsers(db, 1)))).toMatchObject({ signed: [], wouldCross: false });
    expect(await db.timelineEvent.count({ where: { petitionId: petition.id, kind: "threshold_reached" } })).toBe(1);
  });

  it("records the threshold when the crossing signature finds the same person's other tab signed meanwhile", async () => {
    const organizer = await makeUser(db);
    const petition = await openPetitionFor(db, organizer);
    // The co-sponsors' two signatures are in; the next one crosses.
    await db.petition.update({ where: { id: petition.id }, data: { responseThreshold: 3 } });
    const [person] = await makeUsers(db, 1);
    const both = await Promise.all([0, 1].map(() => signPetition(db, person!, petition.id, { visibility: "named" })));
    expect(both.map((r) => r.status).sort()).toEqual(["already_signed", "signed"]);
    const row = await db.petition.findUniqueOrThrow({ where: { id: petition.id } });
    expect(row.signatureCount).toBe(3);
    expect(row.thresholdReachedAt).not.toBeNull();
    expect(await db.timelineEvent.count({ where: { petitionId: petition.id, kind: "threshold_reached" } })).toBe(1);
  });

  it("a threshold that cannot be recorded is logged by the error's class only, and does not fail the signatures", async () => {
    const organizer = await makeUser(db);
    const petition = await openPetitionFor(db, organizer);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const failing = Object.create(db, {
      $transaction: { value: () => Promise.reject(new TypeError(`person ${organizer.email} in the message`)) },
    }) as typeof db;
    try {
      await expect(recordThresholdIfReached(failing, petition.id, new Date())).resolves.toBeUndefined();
      expect(log.mock.calls).toEqual([["[signatures] threshold not recorded: TypeError"]]);
    } finally {
      log.mockRestore();
    }
  });

  it("stores each signature at its own time, to the millisecond, and the follow with it", async () => {
    await writeSettings(db, { responseThreshold: 1000 });
    const organizer = await makeUser(db);
    const petition = await openPetitionFor(db, organizer);
    const [a, b] = await makeUsers(db, 2);
    const at = [new Date(Date.now() - 61_123), new Date(Date.now() - 5_007)];
    await Promise.all([signPetition(db, a!, petition.id, { visibility: "named" }, { now: at[0] }), signPetition(db, b!, petition.id, { visibility: "named", follow: false }, { now: at[1] })]);
    const rows = await db.signature.findMany({ where: { petitionId: petition.id, userId: { in: [a!.id, b!.id] } }, select: { userId: true, createdAt: true, id: true } });
    expect(rows.every((r) => UUID.test(r.id))).toBe(true);
    expect(rows.find((r) => r.userId === a!.id)!.createdAt.toISOString()).toBe(at[0]!.toISOString());
    expect(rows.find((r) => r.userId === b!.id)!.createdAt.toISOString()).toBe(at[1]!.toISOString());
    const follows = await db.follow.findMany({ where: { targetType: "petition", targetId: petition.id, userId: { in: [a!.id, b!.id] } } });
    expect(follows.map((f) => [f.userId, f.createdAt.toISOString()])).toEqual([[a!.id, at[0]!.toISOString()]]);
  });

  // Several servers on one PostgreSQL database: each writes its own groups, which meet at the
  // petition's row lock (decision 032).
  it.runIf(DB_KIND === "postgres")("two servers signing the same petition at once stay exact", async () => {
    await writeSettings(db, { responseThreshold: 1000 });
    const second = createDb(url);
    try {
      const organizer = await makeUser(db);
      const petition = await openPetitionFor(db, organizer);
      const people = await makeUsers(db, 120);
      const settled = await Promise.all(people.map((p, i) => signPetition(i % 2 === 0 ? db : second, p, petition.id, { visibility: "named" })));
      expect(settled.every((r) => r.status === "signed")).toBe(true);
      const row = await db.petition.findUniqueOrThrow({ where: { id: petition.id } });
      expect(row.signatureCount).toBe(2 + 120);
      expect(await db.signature.count({ where: { petitionId: petition.id } })).toBe(2 + 120);
      // Counts are unique within each server's answers (its groups are written one after another).
      for (const parity of [0, 1]) {
        const counts = settled.filter((_, i) => i % 2 === parity).map((r) => r.petition.signatureCount);
        expect(new Set(counts).size).toBe(60);
      }
    } finally {
      await second.$disconnect();
    }
  });
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function pick(p: { title: string; ask: string; background: string; addressedTo: string; goal: number; responseThreshold: number; searchText: string; closesAt: Date }) {
  const { title, ask, background, addressedTo, goal, responseThreshold, searchText, closesAt } = p;
  return { title, ask, background, addressedTo, goal, responseThreshold, searchText, closesAt };
}
