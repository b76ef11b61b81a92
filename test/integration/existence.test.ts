// No existence oracles (issue 12, point 6): for someone who may not see a petition (a draft, or
// a petition gathering co-sponsors they were not invited to), every domain function that takes a
// petition answers exactly as for a petition that does not exist: same code, same message. And
// inviting a co-organizer answers the same whether or not anyone has signed in with the address.
import { describe, expect, it } from "vitest";
import { listAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { listComments } from "@/lib/comments";
import { exportAggregatesCsv, exportNamedSignaturesCsv, getDashboard } from "@/lib/dashboard";
import { DomainError } from "@/lib/errors";
import { follow } from "@/lib/follows";
import { fileAppeal, hidePetition } from "@/lib/moderation";
import {
  ADDRESS_INVITE_DAYS,
  answerInvite,
  claimAddressInvitations,
  closePetition,
  createPetition,
  deliverPetition,
  inviteCoOrganizer,
  invitedMessage,
  listInvitations,
  listOrganizersForManagement,
  removeCoOrganizer,
  submitForCoSponsors,
  updateDraft,
} from "@/lib/petitions/commands";
import { addressHash, addressKeys } from "@/lib/petitions/invite-address";
import { getPetitionDetail } from "@/lib/petitions/queries";
import { postOrganizerUpdate, postResponse } from "@/lib/responses";
import { signPetition, withdrawSignature } from "@/lib/signatures";
import { makeUser, openPetitionFor, petitionInput, testDatabase } from "./db";

const { db } = testDatabase();
const SECRETS = ["existence-test-secret-0123456789abcdef"];
const MISSING = "no-such-petition-id";

/** How a call fails: its code, status and message (or "ok" when it does not fail). */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return `${error.code} ${error.status} ${error.message}`;
  }
}

/** Every call that takes a petition, as one person, on one petition id. */
function calls(actor: Actor | null, id: string): Record<string, () => Promise<unknown>> {
  return {
    detail: () => getPetitionDetail(db, actor, { id }),
    sign: () => signPetition(db, actor, id, { visibility: "named" }),
    signWithWrongLink: () => signPetition(db, actor, id, { visibility: "named", invite: "not-the-link" }),
    withdraw: () => withdrawSignature(db, actor, id),
    edit: () => updateDraft(db, actor, id, petitionInput()),
    submit: () => submitForCoSponsors(db, actor, id),
    invite: () => inviteCoOrganizer(db, actor, id, { email: "someone@example.com" }, { secrets: SECRETS }),
    removeCoOrganizer: () => removeCoOrganizer(db, actor, id, actor?.id ?? "someone"),
    team: () => listOrganizersForManagement(db, actor, id),
    deliver: () => deliverPetition(db, actor, id),
    close: () => closePetition(db, actor, id),
    dashboard: () => getDashboard(db, actor, id),
    signaturesCsv: () => exportNamedSignaturesCsv(db, actor, id),
    aggregatesCsv: () => exportAggregatesCsv(db, actor, id),
    update: () => postOrganizerUpdate(db, actor, id, { body: "An update nobody should be able to post." }),
    appeal: () => fileAppeal(db, actor, id, { text: "This decision is wrong, for reasons." }),
    follow: () => follow(db, actor, { targetType: "petition", targetId: id }),
    comments: () => listComments(db, { petitionId: id }),
  };
}

async function outcomes(actor: Actor | null, id: string) {
  const result: Record<string, string> = {};
  for (const [name, call] of Object.entries(calls(actor, id))) result[name] = await outcome(call());
  return result;
}

describe("a petition someone may not see answers exactly like one that does not exist", () => {
  it("a draft, for a stranger, a leader, a moderator and an admin", async () => {
    const organizer = await makeUser(db);
    const draft = await createPetition(db, organizer, petitionInput());
    for (const role of ["employee", "leadership", "moderator", "admin"] as const) {
      const viewer = await makeUser(db, { role });
      const missing = await outcomes(viewer, MISSING);
      expect(await outcomes(viewer, draft.id)).toEqual(missing);
      // Every call is refused, and each with the 404 a missing petition gets.
      for (const [name, text] of Object.entries(missing)) expect(text, name).toMatch(/^not_found 404 /);
    }
    // Moderators and leadership reach drafts through their own commands no better.
    const sam = await makeUser(db, { role: "moderator" });
    const priya = await makeUser(db, { role: "leadership" });
    const hide = (id: string) => outcome(hidePetition(db, sam, id, { reasonCode: "spam", reasonText: "Not a petition" }));
    expect(await hide(draft.id)).toBe(await hide(MISSING));
    const respond = (id: string) => outcome(postResponse(db, priya, { target: { petitionId: id }, body: "An official response to nothing." }));
    expect(await respond(draft.id)).toBe(await respond(MISSING));
    // Signed out: every call answers 401 (or the 404 of a missing petition) for both alike.
    expect(await outcomes(null, draft.id)).toEqual(await outcomes(null, MISSING));
  });

  it("a petition gathering co-sponsors, for someone without the link", async () => {
    const organizer = await makeUser(db);
    const p = await createPetition(db, organizer, petitionInput());
    await submitForCoSponsors(db, organizer, p.id);
    const viewer = await makeUser(db);
    expect(await outcomes(viewer, p.id)).toEqual(await outcomes(viewer, MISSING));
  });

  it("a public petition is not hidden: someone who is not an organizer is told so (403)", async () => {
    const organizer = await makeUser(db);
    const p = await openPetitionFor(db, organizer);
    const viewer = await makeUser(db);
    for (const name of ["dashboard", "signaturesCsv", "aggregatesCsv", "invite", "close", "deliver", "update", "appeal", "team"] as const) {
      expect(await outcome(calls(viewer, p.id)[name]!()), name).toMatch(/^forbidden 403 Only this petition's organizers can/);
    }
    // Organizers themselves get through.
    expect(await outcome(getDashboard(db, organizer, p.id))).toBe("ok");
  });
});

describe("inviting a co-organizer by email", () => {
  it("answers the same for an address with an account and one without; the second waits for the first sign-in", async () => {
    const maya = await makeUser(db);
    const known = await makeUser(db, { email: "known.person@example.com", name: "Known Person" });
    const p = await createPetition(db, maya, petitionInput());

    const toKnown = await inviteCoOrganizer(db, maya, p.id, { email: "Known.Person@example.com" }, { secrets: SECRETS });
    const toNew = await inviteCoOrganizer(db, maya, p.id, { email: " New.Person@Example.com " }, { secrets: SECRETS });
    expect(toKnown).toEqual({ email: "known.person@example.com", message: invitedMessage("known.person@example.com"), petition: { slug: p.slug } });
    expect(toNew).toEqual({ email: "new.person@example.com", message: invitedMessage("new.person@example.com"), petition: { slug: p.slug } });
    expect(toNew.message).not.toMatch(/Known Person|signed in yet/);

    // Inviting again: the same refusal for both.
    const again = (email: string) => outcome(inviteCoOrganizer(db, maya, p.id, { email }, { secrets: SECRETS }));
    expect(await again("known.person@example.com")).toBe("conflict 409 known.person@example.com is already invited.");
    expect(await again("new.person@example.com")).toBe("conflict 409 new.person@example.com is already invited.");

    // The organizers see how many invitations wait, never who: that would say which addresses have accounts.
    const team = await listOrganizersForManagement(db, maya, p.id);
    expect(team.pendingInvitations).toBe(2);
    expect(JSON.stringify(team)).not.toContain("Known Person");

    // Only a keyed hash of the new address is stored, nowhere the address itself.
    const stored = await db.coOrganizerAddressInvite.findMany({ where: { petitionId: p.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.addressHash).toBe(addressHash("new.person@example.com", addressKeys(SECRETS)[0]!));
    expect(JSON.stringify(stored)).not.toMatch(/new\.person/i);
    expect(await listInvitations(db, known)).toEqual([{ id: p.id, slug: p.slug, title: p.title }]);

    // First sign-in (with the secret rotated since): the invitation becomes an ordinary one.
    const newcomer = await makeUser(db, { email: "new.person@example.com" });
    expect(await listInvitations(db, newcomer)).toEqual([]);
    expect(await claimAddressInvitations(db, newcomer, ["a-newer-secret-0123456789abcdef", ...SECRETS])).toBe(1);
    expect(await db.coOrganizerAddressInvite.count({ where: { petitionId: p.id } })).toBe(0);
    expect(await listInvitations(db, newcomer)).toEqual([{ id: p.id, slug: p.slug, title: p.title }]);
    expect(await claimAddressInvitations(db, newcomer, SECRETS)).toBe(0);
    expect((await listOrganizersForManagement(db, maya, p.id)).pendingInvitations).toBe(2);

    await answerInvite(db, newcomer, p.id, true);
    expect((await getPetitionDetail(db, newcomer, { id: p.id })).viewer.isOrganizer).toBe(true);
    expect(await again("new.person@example.com")).toBe("conflict 409 new.person@example.com is already an organizer of this petition.");
  });

  it("refuses non-organizers like any other organizer command, and bad addresses with a message", async () => {
    const maya = await makeUser(db);
    const stranger = await makeUser(db);
    const p = await createPetition(db, maya, petitionInput());
    expect(await outcome(inviteCoOrganizer(db, stranger, p.id, { email: "a@example.com" }, { secrets: SECRETS }))).toMatch(/^not_found 404/);
    expect(await outcome(inviteCoOrganizer(db, maya, p.id, { email: "not an email" }, { secrets: SECRETS }))).toMatch(/^invalid_input 400 .*work email/);
    expect(await outcome(inviteCoOrganizer(db, null, p.id, { email: "a@example.com" }, { secrets: SECRETS }))).toMatch(/^unauthenticated 401/);
  });

  it("an invitation to an address nobody signs in with is deleted after 90 days", async () => {
    const maya = await makeUser(db);
    const p = await createPetition(db, maya, petitionInput());
    const then = new Date(Date.now() - (ADDRESS_INVITE_DAYS + 1) * 86_400_000);
    await inviteCoOrganizer(db, maya, p.id, { email: "late.person@example.com" }, { secrets: SECRETS, now: then });
    expect(await db.coOrganizerAddressInvite.count({ where: { petitionId: p.id } })).toBe(1);
    const late = await makeUser(db, { email: "late.person@example.com" });
    expect(await claimAddressInvitations(db, late, SECRETS)).toBe(0);
    expect(await db.coOrganizerAddressInvite.count({ where: { petitionId: p.id } })).toBe(0);
    expect(await listInvitations(db, late)).toEqual([]);
  });

  it("a sign-in with no pending invitation changes nothing, and works without a secret", async () => {
    const person = await makeUser(db);
    expect(await claimAddressInvitations(db, person, SECRETS)).toBe(0);
    expect(await claimAddressInvitations(db, person, [])).toBe(0);
    const admin = await makeUser(db, { role: "admin" });
    expect((await listAudit(db, admin)).items.filter((e) => e.target === person.id)).toEqual([]);
  });
});
