import { signAnonymouslyNow } from "./anon";
import { describe, expect, it } from "vitest";
import { closePetition } from "@/lib/petitions/commands";
import { applyRetention } from "@/lib/retention";
import { writeSettings } from "@/lib/settings";
import { listNamedSigners, reconcileCounts, signPetition } from "@/lib/signatures";
import { makeUser, makeUsers, openPetitionFor, testDatabase } from "./db";

const { db } = testDatabase();
const DAY = 86_400_000;

describe("retention", () => {
  it("removes signatures of petitions closed longer than the setting, keeping the count exact", async () => {
    await writeSettings(db, { retentionMonths: 6 });
    const organizer = await makeUser(db);
    const old = await openPetitionFor(db, organizer, { title: "A petition that closed long ago" });
    const recent = await openPetitionFor(db, organizer, { title: "A petition that closed recently" });
    const still = await openPetitionFor(db, organizer, { title: "A petition that is still open" });
    for (const u of await makeUsers(db, 5)) {
      await signPetition(db, u, old.id, { visibility: "named" });
      await signAnonymouslyNow(db, u, recent.id);
      await signPetition(db, u, still.id, { visibility: "named" });
    }
    const now = new Date();
    await closePetition(db, organizer, old.id, { now: new Date(now.getTime() - 200 * DAY) });
    await closePetition(db, organizer, recent.id, { now: new Date(now.getTime() - 30 * DAY) });

    expect(await applyRetention(db, { now })).toEqual({ petitions: 1, signatures: 7 });
    const after = await db.petition.findUniqueOrThrow({ where: { id: old.id } });
    expect(after.signatureCount).toBe(7);
    expect(after.retainedCount).toBe(7);
    expect(await db.signature.count({ where: { petitionId: old.id } })).toBe(0);
    expect(await listNamedSigners(db, old.id)).toEqual([]);
    expect(await db.signature.count({ where: { petitionId: recent.id } })).toBe(2);
    expect(await db.anonSignature.count({ where: { petitionId: recent.id } })).toBe(5);
    expect(await db.signature.count({ where: { petitionId: still.id } })).toBe(7);
    expect(await reconcileCounts(db)).toEqual([]);
    expect(await applyRetention(db, { now })).toEqual({ petitions: 0, signatures: 0 });
  });
});
