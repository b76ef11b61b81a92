import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";
import { parseServerEnv } from "@/lib/config";
import { follow, unfollow } from "@/lib/follows";
import { createMailer, sendPendingEmails } from "@/lib/mail";
import { listNotifications, markAllRead, setEmailMode, unreadCount, unsubscribe, unsubscribeToken, unsubscribeTokenUser } from "@/lib/notifications";
import { createProgram, getProgram } from "@/lib/programs";
import { editResponse, listResponses, markCommitmentKept, markMissedCommitments, postOrganizerUpdate, postResponse } from "@/lib/responses";
import { signPetition } from "@/lib/signatures";
import { listTimeline, timelineAtom } from "@/lib/timeline/queries";
import { startSmtpCapture } from "../e2e/support/smtp-capture";
import { makeUser, openPetitionFor, programInput, testDatabase } from "./db";

const { db } = testDatabase();
const DAY = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

describe("leadership responses", async () => {
  const leader = await makeUser(db, { role: "leadership", name: "Lee Leader" });
  const admin = await makeUser(db, { role: "admin" });
  const organizer = await makeUser(db);
  const petition = await openPetitionFor(db, organizer);

  it("only leadership can respond, and the response marks the petition responded", async () => {
    for (const role of ["employee", "moderator", "admin"] as const) {
      const who = await makeUser(db, { role });
      await expect(postResponse(db, who, { target: { petitionId: petition.id }, body: "We hear you and will act." })).rejects.toMatchObject({ status: 403 });
    }
    await expect(postResponse(db, null, { target: { petitionId: petition.id }, body: "We hear you and will act." })).rejects.toMatchObject({ status: 401 });
    await expect(postResponse(db, leader, { target: { petitionId: petition.id }, body: "short" })).rejects.toMatchObject({ status: 400 });
    await expect(postResponse(db, leader, { target: { petitionId: "nope" }, body: "We hear you and will act." })).rejects.toMatchObject({ status: 404 });
    await expect(postResponse(db, leader, { target: { petitionId: petition.id }, body: "We hear you and will act.", setStatus: "paused", statusReason: "because" })).rejects.toMatchObject({ status: 400 });
    const r = await postResponse(db, leader, { target: { petitionId: petition.id }, body: "We hear you and **will act**." });
    const after = await db.petition.findUniqueOrThrow({ where: { id: petition.id } });
    expect(after.respondedAt).not.toBeNull();
    const [view] = await listResponses(db, { petitionId: petition.id });
    expect(view).toMatchObject({ id: r.id, author: { name: "Lee Leader", role: "Leadership" }, editedAt: null });
    expect(view!.bodyHtml).toContain("<strong>will act</strong>");
  });

  it("a response to a program can change its status, with the reason in the history and on the timeline", async () => {
    await createProgram(db, admin, programInput("resp-prog"));
    await expect(
      postResponse(db, leader, { target: { programSlug: "resp-prog" }, body: "We are pausing this program.", setStatus: "paused" }),
    ).rejects.toMatchObject({ status: 400, fields: { statusReason: expect.any(String) } });
    await expect(
      postResponse(db, leader, { target: { programSlug: "resp-prog" }, body: "We keep this program.", setStatus: "active", statusReason: "No change at all" }),
    ).rejects.toMatchObject({ status: 400 });
    await postResponse(db, leader, { target: { programSlug: "resp-prog" }, body: "We are pausing this program.", setStatus: "paused", statusReason: "Paused during the access review." });
    const program = await getProgram(db, "resp-prog");
    expect(program.status).toBe("paused");
    expect(program.statusHistory.at(-1)).toMatchObject({ from: "active", to: "paused", reason: "Paused during the access review." });
    const kinds = (await listTimeline(db, { program: "resp-prog" })).items.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["response_posted", "program_status_changed"]));
  });

  it("corrections keep the earlier text and say the response was edited", async () => {
    const r = await postResponse(db, leader, { target: { petitionId: petition.id }, body: "First text of the answer." });
    const employee = await makeUser(db);
    await expect(editResponse(db, employee, r.id, { body: "Rewritten by someone else." })).rejects.toMatchObject({ status: 403 });
    await expect(editResponse(db, leader, r.id, { body: "First text of the answer." })).rejects.toMatchObject({ status: 400 });
    const at = new Date(Date.now() + 1000);
    await editResponse(db, leader, r.id, { body: "Corrected text of the answer." }, { now: at });
    const view = (await listResponses(db, { petitionId: petition.id })).find((x) => x.id === r.id)!;
    expect(view.editedAt).toBe(at.toISOString());
    expect(view.revisions).toHaveLength(1);
    expect(view.revisions[0]!.bodyHtml).toContain("First text of the answer.");
    expect((await listTimeline(db, { petition: petition.id, kind: "response_edited" })).items).toHaveLength(1);
  });

  it("who may correct whose response: the author or any other leader, each correction recorded with its editor; nobody else", async () => {
    const author = await makeUser(db, { role: "leadership", name: "Author Leader" });
    const colleague = await makeUser(db, { role: "leadership", name: "Colleague Leader" });
    const r = await postResponse(db, author, { target: { petitionId: petition.id }, body: "The answer as first written." });
    // Moderators, admins and employees may not, and neither may the author once out of leadership.
    for (const role of ["employee", "moderator", "admin"] as const) {
      await expect(editResponse(db, await makeUser(db, { role }), r.id, { body: "Words put in leadership's mouth." })).rejects.toMatchObject({ status: 403 });
    }
    const t1 = new Date(Date.now() + 1000);
    const t2 = new Date(Date.now() + 2000);
    await editResponse(db, author, r.id, { body: "The answer, corrected by its author." }, { now: t1 });
    await editResponse(db, colleague, r.id, { body: "The answer, corrected by a colleague." }, { now: t2 });
    const rows = await db.responseRevision.findMany({ where: { responseId: r.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((v) => [v.body, v.editorId, v.editorRole])).toEqual([
      ["The answer as first written.", author.id, "leadership"],
      ["The answer, corrected by its author.", colleague.id, "leadership"],
    ]);
    const view = (await listResponses(db, { petitionId: petition.id })).find((x) => x.id === r.id)!;
    expect(view.author).toEqual({ name: "Author Leader", role: "Leadership", roleKey: "leadership" });
    expect(view.editedBy).toEqual({ name: "Colleague Leader", role: "Leadership", roleKey: "leadership" });
    expect(view.revisions.map((v) => v.correctedBy)).toEqual([
      { name: "Author Leader", role: "Leadership", roleKey: "leadership" },
      { name: "Colleague Leader", role: "Leadership", roleKey: "leadership" },
    ]);
    const events = (await listTimeline(db, { petition: petition.id, kind: "response_edited" })).items.map((e) => e.summary);
    expect(events).toContain(`Leadership corrected Author Leader's response to “${petition.title}” (corrected by Colleague Leader)`);
    expect(events).toContain(`Leadership corrected its response to “${petition.title}” (Author Leader)`);
    // A former leader can no longer correct even their own response.
    await db.user.update({ where: { id: author.id }, data: { role: "employee" } });
    await expect(editResponse(db, { ...author, role: "employee" }, r.id, { body: "A late change by a former leader." })).rejects.toMatchObject({ status: 403 });
  });

  it("commitments become kept with a note, or missed when their date passes (controlled clock)", async () => {
    const now = new Date();
    const r = await postResponse(db, leader, {
      target: { petitionId: petition.id },
      body: "Here is what we will do.",
      commitments: [
        { text: "Publish the access list", ownerRole: "CISO", dueOn: day(new Date(now.getTime() + 5 * DAY)) },
        { text: "Delete collected keystrokes", ownerRole: "CTO", dueOn: day(new Date(now.getTime() + 2 * DAY)) },
      ],
    });
    await expect(
      postResponse(db, leader, { target: { petitionId: petition.id }, body: "A promise in the past.", commitments: [{ text: "Already late", ownerRole: "CTO", dueOn: "2020-01-01" }] }),
    ).rejects.toMatchObject({ status: 400 });
    const [publish, remove] = await db.commitment.findMany({ where: { responseId: r.id }, orderBy: { dueAt: "desc" } });
    await expect(markCommitmentKept(db, organizer, publish!.id, { note: "Done and published." })).rejects.toMatchObject({ status: 403 });
    await markCommitmentKept(db, leader, publish!.id, { note: "Published on the intranet." });
    await expect(markCommitmentKept(db, leader, publish!.id, { note: "Again and again." })).rejects.toMatchObject({ status: 409 });

    const later = new Date(now.getTime() + 3 * DAY);
    // Before the sweep runs, the page already shows it as missed.
    const before = (await listResponses(db, { petitionId: petition.id }, later)).find((x) => x.id === r.id)!;
    expect(before.commitments.map((c) => [c.text, c.status])).toEqual([["Delete collected keystrokes", "missed"], ["Publish the access list", "kept"]]);
    expect(await markMissedCommitments(db, { now: later })).toBe(1);
    expect(await markMissedCommitments(db, { now: later })).toBe(0);
    expect((await db.commitment.findUniqueOrThrow({ where: { id: remove!.id } })).status).toBe("missed");
    await expect(markCommitmentKept(db, leader, remove!.id, { note: "Too late now." }, { now: later })).rejects.toMatchObject({ status: 409 });
    const kinds = (await listTimeline(db, { petition: petition.id })).items.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["commitment_made", "commitment_kept", "commitment_missed"]));
  });
});

describe("organizer updates, following and notifications", async () => {
  const organizer = await makeUser(db);
  const petition = await openPetitionFor(db, organizer);
  const signer = await makeUser(db);
  const quiet = await makeUser(db);

  it("named signing follows by default unless the signer says no; followers are notified of events", async () => {
    // Anonymous signing never follows (test/integration/signing-unlinked.test.ts).
    await signPetition(db, signer, petition.id, { visibility: "named" });
    await signPetition(db, quiet, petition.id, { visibility: "named", follow: false });
    const stranger = await makeUser(db);
    await expect(postOrganizerUpdate(db, stranger, petition.id, { body: "Not my petition to update." })).rejects.toMatchObject({ status: 403 });
    await postOrganizerUpdate(db, organizer, petition.id, { body: "Thank you all for signing so far." });
    expect(await unreadCount(db, signer)).toBe(1);
    expect(await unreadCount(db, quiet)).toBe(0);
    const [n] = await listNotifications(db, signer);
    expect(n!.event).toMatchObject({ kind: "organizer_update", href: `/petitions/${petition.slug}` });
    await markAllRead(db, signer);
    expect(await unreadCount(db, signer)).toBe(0);
    await unfollow(db, signer, { targetType: "petition", targetId: petition.id });
    await postOrganizerUpdate(db, organizer, petition.id, { body: "A second update for followers." });
    expect(await unreadCount(db, signer)).toBe(0);
    await follow(db, quiet, { targetType: "petition", targetId: petition.id });
    await expect(follow(db, quiet, { targetType: "petition", targetId: "missing" })).rejects.toMatchObject({ status: 404 });
    await expect(follow(db, quiet, { targetType: "planet", targetId: petition.id })).rejects.toMatchObject({ status: 400 });
  });

  it("sends email through a real SMTP server, right away or as a daily digest, with a working unsubscribe link", async () => {
    const smtp = await startSmtpCapture();
    afterAll(smtp.close);
    const { received, port } = smtp;
    const mailer = createMailer(parseServerEnv({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: "Undersigned <noreply@example.com>" }))!;
    const secret = "test-secret";
    const opts = { appUrl: "http://localhost:3100", secret };

    const instant = await makeUser(db, { email: "instant.reader@example.com" });
    const daily = await makeUser(db, { email: "daily.reader@example.com" });
    await setEmailMode(db, instant, { emailMode: "instant" });
    await setEmailMode(db, daily, { emailMode: "daily" });
    await expect(setEmailMode(db, daily, { emailMode: "hourly" })).rejects.toMatchObject({ status: 400 });
    for (const u of [instant, daily]) await follow(db, u, { targetType: "petition", targetId: petition.id });
    await postOrganizerUpdate(db, organizer, petition.id, { body: "News for everyone who follows." });

    expect(await sendPendingEmails(db, mailer, { ...opts, mode: "instant" })).toBe(1);
    expect(await sendPendingEmails(db, mailer, { ...opts, mode: "instant" })).toBe(0);
    const mail = received.find((m) => m.to.includes("instant.reader@example.com"))!;
    expect(mail.subject).toBe("Undersigned: Organizer update");
    expect(mail.text).toContain(`http://localhost:3100/petitions/${petition.slug}`);
    expect(mail.headerLines).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(mail.headerLines.find((h) => h.startsWith("List-Unsubscribe:"))).toMatch(/<http:\/\/localhost:3100\/api\/unsubscribe\?token=/);

    const now = new Date();
    expect(await sendPendingEmails(db, mailer, { ...opts, mode: "daily", now })).toBe(1);
    await postOrganizerUpdate(db, organizer, petition.id, { body: "More news the same day." });
    // One digest a day: the next waits until 20 hours have passed.
    expect(await sendPendingEmails(db, mailer, { ...opts, mode: "daily", now: new Date(now.getTime() + 3_600_000) })).toBe(0);
    expect(await sendPendingEmails(db, mailer, { ...opts, mode: "daily", now: new Date(now.getTime() + 21 * 3_600_000) })).toBe(1);
    expect(received.filter((m) => m.to.includes("daily.reader@example.com")).map((m) => m.subject)).toEqual([
      "Undersigned: 1 update on what you follow",
      "Undersigned: 1 update on what you follow",
    ]);

    // The link in the mail switches email off without signing in; a forged one does not.
    const link = /http:\/\/localhost:3100\/unsubscribe\?token=(\S+)/.exec(mail.text)![1]!;
    await expect(unsubscribe(db, link.slice(0, -2) + "xx", secret)).rejects.toMatchObject({ status: 400 });
    await expect(unsubscribe(db, unsubscribeToken(instant.id, "other-secret"), secret)).rejects.toMatchObject({ status: 400 });
    // Checking the link (what opening it does) names the account and changes nothing.
    expect(unsubscribeTokenUser(link, secret)).toBe(instant.id);
    expect(() => unsubscribeTokenUser(link.slice(0, -2) + "xx", secret)).toThrow(/not valid/);
    expect((await db.user.findUniqueOrThrow({ where: { id: instant.id } })).emailMode).toBe("instant");
    await unsubscribe(db, link, secret);
    expect((await db.user.findUniqueOrThrow({ where: { id: instant.id } })).emailMode).toBe("off");
    await postOrganizerUpdate(db, organizer, petition.id, { body: "Nobody should get this by mail." });
    expect(await sendPendingEmails(db, mailer, { ...opts, mode: "instant" })).toBe(0);
  });

  // Found by the route fuzzer (test/e2e/api-fuzz.spec.ts): a signature of the right length in
  // characters but not in bytes made the comparison throw, and the link answered 500.
  it("refuses an unsubscribe link whose signature has the right length in other characters", async () => {
    const secret = "test-secret";
    const person = await makeUser(db);
    const [id, mac] = unsubscribeToken(person.id, secret).split(".") as [string, string];
    for (const forged of ["é".repeat(32), "€".repeat(32), "\ud800".repeat(32), `${mac.slice(0, 31)}é`, "\u0000".repeat(32)]) {
      expect(forged.length).toBe(mac.length);
      await expect(unsubscribe(db, `${id}.${forged}`, secret)).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/not valid/) });
    }
    await unsubscribe(db, `${id}.${mac}`, secret);
  });
});

describe("the timeline", async () => {
  const organizer = await makeUser(db);
  const a = await openPetitionFor(db, organizer, { title: "Timeline petition number one" });
  const b = await openPetitionFor(db, organizer, { title: "Timeline petition <two> & more" });

  it("lists events newest first with filters and a cursor that neither repeats nor skips", async () => {
    for (let i = 0; i < 5; i++) await postOrganizerUpdate(db, organizer, a.id, { body: `Update number ${i} for signers.` });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTimeline(db, { petition: a.id, limit: 2, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(6); // opened + five updates
    expect((await listTimeline(db, { petition: b.slug })).items.map((e) => e.kind)).toEqual(["petition_opened"]);
    expect((await listTimeline(db, { petition: a.id, kind: "organizer_update" })).items).toHaveLength(5);
    await expect(listTimeline(db, { kind: "gossip" })).rejects.toMatchObject({ status: 400 });
    await expect(listTimeline(db, { cursor: "garbage" })).rejects.toMatchObject({ status: 400 });
  });

  it("renders a valid Atom 1.0 feed, escaping what people wrote", async () => {
    const page = await listTimeline(db, { limit: 50 });
    const xml = timelineAtom(page.items, "http://localhost:3100");
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(xml).feed;
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe("urn:undersigned:timeline");
    const entries = Array.isArray(feed.entry) ? feed.entry : [feed.entry];
    expect(entries.length).toBe(page.items.length);
    for (const e of entries) {
      expect(e.id).toMatch(/^urn:undersigned:event:/);
      expect(new Date(e.updated).toISOString()).toBe(e.updated);
    }
    expect(entries.some((e: { title: string }) => e.title.includes("Timeline petition <two> & more"))).toBe(true);
  });
});
