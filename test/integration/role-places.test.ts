// Each role's place (issue 16 point 3): the moderation queue and its commands, leadership's
// inbox, status changes and missed commitments, readable audit entries, "petitions I signed"
// and the organizer's tools. Permissions included: each command refuses the other roles.
import { describe, expect, it } from "vitest";
import { setRole, updateSettings } from "@/lib/admin";
import { listAudit } from "@/lib/audit";
import { flagComment } from "@/lib/comments";
import { dismissFlags, hideComment, hidePetition, listHiddenComments, listModerationLog, listModerationQueue, restoreComment } from "@/lib/moderation";
import { organizerTools } from "@/lib/petitions/organizer-tools";
import { listNamedSignedPetitions } from "@/lib/petitions/signed";
import { createProgram, getProgram, listPrograms, programStatusNow } from "@/lib/programs";
import { changeProgramStatus, dueInWords, listResponses, listResponsesOwed, markCommitmentKept, markCommitmentMissed, markMissedCommitments, postResponse } from "@/lib/responses";
import { signPetition } from "@/lib/signatures";
import { listTimeline } from "@/lib/timeline/queries";
import { makeUser, openPetitionFor, programInput, testDatabase } from "./db";
import { signAnonymouslyNow } from "./anon";

const { db } = testDatabase();
const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

describe("moderation queue", async () => {
  const moderator = await makeUser(db, { role: "moderator" });
  const employee = await makeUser(db);
  const admin = await makeUser(db, { role: "admin" });
  const leader = await makeUser(db, { role: "leadership" });
  const organizer = await makeUser(db);
  const petition = await openPetitionFor(db, organizer);
  const today = isoDay(new Date());
  const parent = await db.anonComment.create({ data: { petitionId: petition.id, body: "The parent comment", day: today } });
  const flagged = await db.anonComment.create({ data: { petitionId: petition.id, parentId: parent.id, body: "The flagged reply", day: today } });
  const sibling = await db.anonComment.create({ data: { petitionId: petition.id, parentId: parent.id, body: "Another reply", day: today } });
  const other = await db.anonComment.create({ data: { petitionId: petition.id, body: "Only flagged as other", day: today } });
  await flagComment(db, employee, flagged.id, { reason: "Identifies a person" });
  await flagComment(db, admin, flagged.id, { reason: "Identifies a person" });
  await flagComment(db, leader, flagged.id, { reason: "Spam or off topic" });
  await flagComment(db, employee, other.id, { reason: "Other" });

  it("shows each flag with its thread and the flag's own reason as the suggested rule", async () => {
    const queue = await listModerationQueue(db, moderator);
    const item = queue.find((q) => q.id === flagged.id)!;
    expect(item.flags).toBe(3);
    expect(item.reasons).toEqual([{ reason: "Identifies a person", count: 2 }, { reason: "Spam or off topic", count: 1 }]);
    expect(item.suggestedCode).toBe("identifies");
    expect(item.parent?.bodyHtml).toContain("The parent comment");
    expect(item.neighbours.map((n) => n.id)).toEqual([sibling.id]);
    // "Other" names no rule, so none is suggested (the form then preselects nothing).
    expect(queue.find((q) => q.id === other.id)!.suggestedCode).toBeNull();
    expect(queue[0]!.id).toBe(flagged.id);
  });

  it("only moderators see the queue, dismiss flags or undo a hide", async () => {
    for (const who of [employee, admin, leader]) {
      await expect(listModerationQueue(db, who)).rejects.toMatchObject({ status: 403 });
      await expect(dismissFlags(db, who, other.id)).rejects.toMatchObject({ status: 403 });
      await expect(restoreComment(db, who, other.id, { reasonText: "Not a breach after all." })).rejects.toMatchObject({ status: 403 });
      await expect(hideComment(db, who, other.id, { reasonCode: "spam", reasonText: "Off topic here." })).rejects.toMatchObject({ status: 403 });
    }
    await expect(dismissFlags(db, null, other.id)).rejects.toMatchObject({ status: 401 });
    expect(await db.commentFlag.count({ where: { commentId: other.id } })).toBe(1);
  });

  it("dismissing removes the comment from the queue, keeps it visible and is audited", async () => {
    expect(await dismissFlags(db, moderator, other.id)).toEqual({ dismissed: 1, petition: { slug: petition.slug }, program: null });
    expect((await listModerationQueue(db, moderator)).map((q) => q.id)).not.toContain(other.id);
    expect((await db.anonComment.findUniqueOrThrow({ where: { id: other.id } })).hiddenReason).toBeNull();
    await expect(dismissFlags(db, moderator, other.id)).rejects.toMatchObject({ status: 409 });
    await expect(dismissFlags(db, moderator, "no-such-comment")).rejects.toMatchObject({ status: 404 });
    const audit = await listAudit(db, admin);
    expect(audit.items.find((a) => a.action === "moderation.dismiss")!.text).toMatch(/dismissed 1 flag on a comment that breaks no rule/);
  });

  it("a hide can be undone, with the undo in the public log and the comment visible again", async () => {
    await hideComment(db, moderator, flagged.id, { reasonCode: "identifies", reasonText: "Names a colleague." });
    expect((await listHiddenComments(db, moderator)).map((c) => c.id)).toContain(flagged.id);
    await expect(restoreComment(db, moderator, flagged.id, { reasonText: "x" })).rejects.toMatchObject({ status: 400 });
    await restoreComment(db, moderator, flagged.id, { reasonText: "The name was the author's own." });
    const c = await db.anonComment.findUniqueOrThrow({ where: { id: flagged.id } });
    expect(c.hiddenReason).toBeNull();
    expect(c.hiddenDay).toBeNull();
    // The flags were answered: the comment does not come back to the queue.
    expect((await listModerationQueue(db, moderator)).map((q) => q.id)).not.toContain(flagged.id);
    const log = await listModerationLog(db);
    expect(log.items[0]).toMatchObject({ action: "restore", targetType: "comment", explanation: "The name was the author's own.", role: "moderator" });
    expect(log.items[1]).toMatchObject({ action: "hide", targetType: "comment" });
    await expect(restoreComment(db, moderator, flagged.id, { reasonText: "Again, please." })).rejects.toMatchObject({ status: 409 });
  });
});

describe("leadership inbox, status changes and missed commitments", async () => {
  const leader = await makeUser(db, { role: "leadership", name: "Lee Leader" });
  const moderator = await makeUser(db, { role: "moderator" });
  const admin = await makeUser(db, { role: "admin" });
  const organizer = await makeUser(db);
  const now = new Date("2026-12-01T12:00:00.000Z");
  const overdue = await openPetitionFor(db, organizer, { title: "Overdue petition wants an answer" });
  await db.petition.update({ where: { id: overdue.id }, data: { thresholdReachedAt: new Date(now.getTime() - 20 * DAY), responseDueAt: new Date(now.getTime() - 3 * DAY) } });
  const dueSoon = await openPetitionFor(db, organizer, { title: "Due soon petition wants an answer" });
  await db.petition.update({ where: { id: dueSoon.id }, data: { thresholdReachedAt: now, responseDueAt: new Date(now.getTime() + 5 * DAY) } });
  const below = await openPetitionFor(db, organizer, { title: "Below the threshold petition" });

  it("lists petitions past the threshold without a response, with due dates and overdue days in words", async () => {
    const owed = await listResponsesOwed(db, leader, now);
    expect(owed.petitions.map((p) => p.id)).toEqual([overdue.id, dueSoon.id]);
    expect(owed.petitions[0]).toMatchObject({ overdueDays: 3, words: "3 days overdue" });
    expect(owed.petitions[1]).toMatchObject({ overdueDays: 0, words: "due in 5 days" });
    expect(owed.petitions.map((p) => p.id)).not.toContain(below.id);
    for (const who of [moderator, admin, organizer]) await expect(listResponsesOwed(db, who, now)).rejects.toMatchObject({ status: 403 });
  });

  it("a response takes the petition off the list; its commitments join it", async () => {
    await postResponse(db, leader, { target: { petitionId: overdue.id }, body: "We hear you and will act.", commitments: [{ text: "Publish the numbers", ownerRole: "HR", dueOn: "2026-12-11" }] }, { now });
    const owed = await listResponsesOwed(db, leader, now);
    expect(owed.petitions.map((p) => p.id)).toEqual([dueSoon.id]);
    expect(owed.commitments).toHaveLength(1);
    expect(owed.commitments[0]).toMatchObject({ text: "Publish the numbers", words: "due in 10 days", on: { href: `/petitions/${overdue.slug}` } });
  });

  it("marks a commitment missed with a public reason, distinct from kept, on the timeline", async () => {
    const [c] = (await listResponses(db, { petitionId: overdue.id }, now))[0]!.commitments;
    for (const who of [moderator, admin, organizer]) {
      await expect(markCommitmentMissed(db, who, c!.id, { reason: "Budget was cut." }, { now })).rejects.toMatchObject({ status: 403 });
    }
    await expect(markCommitmentMissed(db, leader, c!.id, { reason: "no" }, { now })).rejects.toMatchObject({ status: 400 });
    await markCommitmentMissed(db, leader, c!.id, { reason: "The budget for it was cut." }, { now });
    const after = (await listResponses(db, { petitionId: overdue.id }, now))[0]!.commitments[0]!;
    expect(after).toMatchObject({ status: "missed", note: "The budget for it was cut." });
    await expect(markCommitmentKept(db, leader, c!.id, { note: "Kept after all." }, { now })).rejects.toMatchObject({ status: 409 });
    await expect(markCommitmentMissed(db, leader, c!.id, { reason: "Again with a reason." }, { now })).rejects.toMatchObject({ status: 409 });
    const timeline = await listTimeline(db, { petitionId: overdue.id });
    expect(timeline.items.find((e) => e.kind === "commitment_missed")!.summary).toBe("Commitment missed: Publish the numbers. The budget for it was cut.");
    expect((await listResponsesOwed(db, leader, now)).commitments).toHaveLength(0);
  });

  it("a miss the scheduler recorded can be explained once, and then leaves the inbox", async () => {
    await postResponse(db, leader, { target: { petitionId: dueSoon.id }, body: "A response with a promise.", commitments: [{ text: "Hire two people", ownerRole: "HR", dueOn: "2026-12-02" }] }, { now });
    const later = new Date(now.getTime() + 3 * DAY);
    expect(await markMissedCommitments(db, { now: later })).toBe(1);
    const owed = await listResponsesOwed(db, leader, later);
    // Due at the end of 2 December; on 4 December it is two days overdue.
    expect(owed.commitments[0]).toMatchObject({ text: "Hire two people", words: "2 days overdue", overdueDays: 2 });
    await markCommitmentMissed(db, leader, owed.commitments[0]!.id, { reason: "Hiring froze in December." }, { now: later });
    expect((await listResponsesOwed(db, leader, later)).commitments).toHaveLength(0);
  });

  it("changes a program's status without a response: recorded, public reason, on the timeline", async () => {
    await createProgram(db, admin, programInput("badge-scans"), { now: new Date(now.getTime() - DAY) });
    await expect(changeProgramStatus(db, moderator, "badge-scans", { status: "paused", reason: "Paused for review." })).rejects.toMatchObject({ status: 403 });
    await expect(changeProgramStatus(db, admin, "badge-scans", { status: "paused", reason: "Paused for review." })).rejects.toMatchObject({ status: 403 });
    await expect(changeProgramStatus(db, null, "badge-scans", { status: "paused", reason: "Paused for review." })).rejects.toMatchObject({ status: 401 });
    await expect(changeProgramStatus(db, leader, "badge-scans", { status: "paused", reason: "no" })).rejects.toMatchObject({ status: 400 });
    await expect(changeProgramStatus(db, leader, "badge-scans", { status: "active", reason: "Stays as it is." })).rejects.toMatchObject({ status: 400 });
    await expect(changeProgramStatus(db, leader, "no-such-program", { status: "paused", reason: "Paused for review." })).rejects.toMatchObject({ status: 404 });
    await changeProgramStatus(db, leader, "badge-scans", { status: "paused", reason: "Paused while the works council reviews it." }, { now });
    const program = await getProgram(db, "badge-scans", now);
    expect(program.status).toBe("paused");
    expect(program.statusHistory.at(-1)).toMatchObject({ from: "active", to: "paused", reason: "Paused while the works council reviews it." });
    const timeline = await listTimeline(db, { programId: program.id });
    expect(timeline.items.find((e) => e.kind === "program_status_changed")!.summary).toBe("Program badge-scans: Active → Paused. Paused while the works council reviews it.");
    expect(await db.response.count({ where: { programId: program.id } })).toBe(0);
  });

  it("says due dates in words", () => {
    const at = new Date("2026-12-01T10:00:00.000Z");
    expect(dueInWords(new Date("2026-12-01T23:59:59.000Z"), at).words).toBe("due today");
    expect(dueInWords(new Date("2026-12-02T23:59:59.000Z"), at).words).toBe("due in 1 day");
    expect(dueInWords(new Date("2026-11-29T23:59:59.000Z"), at)).toEqual({ overdueDays: 2, words: "2 days overdue" });
  });
});

describe("program status from its dates", async () => {
  const admin = await makeUser(db, { role: "admin" });
  const now = new Date();
  const soon = isoDay(new Date(now.getTime() + 30 * DAY));
  const past = isoDay(new Date(now.getTime() - 30 * DAY));
  const longAgo = isoDay(new Date(now.getTime() - 90 * DAY));
  await createProgram(db, admin, programInput("not-started-yet", { startedOn: soon }));
  await createProgram(db, admin, programInput("running-now", { startedOn: past }));
  await createProgram(db, admin, programInput("already-over", { startedOn: longAgo, endedOn: past }));

  it("shows Active only while the dates say it runs, on the page and in the list and its filter", async () => {
    expect((await getProgram(db, "not-started-yet")).statusNow).toBe("not_started");
    expect((await getProgram(db, "running-now")).statusNow).toBe("active");
    expect((await getProgram(db, "already-over")).statusNow).toBe("ended");
    const active = (await listPrograms(db, { status: "active" })).map((p) => p.slug);
    expect(active).toContain("running-now");
    expect(active).not.toContain("not-started-yet");
    expect(active).not.toContain("already-over");
    expect((await listPrograms(db, { status: "ended" })).map((p) => p.slug)).toContain("already-over");
  });

  it("derives every case in one function", () => {
    const d = (s: string) => new Date(`${s}T00:00:00.000Z`);
    const at = d("2026-12-01");
    expect(programStatusNow({ status: "active", startedOn: d("2026-12-02"), endedOn: null }, at)).toBe("not_started");
    expect(programStatusNow({ status: "active", startedOn: d("2026-12-01"), endedOn: null }, at)).toBe("active");
    expect(programStatusNow({ status: "active", startedOn: null, endedOn: d("2026-12-01") }, at)).toBe("ended");
    expect(programStatusNow({ status: "paused", startedOn: null, endedOn: d("2026-11-01") }, at)).toBe("ended");
    expect(programStatusNow({ status: "paused", startedOn: d("2027-01-01"), endedOn: null }, at)).toBe("paused");
    expect(programStatusNow({ status: "proposed", startedOn: d("2026-01-01"), endedOn: null }, at)).toBe("proposed");
    expect(programStatusNow({ status: "ended", startedOn: null, endedOn: null }, at)).toBe("ended");
  });
});

describe("admin: audit in words, last admin kept", async () => {
  const maya = await makeUser(db, { role: "admin", name: "Maya Chen" });
  const jonas = await makeUser(db, { name: "Jonas Berg" });
  const moderator = await makeUser(db, { role: "moderator" });
  const organizer = await makeUser(db);
  const petition = await openPetitionFor(db, organizer, { title: "A petition to hide" });

  it("reads as sentences with names and titles, no JSON or ids", async () => {
    await setRole(db, maya, { userId: jonas.id, role: "moderator" });
    await updateSettings(db, maya, { coSponsorsNeeded: "3" });
    await hidePetition(db, moderator, petition.id, { reasonCode: "spam", reasonText: "Posted three times." });
    const items = (await listAudit(db, maya)).items;
    const texts = items.map((a) => a.text);
    expect(texts).toContain("Maya Chen changed Jonas Berg's role from Employee to Moderator.");
    expect(texts).toContain("Maya Chen changed “Co-sponsors needed to open a petition” from 2 to 3.");
    expect(texts.find((t) => t.includes("hid the petition"))).toMatch(/hid the petition “A petition to hide” for Spam or off topic: Posted three times\./);
    for (const t of texts) {
      expect(t).not.toMatch(/[{}]/);
      for (const id of [maya.id, jonas.id, petition.id]) expect(t).not.toContain(id);
    }
  });

  it("refuses to demote the last admin, in words", async () => {
    // The other describes' admins step down, so Maya is the only one left.
    await db.user.updateMany({ where: { role: "admin", id: { not: maya.id } }, data: { role: "employee" } });
    await expect(setRole(db, maya, { userId: maya.id, role: "employee" })).rejects.toMatchObject({ status: 409, message: "This is the last admin; make someone else an admin first." });
    expect((await db.user.findUniqueOrThrow({ where: { id: maya.id } })).role).toBe("admin");
  });
});

describe("petitions I signed and the organizer's tools", async () => {
  const organizer = await makeUser(db);
  const signer = await makeUser(db);
  const named = await openPetitionFor(db, organizer, { title: "Signed by name here" });
  const anonymous = await openPetitionFor(db, organizer, { title: "Signed anonymously here" });
  await signPetition(db, signer, named.id, { visibility: "named" });
  await signAnonymouslyNow(db, signer, anonymous.id);

  it("lists only the named signatures; anonymous ones are never looked up", async () => {
    const signed = await listNamedSignedPetitions(db, signer);
    expect(signed.map((p) => p.id)).toEqual([named.id]);
    expect(signed[0]).toMatchObject({ title: "Signed by name here", coSponsor: false });
    await expect(listNamedSignedPetitions(db, null)).rejects.toMatchObject({ status: 401 });
  });

  it("offers close and deliver exactly when the policy allows, and only to organizers", async () => {
    expect(await organizerTools(db, organizer, named.id)).toEqual({ close: true, deliver: true, update: true });
    await expect(organizerTools(db, signer, named.id)).rejects.toMatchObject({ status: 403 });
    await db.petition.update({ where: { id: named.id }, data: { state: "closed", closedAt: new Date(), deliveredAt: new Date() } });
    expect(await organizerTools(db, organizer, named.id)).toEqual({ close: false, deliver: false, update: true });
  });
});
