// The server actions themselves, run against a real database: what they revalidate follows from
// what the command changed, so a slug or path forged into the form decides nothing.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { initialActionState } from "@/lib/http/action";
import { flagComment } from "@/lib/comments";
import { hideComment } from "@/lib/moderation";
import { createProgram } from "@/lib/programs";
import { postResponse } from "@/lib/responses";
import { makeUser, openPetitionFor, testDatabase } from "./db";
import { formOf as form } from "./form-action-mock";

const { db } = testDatabase();
const state = vi.hoisted(() => ({ actor: null as Actor | null, revalidated: [] as string[] }));

vi.mock("@/lib/http/form-action", async () =>
  (await import("./form-action-mock")).formActionModule({ db, actor: () => state.actor, revalidatePath: (path) => void state.revalidated.push(path) }),
);

const { closePetitionAction, signAction } = await import("@/app/petitions/actions");
const { changeStatusAction, markMissedAction, postUpdateAction } = await import("@/app/responses/actions");
const { dismissFlagsAction, restoreCommentAction } = await import("@/app/moderation/actions");
const { markDuplicateAction } = await import("@/app/moderation/duplicate-action");
const { setRoleAction, updateSettingsAction } = await import("@/app/admin/actions");


beforeEach(() => {
  state.revalidated = [];
});

describe("server actions revalidate what changed", () => {
  it("a forged slug and path in the form do not decide what is revalidated", async () => {
    const organizer = await makeUser(db);
    const mine = await openPetitionFor(db, organizer);
    const other = await openPetitionFor(db, await makeUser(db));
    state.actor = organizer;

    const posted = await postUpdateAction(initialActionState, form({ petitionId: mine.id, slug: other.slug, path: `/petitions/${other.slug}`, body: "An update for everyone who follows this." }));
    expect(posted).toMatchObject({ ok: true });
    expect(state.revalidated).toContain(`/petitions/${mine.slug}`);
    expect(state.revalidated.join(" ")).not.toContain(other.slug);

    state.revalidated = [];
    const closed = await closePetitionAction(initialActionState, form({ petitionId: mine.id, slug: other.slug }));
    expect(closed).toMatchObject({ ok: true, message: "The petition is closed." });
    expect(state.revalidated).toContain(`/petitions/${mine.slug}`);
    expect(state.revalidated.join(" ")).not.toContain(other.slug);
  });

  it("signing revalidates the petition signed, found from the database", async () => {
    const p = await openPetitionFor(db, await makeUser(db));
    state.actor = await makeUser(db);
    const signed = await signAction(initialActionState, form({ petitionId: p.id, slug: "forged-slug", visibility: "named" }));
    expect(signed).toMatchObject({ ok: true });
    expect(state.revalidated).toEqual([`/petitions/${p.slug}`, `/petitions/${p.slug}/dashboard`]);
  });

  it("a refused action revalidates nothing and keeps what was typed", async () => {
    const organizer = await makeUser(db);
    const p = await openPetitionFor(db, organizer);
    state.actor = organizer;
    const refused = await postUpdateAction(initialActionState, form({ petitionId: p.id, path: "/admin", body: "short" }));
    expect(refused.ok).toBe(false);
    expect(refused.values).toMatchObject({ body: "short" });
    expect(refused.message).not.toMatch(/^body:/);
    expect(state.revalidated).toEqual([]);
  });

  it("the moderation queue's commands revalidate the comment's petition, not a forged path", async () => {
    const organizer = await makeUser(db);
    const p = await openPetitionFor(db, organizer);
    const other = await openPetitionFor(db, await makeUser(db));
    const moderator = await makeUser(db, { role: "moderator" });
    const day = new Date().toISOString().slice(0, 10);
    const flagged = await db.anonComment.create({ data: { petitionId: p.id, body: "A flagged comment", day } });
    await flagComment(db, await makeUser(db), flagged.id, { reason: "Other" });
    state.actor = moderator;
    const dismissed = await dismissFlagsAction(initialActionState, form({ commentId: flagged.id, path: `/petitions/${other.slug}` }));
    expect(dismissed).toMatchObject({ ok: true, message: "Dismissed the flag; the comment stays visible." });
    expect(state.revalidated).toEqual(expect.arrayContaining([`/petitions/${p.slug}`, "/moderation"]));
    expect(state.revalidated.join(" ")).not.toContain(other.slug);

    state.revalidated = [];
    await hideComment(db, moderator, flagged.id, { reasonCode: "spam", reasonText: "Off topic here." });
    const restored = await restoreCommentAction(initialActionState, form({ commentId: flagged.id, reasonText: "It was on topic after all.", path: `/petitions/${other.slug}` }));
    expect(restored).toMatchObject({ ok: true });
    expect(state.revalidated).toEqual(expect.arrayContaining([`/petitions/${p.slug}`, "/moderation", "/moderation-log"]));
    expect(state.revalidated.join(" ")).not.toContain(other.slug);
  });

  it("leadership's commands revalidate the commitment's petition and the program changed", async () => {
    const leader = await makeUser(db, { role: "leadership" });
    const p = await openPetitionFor(db, await makeUser(db));
    const other = await openPetitionFor(db, await makeUser(db));
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await postResponse(db, leader, { target: { petitionId: p.id }, body: "We hear you and will act.", commitments: [{ text: "Publish the numbers", ownerRole: "HR", dueOn: due }] });
    const c = await db.commitment.findFirstOrThrow({ where: { response: { petitionId: p.id } } });
    state.actor = leader;
    const missed = await markMissedAction(initialActionState, form({ commitmentId: c.id, reason: "The budget for it was cut.", path: `/petitions/${other.slug}` }));
    expect(missed).toMatchObject({ ok: true });
    expect(state.revalidated).toEqual(expect.arrayContaining([`/petitions/${p.slug}`, "/leadership"]));
    expect(state.revalidated.join(" ")).not.toContain(other.slug);

    state.revalidated = [];
    await createProgram(db, await makeUser(db, { role: "admin" }), {
      name: "Program form-action", slug: "form-action-program", owningTeam: "Analytics", purpose: "Measure how work gets done.", collects: "clicks",
      retention: "1 year", dataAccess: "Analytics", consentModel: "mandatory", status: "active", policyText: "We record clicks.",
    });
    const changed = await changeStatusAction(initialActionState, form({ programSlug: "form-action-program", status: "paused", reason: "Paused for review." }));
    expect(changed).toMatchObject({ ok: true });
    expect(state.revalidated).toEqual(expect.arrayContaining(["/programs/form-action-program", "/leadership", "/timeline"]));
  });

  it("closing a duplicate revalidates the petition closed, by the address typed", async () => {
    const moderator = await makeUser(db, { role: "moderator" });
    const dup = await openPetitionFor(db, await makeUser(db));
    const original = await openPetitionFor(db, await makeUser(db));
    state.actor = moderator;
    const closed = await markDuplicateAction(initialActionState, form({ petition: `/petitions/${dup.slug}`, duplicateOf: `/petitions/${original.slug}` }));
    expect(closed).toMatchObject({ ok: true });
    expect(state.revalidated).toEqual(expect.arrayContaining([`/petitions/${dup.slug}`, "/petitions", "/moderation-log"]));
  });

  it("the settings message names the settings by the form's labels", async () => {
    state.actor = await makeUser(db, { role: "admin" });
    const saved = await updateSettingsAction(initialActionState, form({ coSponsorsNeeded: "3" }));
    expect(saved).toMatchObject({ ok: true, message: "Saved: co-sponsors needed to open a petition." });
    const role = await setRoleAction(initialActionState, form({ userId: (await makeUser(db)).id, role: "moderator" }));
    expect(role).toMatchObject({ ok: true });
    expect(state.revalidated).toContain("/admin");
  });
});
