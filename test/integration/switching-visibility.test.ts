// Switching visibility reveals nobody (issue 13 point 5, decision 017). A signed-out observer
// snapshots the public petition (count and named list) after every single action of several
// people; the attack is "a name left the list and that person is now among the anonymous
// signers", which a diff shows as "the count stayed while a name left". Withdrawing a named
// signature and re-signing anonymously is refused, so no sequence of actions lets it happen.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getPetitionDetail } from "@/lib/petitions/queries";
import { applyRetention } from "@/lib/retention";
import { closePetition } from "@/lib/petitions/commands";
import { writeSettings } from "@/lib/settings";
import { anonymousRefusal, listNamedSigners, SWITCH_REFUSED, signPetition, withdrawSignature } from "@/lib/signatures";
import { flushSignatures, queueAnonymous, SPENT_BY_NAME } from "@/lib/signatures/anonymous";
import { collectSignTokens, signAnonymouslyNow, wire } from "./anon";
import { makeUser, openPetitionFor, testDatabase } from "./db";

const { db } = testDatabase();

type Action = { who: number; what: "named" | "anonymous" | "withdraw" };
const action = fc.record({ who: fc.integer({ min: 0, max: 3 }), what: fc.constantFrom("named" as const, "anonymous" as const, "withdraw" as const) });

async function observe(petitionId: string) {
  const detail = await getPetitionDetail(db, null, { id: petitionId });
  const names = new Set((await listNamedSigners(db, petitionId, { take: 1000 })).map((s) => s.name));
  return { count: detail!.signatureCount, names };
}

describe("switching visibility", () => {
  it("a named signer who withdraws cannot re-sign anonymously, and is told why", async () => {
    const organizer = await makeUser(db);
    const jonas = await makeUser(db, { name: "Jonas Berg" });
    const p = await openPetitionFor(db, organizer);
    const token = (await collectSignTokens(db, jonas)).get(p.id)!;
    await signPetition(db, jonas, p.id, { visibility: "named", token: wire(token) });
    expect(await anonymousRefusal(db, jonas, p.id)).toBeNull();
    await withdrawSignature(db, jonas, p.id);
    // The sign form is told, so it offers the name only.
    expect(await anonymousRefusal(db, jonas, p.id)).toBe(SWITCH_REFUSED);
    expect(await anonymousRefusal(db, null, p.id)).toBeNull();
    // The token stays spent by the name (decision 018): the cookieless door refuses it.
    await expect(queueAnonymous(db, p.id, "sign", { token: wire(token) })).rejects.toMatchObject({ status: 409, text: SPENT_BY_NAME });
    expect(await db.signature.count({ where: { userId: jonas.id } })).toBe(0);
    // With the name again is fine, and so is signing any other petition anonymously.
    await signPetition(db, jonas, p.id, { visibility: "named", token: wire(token) });
    const other = await openPetitionFor(db, organizer);
    await signAnonymouslyNow(db, jonas, other.id);
    // An anonymous signer who withdraws leaves no record (decision 017, point 2) and may re-sign.
    const anya = await makeUser(db);
    const signed = await signAnonymouslyNow(db, anya, p.id);
    await queueAnonymous(db, p.id, "withdraw", { token: wire(signed.token) });
    await flushSignatures(db, undefined, { force: true });
    expect(await db.namedWithdrawal.count({ where: { userId: anya.id } })).toBe(0);
    await queueAnonymous(db, p.id, "sign", { token: wire(signed.token) });
    await flushSignatures(db, undefined, { force: true });
    expect(await queueAnonymous(db, p.id, "sign", { token: wire(signed.token) })).toEqual({ status: "counted" });
  });

  it("property: no diff of the public page, over any sequence of actions, shows a named signer turning anonymous", async () => {
    const organizer = await makeUser(db);
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), async (actions: Action[]) => {
        const people: Actor[] = [];
        for (let i = 0; i < 4; i++) people.push(await makeUser(db));
        const p = await openPetitionFor(db, organizer);
        // Each browser holds its token; the test keeps what only that browser knows.
        const tokens = await Promise.all(people.map(async (person) => wire((await collectSignTokens(db, person, new Date(), p.id)).get(p.id)!)));
        const anonymousNow = new Set<string>();
        const snapshots = [await observe(p.id)];
        for (const a of actions) {
          const person = people[a.who]!;
          const token = tokens[a.who]!;
          try {
            if (a.what === "withdraw" && anonymousNow.has(person.id)) {
              await queueAnonymous(db, p.id, "withdraw", { token });
              await flushSignatures(db, undefined, { force: true });
              anonymousNow.delete(person.id);
            } else if (a.what === "withdraw") await withdrawSignature(db, person, p.id);
            else if (a.what === "anonymous") {
              await queueAnonymous(db, p.id, "sign", { token });
              await flushSignatures(db, undefined, { force: true });
              anonymousNow.add(person.id);
            } else await signPetition(db, person, p.id, { visibility: "named", token });
          } catch (error) {
            // Refusals are part of the rules (nothing to withdraw, the switch above); nothing else.
            expect((error as { status?: number }).status).toBeOneOf([404, 409]);
          }
          snapshots.push(await observe(p.id));
        }
        // Ground truth at the end, and along the way the attack on every pair of snapshots.
        const everNamed = new Set(snapshots.flatMap((s) => [...s.names]));
        const last = snapshots.at(-1)!;
        for (const person of people) {
          const left = everNamed.has(person.name) && !last.names.has(person.name);
          expect(left && anonymousNow.has(person.id)).toBe(false);
        }
        for (let i = 1; i < snapshots.length; i++) {
          const [before, after] = [snapshots[i - 1]!, snapshots[i]!];
          const leftNames = [...before.names].filter((n) => !after.names.has(n));
          // "The count stayed while a name left" never happens in one step.
          if (leftNames.length > 0) expect(after.count).toBe(before.count - leftNames.length);
        }
      }),
      { numRuns: 8 },
    );
    // Each run collects tokens (blinding in JavaScript, as the browser does) and writes batches.
  }, 240_000);

  it("retention removes the record of a withdrawn named signature", async () => {
    await writeSettings(db, { retentionMonths: 6 });
    const organizer = await makeUser(db);
    const jonas = await makeUser(db);
    const p = await openPetitionFor(db, organizer);
    await signPetition(db, jonas, p.id, { visibility: "named" });
    await withdrawSignature(db, jonas, p.id);
    const now = new Date();
    await closePetition(db, organizer, p.id, { now: new Date(now.getTime() - 200 * 86_400_000) });
    await applyRetention(db, { now });
    expect(await db.namedWithdrawal.count({ where: { petitionId: p.id } })).toBe(0);
  });
});
