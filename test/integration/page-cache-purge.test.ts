// The public page cache (decision 031) is emptied by every domain command that changes what a
// signed-out visitor's petition page, petition list, timeline or home page shows, after its
// transaction commits; a signature leaves it be (its count is at most a few seconds old there).
import { afterEach, describe, expect, it } from "vitest";
import { updateSettings } from "@/lib/admin";
import { hidePetition } from "@/lib/moderation";
import { markDuplicate } from "@/lib/moderation/duplicates";
import { cachedPublicPage, publicPageCacheState, purgePublicPages } from "@/lib/page-cache/store";
import { closeExpiredPetitions, closePetition, createPetition, deliverPetition, submitForCoSponsors } from "@/lib/petitions/commands";
import { createProgram, updateProgram } from "@/lib/programs";
import { postOrganizerUpdate, postResponse } from "@/lib/responses";
import { signPetition } from "@/lib/signatures";
import { makeUser, makeUsers, openPetitionFor, petitionInput, programInput, testDatabase } from "./db";

const { db } = testDatabase();

/** Puts a rendered page in the cache, as the proxy would after a signed-out view. */
async function cachePage() {
  purgePublicPages();
  await cachedPublicPage("en /petitions", 60_000, async () => ({ status: 200, headers: [], body: "<html>list</html>", renderedAt: Date.now() }));
  expect(publicPageCacheState().entries).toBe(1);
}

const emptied = () => publicPageCacheState().entries === 0;

describe("the public page cache is emptied by the commands that change public pages", async () => {
  afterEach(() => purgePublicPages());
  const organizer = await makeUser(db, { name: "Olga Organizer" });
  const leader = await makeUser(db, { role: "leadership" });
  const moderator = await makeUser(db, { role: "moderator" });
  const admin = await makeUser(db, { role: "admin" });

  it("opening, closing, delivering and the scheduler's closing", async () => {
    const p = await openPetitionFor(db, organizer, { title: "Opened by its co-sponsors" });
    // The second co-sponsor's signature opened it (openPetitionFor); the next step shows the
    // opening by the organizer alone.
    expect(p.state).toBe("open");
    await updateSettings(db, admin, { coSponsorsNeeded: 0 });
    const draft = await createPetition(db, organizer, petitionInput({ title: "Opened at once" }));
    await cachePage();
    await submitForCoSponsors(db, organizer, draft.id);
    expect(emptied()).toBe(true);

    await cachePage();
    await closePetition(db, organizer, draft.id);
    expect(emptied()).toBe(true);
    await cachePage();
    await deliverPetition(db, organizer, draft.id);
    expect(emptied()).toBe(true);

    const due = await openPetitionFor(db, organizer, { title: "Closes by itself" });
    await cachePage();
    expect(await closeExpiredPetitions(db, { now: new Date(due.closesAt.getTime() + 1) })).toBeGreaterThan(0);
    expect(emptied()).toBe(true);
    await updateSettings(db, admin, { coSponsorsNeeded: 2 });
  });

  it("the co-sponsor signature that opens a petition, but no other signature", async () => {
    const draft = await createPetition(db, organizer, petitionInput({ title: "Waiting for co-sponsors" }));
    const collecting = await submitForCoSponsors(db, organizer, draft.id);
    const [first, second, reader] = await makeUsers(db, 3);
    await signPetition(db, first!, draft.id, { visibility: "named", invite: collecting.coSponsorToken });
    await cachePage();
    await signPetition(db, second!, draft.id, { visibility: "named", invite: collecting.coSponsorToken });
    expect(emptied()).toBe(true);
    await cachePage();
    await signPetition(db, reader!, draft.id, { visibility: "named" });
    expect(emptied()).toBe(false);
  });

  it("responses, organizer updates, hiding and closing as a duplicate", async () => {
    const p = await openPetitionFor(db, organizer, { title: "Answered and updated" });
    await cachePage();
    await postResponse(db, leader, { target: { petitionId: p.id }, body: "We hear you and will act on it." });
    expect(emptied()).toBe(true);
    await cachePage();
    await postOrganizerUpdate(db, organizer, p.id, { body: "We delivered it to the board." });
    expect(emptied()).toBe(true);

    const original = await openPetitionFor(db, organizer, { title: "The first one asking" });
    const copy = await openPetitionFor(db, organizer, { title: "The same ask again" });
    await cachePage();
    await markDuplicate(db, moderator, { petition: copy.slug, duplicateOf: original.slug });
    expect(emptied()).toBe(true);
    await cachePage();
    await hidePetition(db, moderator, original.id, { reasonCode: "identifies", reasonText: "Names a colleague." });
    expect(emptied()).toBe(true);
  });

  it("settings and programs, which every petition's page may show", async () => {
    await cachePage();
    await updateSettings(db, admin, { responseThreshold: 150 });
    expect(emptied()).toBe(true);
    await cachePage();
    // Saving the same values changes nothing, and keeps the cache.
    await updateSettings(db, admin, { responseThreshold: 150 });
    expect(emptied()).toBe(false);

    await createProgram(db, admin, programInput("cache-program"));
    await cachePage();
    await updateProgram(db, admin, "cache-program", programInput("cache-program", { name: "Renamed program" }));
    expect(emptied()).toBe(true);
  });
});
