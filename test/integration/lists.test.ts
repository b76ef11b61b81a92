import { describe, expect, it } from "vitest";
import { closePetition } from "@/lib/petitions/commands";
import { encodeCursor } from "@/lib/pagination/cursor";
import { listPetitions } from "@/lib/petitions/queries";
import { signPetition } from "@/lib/signatures";
import { makeUser, makeUsers, openPetitionFor, testDatabase } from "./db";

const { db } = testDatabase();
const HOUR = 3_600_000;

describe("petition lists", async () => {
  const organizer = await makeUser(db);
  const opened: string[] = [];
  // 25 open petitions, opened one after another.
  for (let i = 0; i < 25; i++) {
    const p = await openPetitionFor(db, organizer, { title: `Petition number ${String(i).padStart(2, "0")} about lunch` });
    opened.push(p.id);
  }
  const special = await openPetitionFor(db, organizer, { title: "Publish the access list for badge data", addressedTo: "Security Office" });
  const closed = await openPetitionFor(db, organizer, { title: "A petition that has closed already" });
  await closePetition(db, organizer, closed.id);

  it("pages through open petitions with a cursor, newest first, without repeats or gaps", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listPetitions(db, { list: "open", limit: 10, cursor });
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(26);
    expect(seen).not.toContain(closed.id);
    expect(seen[0]).toBe(special.id);
  });

  it("searches title, ask and addressee, case-insensitively", async () => {
    const byTitle = await listPetitions(db, { list: "open", q: "ACCESS LIST" });
    expect(byTitle.items.map((p) => p.id)).toEqual([special.id]);
    const byAddressee = await listPetitions(db, { list: "open", q: "security office" });
    expect(byAddressee.items.map((p) => p.id)).toEqual([special.id]);
    expect((await listPetitions(db, { list: "open", q: "nothing matches this" })).items).toEqual([]);
  });

  it("lists closed petitions separately", async () => {
    const page = await listPetitions(db, { list: "closed" });
    expect(page.items.map((p) => p.id)).toEqual([closed.id]);
    expect(page.items[0]!.state).toBe("closed");
  });

  it("ranks trending by signatures in the last 24 hours", async () => {
    const now = new Date();
    const people = await makeUsers(db, 6);
    // Older signatures do not count; recent ones do.
    for (const u of people.slice(0, 4)) await signPetition(db, u, opened[3]!, { visibility: "named" }, { now: new Date(now.getTime() - 30 * HOUR) });
    // Named: an anonymous signature keeps only the day of its batch (decision 018), not an hour.
    for (const u of people.slice(0, 3)) await signPetition(db, u, opened[7]!, { visibility: "named" }, { now: new Date(now.getTime() - HOUR) });
    for (const u of people.slice(4, 6)) await signPetition(db, u, opened[3]!, { visibility: "named" }, { now: new Date(now.getTime() - HOUR) });
    const page = await listPetitions(db, { list: "trending", limit: 2 }, { now });
    // Every petition's co-sponsors signed within the day, so counts are 2 + recent signatures.
    expect(page.items.map((p) => p.id)).toEqual([opened[7], opened[3]]);
    expect(page.items.map((p) => (p as { signaturesLast24h?: number }).signaturesLast24h)).toEqual([5, 4]);
    const next = await listPetitions(db, { list: "trending", limit: 2, cursor: page.nextCursor! }, { now });
    expect(next.items.map((p) => p.id)).not.toContain(opened[7]);
  });

  it("lists petitions awaiting a response, soonest due first, and responded ones", async () => {
    const a = opened[10]!;
    const b = opened[11]!;
    const soon = new Date(Date.now() + 2 * 24 * HOUR);
    const later = new Date(Date.now() + 9 * 24 * HOUR);
    await db.petition.update({ where: { id: a }, data: { thresholdReachedAt: new Date(), responseDueAt: later } });
    await db.petition.update({ where: { id: b }, data: { thresholdReachedAt: new Date(), responseDueAt: soon } });
    const page = await listPetitions(db, { list: "awaiting" });
    expect(page.items.map((p) => p.id)).toEqual([b, a]);
    await db.petition.update({ where: { id: b }, data: { respondedAt: new Date() } });
    expect((await listPetitions(db, { list: "awaiting" })).items.map((p) => p.id)).toEqual([a]);
    expect((await listPetitions(db, { list: "responded" })).items.map((p) => p.id)).toEqual([b]);
  });

  it("sorts a list by most signed or closing soonest, paging through every row once", async () => {
    const people = await makeUsers(db, 3);
    for (const u of people) await signPetition(db, u, opened[20]!, { visibility: "named" });
    await db.petition.update({ where: { id: opened[5]! }, data: { closesAt: new Date(Date.now() + 2 * 24 * HOUR) } });
    const all = async (sort: "signed" | "closing" | "newest") => {
      const items = [];
      let cursor: string | undefined;
      do {
        const page = await listPetitions(db, { list: "open", sort, limit: 7, cursor });
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    };
    const signed = await all("signed");
    expect(new Set(signed.map((p) => p.id)).size).toBe(26);
    const counts = signed.map((p) => p.signatureCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBeGreaterThan(counts.at(-1)!);
    const closing = await all("closing");
    expect(new Set(closing.map((p) => p.id)).size).toBe(26);
    expect(closing[0]!.id).toBe(opened[5]);
    const times = closing.map((p) => new Date(p.closesAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect((await all("newest")).map((p) => p.id)).toEqual((await listPetitions(db, { list: "open", limit: 100 })).items.map((p) => p.id));
  });

  it("refuses a sort it does not know, a sort of the trending ranking, and a count cursor that is not a count", async () => {
    await expect(listPetitions(db, { sort: "popular" })).rejects.toMatchObject({ code: "invalid_input", message: expect.stringMatching(/sort must be one of newest, signed, closing/) });
    await expect(listPetitions(db, { list: "trending", sort: "signed" })).rejects.toMatchObject({ code: "invalid_input", message: expect.stringMatching(/Trending is ranked/) });
    for (const odd of ["12", -1, 1.5]) {
      await expect(listPetitions(db, { sort: "signed", cursor: encodeCursor(odd, "x") })).rejects.toMatchObject({ code: "invalid_input" });
    }
  });

  it("answers bad queries with clear errors", async () => {
    await expect(listPetitions(db, { list: "popular" })).rejects.toMatchObject({ code: "invalid_input", message: expect.stringMatching(/list must be one of/) });
    await expect(listPetitions(db, { cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "invalid_input", message: expect.stringMatching(/cursor is not valid/) });
    await expect(listPetitions(db, { q: "x".repeat(101) })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(listPetitions(db, { cursor: encodeCursor("not a date", "x") })).rejects.toMatchObject({ code: "invalid_input" });
    // Dates JavaScript accepts but the database does not must not become a 500.
    for (const odd of ["10000-01-01", "-000001-01-01T00:00:00.000Z", "2026-02-30T00:00:00.000Z", "2026-01-01"]) {
      await expect(listPetitions(db, { list: "closed", cursor: encodeCursor(odd, "x") })).rejects.toMatchObject({ code: "invalid_input" });
    }
    await expect(listPetitions(db, { list: "trending", cursor: encodeCursor(-5, "rank") })).rejects.toMatchObject({ code: "invalid_input" });
  });
});
