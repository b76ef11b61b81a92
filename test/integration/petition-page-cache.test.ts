// The petition page's read model (decision 019): what everyone sees is cached for a few seconds,
// what changes with a person's own action or moderation is current at once.
import { describe, expect, it } from "vitest";
import { readPetitionRowBySlug } from "@/lib/db/direct";
import { hideComment, hidePetition, restoreComment } from "@/lib/moderation";
import { getPetitionPage } from "@/lib/petitions/page-data";
import { cachedPetitionPublic, PUBLIC_TTL_MS } from "@/lib/petitions/public-cache";
import { countNamedSigners, listNamedSignersPage } from "@/lib/petitions/signers";
import { editResponse, markCommitmentMissed, postOrganizerUpdate, postResponse } from "@/lib/responses";
import { signPetition, withdrawSignature } from "@/lib/signatures";
import { makeUser, makeUsers, openPetitionFor, testDatabase } from "./db";
import { signAnonymouslyNow } from "./anon";

const { db } = testDatabase();

describe("the petition page's cached read model", async () => {
  const organizer = await makeUser(db, { name: "Olga Organizer" });
  const leader = await makeUser(db, { role: "leadership" });
  const moderator = await makeUser(db, { role: "moderator" });
  const petition = await openPetitionFor(db, organizer);
  const slug = petition.slug;

  it("serves the shared parts from the cache: a second view reads no shared rows again", async () => {
    const first = await getPetitionPage(db, null, slug);
    expect(first.public).not.toBeNull();
    // A write that bypasses the domain commands (so no invalidation) stays invisible within the TTL...
    await db.organizerUpdate.create({ data: { petitionId: petition.id, authorId: organizer.id, body: "Written behind the cache's back." } });
    const second = await getPetitionPage(db, null, slug);
    expect(second.public).toBe(first.public);
    expect(second.public!.updates).toHaveLength(0);
    // ...and appears once the entry is older than the TTL.
    const later = await getPetitionPage(db, null, slug, { now: new Date(Date.now() + PUBLIC_TTL_MS + 1) });
    expect(later.public!.updates).toHaveLength(1);
  });

  it("shows the count and a person's own signature and withdrawal at once", async () => {
    const [signer] = await makeUsers(db, 1);
    const before = await getPetitionPage(db, signer!, slug);
    await signPetition(db, signer!, petition.id, { visibility: "named" });
    const after = await getPetitionPage(db, signer!, slug);
    expect(after.petition.signatureCount).toBe(before.petition.signatureCount + 1);
    expect(after.own.signature).toMatchObject({ visibility: "named" });
    expect(after.petition.viewer.can).toMatchObject({ withdraw: true });
    expect(before.petition.viewer.can).toMatchObject({ withdraw: false });
    // A signed-out reader's count is current too: the petition row is read on every view.
    expect((await getPetitionPage(db, null, slug)).petition.signatureCount).toBe(after.petition.signatureCount);
    await withdrawSignature(db, signer!, petition.id);
    const withdrawn = await getPetitionPage(db, signer!, slug);
    expect(withdrawn.own.signature).toBeNull();
    expect(withdrawn.petition.signatureCount).toBe(before.petition.signatureCount);
  });

  it("shows a response, its correction and an organizer update at once", async () => {
    await getPetitionPage(db, null, slug); // warm the cache
    const response = await postResponse(db, leader, { target: { petitionId: petition.id }, body: "We hear you and will act on it." });
    const responded = await getPetitionPage(db, null, slug);
    expect(responded.petition.response.status).toBe("responded");
    expect(responded.public!.responses.map((r) => r.id)).toEqual([response.id]);
    await editResponse(db, leader, response.id, { body: "We hear you and will act on it this quarter." });
    expect((await getPetitionPage(db, null, slug)).public!.responses[0]!.body).toContain("this quarter");
    await postOrganizerUpdate(db, organizer, petition.id, { body: "We delivered it to the board." });
    expect((await getPetitionPage(db, null, slug)).public!.updates.map((u) => u.bodyHtml).join()).toContain("delivered it to the board");
  });

  it("shows a comment's hide and its undoing, and a commitment marked missed, at once", async () => {
    const other = await openPetitionFor(db, organizer);
    const comment = await db.anonComment.create({ data: { petitionId: other.id, body: "A comment on the petition", day: new Date().toISOString().slice(0, 10) } });
    const shown = (page: Awaited<ReturnType<typeof getPetitionPage>>) => JSON.stringify(page.public!.comments).includes("A comment on the petition");
    expect(shown(await getPetitionPage(db, null, other.slug))).toBe(true);
    await hideComment(db, moderator, comment.id, { reasonCode: "spam", reasonText: "Off topic here." });
    expect(shown(await getPetitionPage(db, null, other.slug))).toBe(false);
    await restoreComment(db, moderator, comment.id, { reasonText: "It was on topic after all." });
    expect(shown(await getPetitionPage(db, null, other.slug))).toBe(true);

    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await postResponse(db, leader, { target: { petitionId: other.id }, body: "We will act on it.", commitments: [{ text: "Publish the numbers", ownerRole: "HR", dueOn: due }] });
    const commitment = (await getPetitionPage(db, null, other.slug)).public!.responses[0]!.commitments[0]!;
    expect(commitment.status).toBe("open");
    await markCommitmentMissed(db, leader, commitment.id, { reason: "The budget for it was cut." });
    expect((await getPetitionPage(db, null, other.slug)).public!.responses[0]!.commitments[0]).toMatchObject({ status: "missed", note: "The budget for it was cut." });
  });

  it("a hidden petition loses its public parts at once, for everyone", async () => {
    const other = await openPetitionFor(db, organizer);
    expect((await getPetitionPage(db, null, other.slug)).public).not.toBeNull();
    await hidePetition(db, moderator, other.id, { reasonCode: "identifies", reasonText: "Names a colleague." });
    const hidden = await getPetitionPage(db, null, other.slug);
    expect(hidden.petition.hidden).toEqual({ reason: "Identifies a person: Names a colleague." });
    expect(hidden.public).toBeNull();
  });

  it("reads the petition row exactly as Prisma does (direct SQL on SQLite)", async () => {
    const row = await readPetitionRowBySlug(db, slug);
    expect(row).toEqual(await db.petition.findUnique({ where: { slug } }));
    expect(row!.closesAt).toBeInstanceOf(Date);
    expect(await readPetitionRowBySlug(db, "no-such-petition")).toBeNull();
    await expect(getPetitionPage(db, null, "no-such-petition")).rejects.toMatchObject({ status: 404 });
  });

  it("loads once for concurrent views and does not keep a failed load", async () => {
    let loads = 0;
    const load = async () => {
      loads++;
      return loads;
    };
    const [a, b] = await Promise.all([cachedPetitionPublic("concurrent", load), cachedPetitionPublic("concurrent", load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    await expect(cachedPetitionPublic("failing", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cachedPetitionPublic("failing", async () => "up")).toBe("up");
  });

  it("lists named signers page by page, never anonymous ones", async () => {
    const fresh = await openPetitionFor(db, organizer);
    const sponsors = await countNamedSigners(db, fresh.id); // co-sponsors sign with their names
    const people = await makeUsers(db, 5);
    for (const [i, p] of people.entries()) {
      const now = new Date(Date.now() + (i + 1) * 1000);
      // The anonymous one signs as the browser does: a token, spent without an account (decision 018).
      if (i === 4) await signAnonymouslyNow(db, p, fresh.id, now);
      else await signPetition(db, p, fresh.id, { visibility: "named" }, { now });
    }
    expect(await countNamedSigners(db, fresh.id)).toBe(sponsors + 4);
    const first = await listNamedSignersPage(db, fresh.id, { limit: 3 });
    expect(first.items.map((s) => s.name)).toEqual([people[3]!.name, people[2]!.name, people[1]!.name]);
    const rest = await listNamedSignersPage(db, fresh.id, { limit: 3, cursor: first.nextCursor! });
    const names = [...first.items, ...rest.items].map((s) => s.name);
    expect(rest.items.length).toBe(Math.min(3, sponsors + 1));
    expect(names).toContain(people[0]!.name);
    expect(names).not.toContain(people[4]!.name);
    await expect(listNamedSignersPage(db, fresh.id, { cursor: "not-a-cursor" })).rejects.toMatchObject({ status: 400 });
  });
});
