import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import {
  answerInvite,
  closeExpiredPetitions,
  deliverPetition,
  inviteCoOrganizer,
  listInvitations,
  removeCoOrganizer,
  closePetition,
  createPetition,
  submitForCoSponsors,
  updateDraft,
} from "@/lib/petitions/commands";
import { getPetitionDetail, listOwnPetitions } from "@/lib/petitions/queries";
import { writeSettings } from "@/lib/settings";
import { signPetition } from "@/lib/signatures";
import { makeUser, makeUsers, openPetitionFor, petitionInput, testDatabase } from "./db";

const { db } = testDatabase();
// A second database for tests that change settings, so the rest of the file keeps defaults.
const settingsDb = testDatabase();
const DAY = 86_400_000;
const SECRETS = ["petitions-test-secret-0123456789abcdef"];

async function expectDomainError(promise: Promise<unknown>, code: DomainError["code"], message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  if (message) expect((error as DomainError).message).toMatch(message);
  return error as DomainError;
}

describe("starting a petition", () => {
  it("creates a private draft with the starter as organizer and the default closing date", async () => {
    const maya = await makeUser(db);
    const now = new Date("2026-11-01T10:00:00Z");
    const p = await createPetition(db, maya, petitionInput(), { now });
    expect(p.state).toBe("draft");
    expect(p.signatureCount).toBe(0);
    expect(p.responseThreshold).toBe(500);
    expect(p.closesAt.getTime()).toBe(now.getTime() + 60 * DAY);
    expect(p.slug).toMatch(/^give-us-a-say-in-workplace-monitoring-[a-z0-9]+$/);
    const organizers = await db.petitionOrganizer.findMany({ where: { petitionId: p.id } });
    expect(organizers).toEqual([expect.objectContaining({ userId: maya.id, role: "starter" })]);
  });

  it("links a petition to a monitoring program, or to none when the form sends an empty choice", async () => {
    const maya = await makeUser(db);
    const none = await createPetition(db, maya, petitionInput({ programId: "" }));
    expect(none.programId).toBeNull();
    await expectDomainError(createPetition(db, maya, petitionInput({ programId: "no-such-program" })), "invalid_input", /does not exist/);
    const program = await db.program.create({
      data: { slug: "p-link", name: "P", owningTeam: "T", purpose: "Purpose text", collects: "[]", retention: "1 day", dataAccess: "Nobody", consentModel: "opt-in", status: "proposed", policyText: "Policy text" },
    });
    const linked = await createPetition(db, maya, petitionInput({ programId: program.id }));
    expect(linked.programId).toBe(program.id);
    const detail = await getPetitionDetail(db, maya, { id: linked.id });
    expect(detail.program).toEqual({ slug: "p-link", name: "P" });
  });

  it("requires a signed-in person", async () => {
    await expectDomainError(createPetition(db, null, petitionInput()), "unauthenticated", /Sign in/);
  });

  it("names every invalid field with a message a person can act on", async () => {
    const maya = await makeUser(db);
    const error = await expectDomainError(
      createPetition(db, maya, { title: "short", ask: "", background: "x", addressedTo: "", goal: "lots" }),
      "invalid_input",
    );
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["addressedTo", "ask", "background", "goal", "title"]);
    expect(error.fields?.title).toMatch(/at least 10 characters/);
    expect(error.fields?.goal).toMatch(/number/);
    expect(await db.petition.count({ where: { title: "short" } })).toBe(0);
  });

  it("keeps the ask to one sentence", async () => {
    const maya = await makeUser(db);
    await expectDomainError(
      createPetition(db, maya, petitionInput({ ask: "Stop the program. Then delete the data please." })),
      "invalid_input",
      /one sentence/,
    );
  });

  it("bounds the closing date by the settings", async () => {
    const maya = await makeUser(db);
    const now = new Date("2026-11-01T10:00:00Z");
    await expectDomainError(createPetition(db, maya, petitionInput({ closesOn: "2026-11-03" }), { now }), "invalid_input", /between 7 and 180 days/);
    await expectDomainError(createPetition(db, maya, petitionInput({ closesOn: "2028-01-01" }), { now }), "invalid_input", /between 7 and 180 days/);
    await expectDomainError(createPetition(db, maya, petitionInput({ closesOn: "2026-13-45" }), { now }), "invalid_input");
    await expectDomainError(createPetition(db, maya, petitionInput({ closesOn: "2026-11-31" }), { now }), "invalid_input", /not a real date/);
    await expectDomainError(createPetition(db, maya, petitionInput({ closesOn: "2026-12-15junk" }), { now }), "invalid_input");
    const ok = await createPetition(db, maya, petitionInput({ closesOn: "2026-12-15" }), { now });
    expect(ok.closesAt.toISOString()).toBe("2026-12-15T23:59:59.000Z");
  });

  it("rejects control characters and trims whitespace", async () => {
    const maya = await makeUser(db);
    await expectDomainError(createPetition(db, maya, petitionInput({ title: "Bad\u0007 title with a bell" })), "invalid_input", /control characters/);
    const p = await createPetition(db, maya, petitionInput({ title: "   Spaces    around   the title   " }));
    expect(p.title).toBe("Spaces around the title");
  });
});

describe("drafts are private to their organizers", () => {
  it("hides a draft from everyone else, as not found", async () => {
    const [maya, jonas] = await makeUsers(db, 2);
    const leader = await makeUser(db, { role: "leadership" });
    const admin = await makeUser(db, { role: "admin" });
    const p = await createPetition(db, maya!, petitionInput());
    const detail = await getPetitionDetail(db, maya!, { id: p.id });
    expect(detail.viewer.isOrganizer).toBe(true);
    for (const viewer of [null, jonas!, leader, admin]) {
      await expectDomainError(getPetitionDetail(db, viewer, { id: p.id }), "not_found");
    }
    expect((await listOwnPetitions(db, maya!)).map((x) => x.id)).toContain(p.id);
    expect((await listOwnPetitions(db, jonas!)).map((x) => x.id)).not.toContain(p.id);
  });

  it("lets only organizers edit, and only while it is a draft", async () => {
    const [maya, jonas] = await makeUsers(db, 2);
    const p = await createPetition(db, maya!, petitionInput());
    // Someone who cannot see the draft is told it does not exist, not that they may not edit it.
    await expectDomainError(updateDraft(db, jonas!, p.id, petitionInput({ title: "Taken over by someone else" })), "not_found");
    const edited = await updateDraft(db, maya!, p.id, petitionInput({ title: "A clearer title for the draft" }));
    expect(edited.title).toBe("A clearer title for the draft");
    await submitForCoSponsors(db, maya!, p.id);
    await expectDomainError(updateDraft(db, maya!, p.id, petitionInput()), "conflict", /Only drafts/);
  });
});

describe("co-sponsors open a petition", () => {
  it("goes draft → collecting → open after two co-sponsor signatures, recording the event", async () => {
    const maya = await makeUser(db);
    const [a, b] = await makeUsers(db, 2);
    const p = await createPetition(db, maya, petitionInput());
    await expectDomainError(submitForCoSponsors(db, a!, p.id), "not_found");
    const collecting = await submitForCoSponsors(db, maya, p.id);
    expect(collecting.state).toBe("collecting");
    await expectDomainError(submitForCoSponsors(db, maya, p.id), "conflict");

    // Visible with the link, not without.
    await expectDomainError(getPetitionDetail(db, a!, { id: p.id }), "not_found");
    const seen = await getPetitionDetail(db, a!, { id: p.id }, { invite: p.coSponsorToken });
    expect(seen.viewer.coSponsorToken).toBeNull();

    await expectDomainError(signPetition(db, a!, p.id, { visibility: "named" }), "not_found");
    await expectDomainError(signPetition(db, a!, p.id, { visibility: "named", invite: "wrong" }), "not_found");
    await expectDomainError(signPetition(db, maya, p.id, { visibility: "named", invite: p.coSponsorToken }), "forbidden", /Organizers cannot co-sponsor/);

    const first = await signPetition(db, a!, p.id, { visibility: "named", invite: p.coSponsorToken });
    expect(first.signature.coSponsor).toBe(true);
    expect(first.petition.state).toBe("collecting");
    // Co-sponsors are too few to hide among: they sign by name.
    await expectDomainError(signPetition(db, b!, p.id, { visibility: "anonymous", invite: p.coSponsorToken }), "invalid_input", /Co-sponsors sign with their names/);
    const second = await signPetition(db, b!, p.id, { visibility: "named", invite: p.coSponsorToken });
    expect(second.petition.state).toBe("open");
    expect(second.petition.signatureCount).toBe(2);

    const after = await db.petition.findUniqueOrThrow({ where: { id: p.id } });
    expect(after.openedAt).not.toBeNull();
    const events = await db.timelineEvent.findMany({ where: { petitionId: p.id } });
    expect(events.map((e) => e.kind)).toEqual(["petition_opened"]);
    // A co-sponsor who already signed can still see it without the link.
    await expect(getPetitionDetail(db, a!, { id: p.id })).resolves.toMatchObject({ state: "open" });
  });

  it("opens at once when the setting asks for no co-sponsors", async () => {
    const other = settingsDb.db;
    await writeSettings(other, { coSponsorsNeeded: 0 });
    const maya = await makeUser(other);
    const p = await createPetition(other, maya, petitionInput());
    const submitted = await submitForCoSponsors(other, maya, p.id);
    expect(submitted.state).toBe("open");
  });
});

describe("organizers", () => {
  it("invites co-organizers by email; they accept and can then act as organizers, or are removed", async () => {
    const maya = await makeUser(db);
    const jonas = await makeUser(db, { email: "jonas.coorg@example.com", name: "Jonas Co" });
    const stranger = await makeUser(db);
    const p = await createPetition(db, maya, petitionInput());
    const invite = (who: Actor, email: string) => inviteCoOrganizer(db, who, p.id, { email }, { secrets: SECRETS });
    // A stranger cannot see the draft, so it does not exist for them (404, not 403).
    await expectDomainError(invite(stranger, "jonas.coorg@example.com"), "not_found");
    await expectDomainError(invite(maya, "not an email"), "invalid_input");
    await invite(maya, "  JONAS.COORG@example.com ");
    await expectDomainError(invite(maya, "jonas.coorg@example.com"), "conflict", /already invited/);
    expect((await listInvitations(db, jonas)).map((x) => x.id)).toEqual([p.id]);
    await expectDomainError(answerInvite(db, stranger, p.id, true), "not_found");
    // Not an organizer until accepted.
    await expectDomainError(getPetitionDetail(db, jonas, { id: p.id }), "not_found");
    await answerInvite(db, jonas, p.id, true);
    await expectDomainError(invite(maya, "jonas.coorg@example.com"), "conflict", /already an organizer/);
    const detail = await getPetitionDetail(db, jonas, { id: p.id });
    expect(detail.viewer.isOrganizer).toBe(true);
    expect(detail.organizers.map((o) => o.role)).toEqual(["starter", "co-organizer"]);
    await expect(submitForCoSponsors(db, jonas, p.id)).resolves.toMatchObject({ state: "collecting" });
    await expectDomainError(removeCoOrganizer(db, jonas, p.id, maya.id), "forbidden", /started the petition/);
    // Gathering co-sponsors, and the stranger has no link: not found.
    await expectDomainError(removeCoOrganizer(db, stranger, p.id, jonas.id), "not_found");
    await removeCoOrganizer(db, maya, p.id, jonas.id);
    await expectDomainError(removeCoOrganizer(db, maya, p.id, jonas.id), "not_found");
  });

  it("delivers a petition to leadership once, closing it and recording the event", async () => {
    const maya = await makeUser(db);
    const other = await makeUser(db);
    const p = await openPetitionFor(db, maya);
    await expectDomainError(deliverPetition(db, other, p.id), "forbidden");
    const delivered = await deliverPetition(db, maya, p.id);
    expect(delivered.state).toBe("closed");
    expect(delivered.deliveredAt).not.toBeNull();
    await expectDomainError(deliverPetition(db, maya, p.id), "conflict", /already delivered/);
    const kinds = (await db.timelineEvent.findMany({ where: { petitionId: p.id }, orderBy: { createdAt: "asc" } })).map((e) => e.kind);
    expect(kinds).toEqual(["petition_opened", "petition_closed", "petition_delivered"]);
  });
});

describe("closing", () => {
  it("lets organizers close early; closed petitions refuse signatures and withdrawals", async () => {
    const maya = await makeUser(db);
    const signer: Actor = await makeUser(db);
    const late = await makeUser(db);
    const p = await openPetitionFor(db, maya);
    await signPetition(db, signer, p.id, { visibility: "named" });
    await expectDomainError(closePetition(db, signer, p.id), "forbidden");
    const now = new Date();
    const closed = await closePetition(db, maya, p.id, { now });
    expect(closed.state).toBe("closed");
    expect(closed.closedAt?.getTime()).toBe(now.getTime());
    expect(closed.closesAt.getTime()).toBe(now.getTime());
    await expectDomainError(closePetition(db, maya, p.id), "conflict");
    await expectDomainError(signPetition(db, late, p.id, { visibility: "named" }), "closed", /closed on \d{1,2} [A-Z][a-z]+ \d{4} and no longer accepts signatures/);
    const { withdrawSignature } = await import("@/lib/signatures");
    await expectDomainError(withdrawSignature(db, signer, p.id), "closed");
    const events = await db.timelineEvent.findMany({ where: { petitionId: p.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.kind)).toEqual(["petition_opened", "petition_closed"]);
  });

  it("closes petitions past their closing date, and refuses signatures even before the sweep", async () => {
    const maya = await makeUser(db);
    const p = await openPetitionFor(db, maya);
    const later = new Date(p.closesAt.getTime() + 1000);
    const late = await makeUser(db);
    await expectDomainError(signPetition(db, late, p.id, { visibility: "named" }, { now: later }), "closed");
    expect(await closeExpiredPetitions(db, { now: later })).toBeGreaterThanOrEqual(1);
    const after = await db.petition.findUniqueOrThrow({ where: { id: p.id } });
    expect(after.state).toBe("closed");
    expect(after.closedAt?.getTime()).toBe(p.closesAt.getTime());
    expect(await closeExpiredPetitions(db, { now: later })).toBe(0);
  });
});
