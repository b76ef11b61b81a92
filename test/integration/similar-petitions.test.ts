// Similar petitions and duplicates (docs/decisions/024), on SQLite (FTS5, bm25) and PostgreSQL
// (full-text search): near-duplicate wordings are found, unrelated petitions and petitions
// nobody may be offered are not, and a moderator's "duplicate" closes a petition with a link
// and offers its followers the other one, never telling anyone about anonymous signers.
import { describe, expect, it } from "vitest";
import { listModerationLog, hidePetition } from "@/lib/moderation";
import { markDuplicate } from "@/lib/moderation/duplicates";
import { closePetition, createPetition, submitForCoSponsors, updateDraft } from "@/lib/petitions/commands";
import { duplicateOf, findSimilarPetitions } from "@/lib/petitions/similar";
import { signPetition } from "@/lib/signatures";
import { DB_KIND, makeUser, openPetitionFor, outcomeOf, petitionInput, testDatabase } from "./db";
import { signAnonymouslyNow } from "./anon";

const { db } = testDatabase();

describe(`similar petitions (${DB_KIND})`, async () => {
  const organizer = await makeUser(db);
  const writer = await makeUser(db);
  const remote = await openPetitionFor(db, organizer, {
    title: "Allow remote working on Fridays",
    ask: "Let every team work from home on Fridays.",
    addressedTo: "The executive team",
  });
  const parking = await openPetitionFor(db, organizer, {
    title: "More bicycle parking at the Berlin office",
    ask: "Build a covered bicycle shed next to the main entrance.",
  });
  const canteen = await openPetitionFor(db, organizer, {
    title: "Vegetarian meals in the canteen every day",
    ask: "Offer at least one vegetarian main dish at every lunch.",
  });
  const draft = await createPetition(db, organizer, petitionInput({ title: "Remote work on Fridays for everyone", ask: "Permit working remotely every Friday." }));
  const collecting = await createPetition(db, organizer, petitionInput({ title: "Fridays remote for the support team", ask: "Let support work remotely on Fridays." }));
  await submitForCoSponsors(db, organizer, collecting.id);
  const hidden = await openPetitionFor(db, organizer, { title: "Remote Fridays now, says the sales team", ask: "Let sales work remotely on Fridays." });
  const moderator = await makeUser(db, { role: "moderator" });
  await hidePetition(db, moderator, hidden.id, { reasonCode: "spam", reasonText: "Posted five times." });

  const similar = (title: string, ask: string, extra: Record<string, unknown> = {}) => findSimilarPetitions(db, writer, { title, ask, ...extra });

  it("finds a petition worded differently: stems, other word order, other case", async () => {
    const found = await similar("Working remotely on fridays", "We want to work from home on Fridays");
    expect(found.map((p) => p.slug)).toEqual([remote.slug]);
    expect(found[0]).toMatchObject({ title: remote.title, signable: true, closedOn: null });
    expect((await similar("FRIDAY: remote work", "")).map((p) => p.slug)).toEqual([remote.slug]);
    expect((await similar("Covered shed for bicycles", "Parking near the entrance")).map((p) => p.slug)).toEqual([parking.slug]);
  });

  it("offers nothing for an unrelated draft, for a single shared word, or for stop words alone", async () => {
    expect(await similar("Longer parental leave for fathers", "Give fathers twelve weeks of paid leave.")).toEqual([]);
    // "office" is shared with the parking petition, but one word does not make the same ask.
    expect(await similar("A quieter office", "Fewer meetings please")).toEqual([]);
    expect(await similar("We want it all and we want it now", "")).toEqual([]);
    expect(await similar("", "")).toEqual([]);
  });

  it("ranks the closer petition first", async () => {
    const lunch = await openPetitionFor(db, organizer, { title: "Cheaper lunch", ask: "Lower lunch prices in the canteen." });
    const found = await similar("Vegetarian lunch in the canteen", "A vegetarian main dish every day");
    expect(found.map((p) => p.slug)).toEqual([canteen.slug, lunch.slug]);
  });

  it("never offers drafts, petitions gathering co-sponsors or hidden ones, and not the draft being edited", async () => {
    const found = await similar("Remote work on Fridays", "Let the team work remotely on Fridays");
    expect(found.map((p) => p.slug)).toEqual([remote.slug]);
    for (const p of [draft, collecting, hidden]) expect(found.map((f) => f.slug)).not.toContain(p.slug);
    // The organizer editing their own draft sees the others, not the draft itself.
    const own = await findSimilarPetitions(db, organizer, { title: "Remote work on Fridays for everyone", ask: "Permit working remotely every Friday.", excludeId: draft.id });
    expect(own.map((p) => p.slug)).toEqual([remote.slug]);
  });

  it("follows edits to a draft's title and ask, and shows recently closed petitions as closed", async () => {
    const other = await makeUser(db);
    const later = await createPetition(db, other, petitionInput({ title: "Standing desks for every team", ask: "Buy standing desks for everyone who asks." }));
    await updateDraft(db, other, later.id, petitionInput({ title: "Quiet rooms on every floor", ask: "Turn one meeting room per floor into a quiet room." }));
    const opened = await openPetitionFor(db, other, { title: "Quiet rooms on every floor", ask: "Turn one meeting room per floor into a quiet room." });
    expect((await similar("Standing desks", "desks for everyone")).map((p) => p.slug)).toEqual([]);
    await closePetition(db, other, opened.id);
    const found = await similar("A quiet room", "One quiet meeting room on each floor");
    expect(found.map((p) => p.slug)).toEqual([opened.slug]);
    expect(found[0]).toMatchObject({ signable: false, closedOn: new Date().toISOString().slice(0, 10) });
    // Long closed: no longer offered.
    const inAYear = new Date(Date.now() + 365 * 24 * 60 * 60 * 1000);
    expect(await findSimilarPetitions(db, writer, { title: "A quiet room", ask: "One quiet meeting room on each floor" }, { now: inAYear })).not.toContainEqual(expect.objectContaining({ slug: opened.slug }));
  });

  it("is for signed-in people only and refuses input it cannot compare with a message", async () => {
    expect(await outcomeOf(() => findSimilarPetitions(db, null, { title: "Remote work on Fridays", ask: "" }))).toBe("401 Sign in to see similar petitions.");
    expect(await outcomeOf(() => findSimilarPetitions(db, writer, { title: 42 }))).toMatch(/^400 /);
    expect(await outcomeOf(() => findSimilarPetitions(db, writer, { title: "x".repeat(501) }))).toMatch(/^400 .*too long/);
    // Quotes, FTS operators and SQL are words or nothing, never syntax.
    expect(await similar(`"remote" OR fridays* NEAR(x) '; DROP TABLE "Petition"; --`, "AND NOT ( ^ :")).toEqual([expect.objectContaining({ slug: remote.slug })]);
  });
});

describe(`marking a duplicate (${DB_KIND})`, async () => {
  const organizer = await makeUser(db);
  const moderator = await makeUser(db, { role: "moderator" });
  const original = await openPetitionFor(db, organizer, { title: "A four-day week pilot", ask: "Run a four-day week pilot in two departments." });
  const copy = await openPetitionFor(db, organizer, { title: "Pilot the four-day week", ask: "Try a four-day working week for six months." });
  const named = await makeUser(db);
  const anonymous = await makeUser(db);
  await signPetition(db, named, copy.id, { visibility: "named" });
  await signAnonymouslyNow(db, anonymous, copy.id);

  it("refuses everyone but moderators, and bad addresses with a message", async () => {
    const input = { petition: copy.slug, duplicateOf: original.slug };
    expect(await outcomeOf(() => markDuplicate(db, null, input))).toBe("401 Sign in to mark a petition as a duplicate.");
    expect(await outcomeOf(() => markDuplicate(db, organizer, input))).toBe("403 Only moderator accounts can mark a petition as a duplicate.");
    expect(await outcomeOf(() => markDuplicate(db, named, input))).toBe("403 Only moderator accounts can mark a petition as a duplicate.");
    expect(await outcomeOf(() => markDuplicate(db, moderator, { petition: copy.slug, duplicateOf: copy.slug }))).toBe("409 A petition cannot be a duplicate of itself.");
    expect(await outcomeOf(() => markDuplicate(db, moderator, { petition: copy.slug, duplicateOf: "no-such-petition" }))).toBe(
      "404 No open or recently closed petition at that address to point signers to.",
    );
    expect(await outcomeOf(() => markDuplicate(db, moderator, { petition: copy.slug, duplicateOf: "Remote Fridays!" }))).toMatch(/^400 /);
    expect(await outcomeOf(() => markDuplicate(db, moderator, { petition: copy.slug }))).toMatch(/^400 Give the address of the petition it duplicates/);
    const draft = await createPetition(db, organizer, petitionInput({ title: "A private draft about the four-day week" }));
    expect(await outcomeOf(() => markDuplicate(db, moderator, { petition: copy.slug, duplicateOf: draft.slug }))).toBe(
      "404 No open or recently closed petition at that address to point signers to.",
    );
    expect(await outcomeOf(() => markDuplicate(db, moderator, { petition: draft.slug, duplicateOf: original.slug }))).toBe("404 No public petition with this id.");
    expect(await db.petition.findUniqueOrThrow({ where: { id: copy.id } })).toMatchObject({ state: "open", duplicateOfId: null });
  });

  it("closes the duplicate with a link, logs it, and offers the other petition to its followers only", async () => {
    await markDuplicate(db, moderator, { petition: `https://petitions.example.com/petitions/${copy.slug}?x=1`, duplicateOf: `/petitions/${original.slug}` });
    const closed = await db.petition.findUniqueOrThrow({ where: { id: copy.id } });
    expect(closed).toMatchObject({ state: "closed", duplicateOfId: original.id });
    expect(await duplicateOf(db, copy.id)).toEqual({ slug: original.slug, title: original.title });
    expect(await duplicateOf(db, original.id)).toBeNull();

    const event = await db.timelineEvent.findFirstOrThrow({ where: { petitionId: copy.id, kind: "petition_duplicate" } });
    expect(event.summary).toContain(original.title);
    const notified = (await db.notification.findMany({ where: { eventId: event.id }, select: { userId: true } })).map((n) => n.userId);
    expect(notified).toContain(named.id);
    // The anonymous signer is not told (they follow nothing), and no row names them.
    expect(notified).not.toContain(anonymous.id);
    expect(JSON.stringify(await db.moderationAction.findMany({ where: { targetId: copy.id } }))).not.toContain(anonymous.id);

    const log = await listModerationLog(db);
    expect(log.items[0]).toMatchObject({ what: copy.title, action: "duplicate", reason: "Duplicate of another petition", role: "moderator" });
    expect(log.items[0]!.explanation).toContain(`/petitions/${original.slug}`);
    // A closed duplicate is not offered as similar any more; the original is.
    const similar = await findSimilarPetitions(db, named, { title: "Four-day week", ask: "a pilot" });
    expect(similar.map((p) => p.slug)).toEqual([original.slug]);
  });

  it("refuses a second time, and a chain of duplicates", async () => {
    expect(await outcomeOf(() => markDuplicate(db, moderator, { petition: copy.slug, duplicateOf: original.slug }))).toBe("409 Only an open petition can be closed as a duplicate.");
    const third = await openPetitionFor(db, organizer, { title: "Four days a week", ask: "Four working days a week." });
    expect(await outcomeOf(() => markDuplicate(db, moderator, { petition: third.slug, duplicateOf: copy.slug }))).toBe(
      "409 That petition was itself closed as a duplicate; point to the one it duplicates.",
    );
  });
});
