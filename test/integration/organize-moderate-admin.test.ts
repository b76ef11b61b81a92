import { describe, expect, it } from "vitest";
import { listUsers, setRole, updateSettings } from "@/lib/admin";
import { listAudit } from "@/lib/audit";
import { exportAggregatesCsv, exportNamedSignaturesCsv, getDashboard } from "@/lib/dashboard";
import { decideAppeal, fileAppeal, hidePetition, listModerationLog } from "@/lib/moderation";
import { answerInvite, inviteCoOrganizer } from "@/lib/petitions/commands";
import { getSettings } from "@/lib/settings";
import { signPetition } from "@/lib/signatures";
import { listNotifications } from "@/lib/notifications";
import { makeUser, openPetitionFor, testDatabase } from "./db";
import { signAnonymouslyNow } from "./anon";

const { db } = testDatabase();
const DAY = 86_400_000;

describe("organizer dashboard", async () => {
  const organizer = await makeUser(db, { department: "Support", location: "Lisbon" });
  const petition = await openPetitionFor(db, organizer, { goal: 100 });
  const now = new Date();
  const yesterday = new Date(now.getTime() - DAY);
  // It opened three days ago (the co-sponsors, from Engineering, signed today).
  await db.petition.update({ where: { id: petition.id }, data: { openedAt: new Date(now.getTime() - 3 * DAY) } });
  // All before today: Engineering 7, Sales 5, Legal 2 and Operations 4 named; Operations 4 and
  // Finance 1 anonymous. Then 3 more named today (plus the two co-sponsors).
  const plan: [string, string, number, "named" | "anonymous"][] = [
    ["Engineering", "Berlin", 7, "named"],
    ["Sales", "Lisbon", 5, "named"],
    ["Legal", "Berlin", 2, "named"],
    ["Operations", "Dublin", 4, "named"],
    ["Operations", "Dublin", 4, "anonymous"],
    ["Finance", "Remote", 1, "anonymous"],
  ];
  for (const [department, location, n, visibility] of plan) {
    for (let i = 0; i < n; i++) {
      const u = await makeUser(db, { department, location, name: i === 0 && department === "Legal" ? "=HYPERLINK(\"http://evil\")" : undefined });
      if (visibility === "named") await signPetition(db, u, petition.id, { visibility }, { now: yesterday });
      else await signAnonymouslyNow(db, u, petition.id, yesterday);
    }
  }
  for (let i = 0; i < 3; i++) await signPetition(db, await makeUser(db, { department: "Legal" }), petition.id, { visibility: "named" }, { now });

  it("matches the database: complete days, named per hour, named-only k-anonymous breakdowns as of today", async () => {
    const d = await getDashboard(db, organizer, petition.id, { now });
    // Anonymous signatures are rows of their own, with no account (decision 018).
    const named = await db.signature.count({ where: { petitionId: petition.id, visibility: "named" } });
    const total = named + (await db.anonSignature.count({ where: { petitionId: petition.id } }));
    expect(d.petition.signatureCount).toBe(total);
    expect([d.namedCount, d.anonymousCount]).toEqual([named, total - named]);
    // Per day: every signature, complete days only (today's 5 appear tomorrow).
    expect(d.daily.map((x) => x.count)).toEqual([0, 0, 23]);
    expect(d.daily.at(-1)!.cumulative).toBe(total - 5);
    expect(d.recentRatePerDay).toBe(Math.round((23 / 7) * 10) / 10);
    // Per hour: named signatures only.
    expect(d.hourly.reduce((a, x) => a + x.count, 0)).toBe(named);
    // Named before today: Engineering 7, Sales 5, Operations 4, Legal 2. Operations and Legal go
    // to "other" (6). The 4 anonymous in Operations are in no cell: aggregate minus export is 0.
    expect(d.byDepartment).toEqual({ groups: [{ name: "Engineering", count: 7 }, { name: "Sales", count: 5 }], other: 6, total: 18, suppressed: false });
    // Dublin (4) alone would be exposed, so Lisbon (5) is folded with it.
    expect(d.byLocation).toEqual({ groups: [{ name: "Berlin", count: 9 }], other: 9, total: 18, suppressed: false });
  });

  it("lets only organizers see a public petition's dashboard (403 for others, including leadership and admins)", async () => {
    for (const role of ["employee", "leadership", "moderator", "admin"] as const) {
      await expect(getDashboard(db, await makeUser(db, { role }), petition.id)).rejects.toMatchObject({ status: 403 });
    }
    await expect(getDashboard(db, null, petition.id)).rejects.toMatchObject({ status: 401 });
    const co = await makeUser(db, { email: "co.organizer@example.com" });
    await inviteCoOrganizer(db, organizer, petition.id, { email: "co.organizer@example.com" }, { secrets: ["organize-test-secret-0123456789"] });
    await expect(getDashboard(db, co, petition.id)).rejects.toMatchObject({ status: 403 });
    await answerInvite(db, co, petition.id, true);
    await expect(getDashboard(db, co, petition.id)).resolves.toBeDefined();
  });

  it("exports named signatures only, with formulas defused, and aggregates as shown", async () => {
    const csv = await exportNamedSignaturesCsv(db, organizer, petition.id);
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe('"name","department","signed_on"');
    const named = await db.signature.count({ where: { petitionId: petition.id, visibility: "named" } });
    expect(lines).toHaveLength(named + 1);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).not.toContain("Finance");
    expect(csv.match(/"Operations"/g)).toHaveLength(4);
    const aggregates = await exportAggregatesCsv(db, organizer, petition.id, { now });
    expect(aggregates).toContain('"named_by_department","Engineering","7"');
    expect(aggregates).toContain('"named_by_department","Other (groups under 5)","6"');
    expect(aggregates).toContain('"anonymous","Total (counted, never broken down)","5"');
    expect(aggregates).not.toMatch(/"named_by_department","(Legal|Finance|Operations)"/);
    await expect(exportNamedSignaturesCsv(db, await makeUser(db), petition.id)).rejects.toMatchObject({ status: 403 });
  });
});

describe("moderation and appeals", async () => {
  const organizer = await makeUser(db);
  const moderator = await makeUser(db, { role: "moderator", name: "Mona Moderator" });
  const admin = await makeUser(db, { role: "admin" });
  const leader = await makeUser(db, { role: "leadership" });

  it("only moderators hide; the petition keeps its place with the reason and cannot be signed; organizers are told", async () => {
    const p = await openPetitionFor(db, organizer, { title: "A petition that gets moderated" });
    for (const who of [leader, admin, organizer]) {
      await expect(hidePetition(db, who, p.id, { reasonCode: "harassment", reasonText: "Insults a named colleague" })).rejects.toMatchObject({ status: 403 });
    }
    await expect(hidePetition(db, moderator, p.id, { reasonCode: "nope", reasonText: "Insults a named colleague" })).rejects.toMatchObject({ status: 400 });
    await hidePetition(db, moderator, p.id, { reasonCode: "harassment", reasonText: "Insults a named colleague" });
    await expect(hidePetition(db, moderator, p.id, { reasonCode: "harassment", reasonText: "Insults a named colleague" })).rejects.toMatchObject({ status: 409 });
    const row = await db.petition.findUniqueOrThrow({ where: { id: p.id } });
    expect(row.hiddenReason).toBe("Harassment or insults: Insults a named colleague");
    await expect(signPetition(db, await makeUser(db), p.id, { visibility: "named" })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/hid this petition/) });
    const notes = await listNotifications(db, organizer);
    expect(notes[0]!.event.summary).toMatch(/Hidden by a moderator/);
    const log = await listModerationLog(db);
    const entry = log.items.find((e) => e.what === "A petition that gets moderated")!;
    expect(entry).toMatchObject({ action: "hide", reason: "Harassment or insults", explanation: "Insults a named colleague", role: "moderator" });
    expect(JSON.stringify(log)).not.toContain("Mona");
  });

  it("organizers appeal once; an admin decides; overturning restores, and everything is logged", async () => {
    const p = await openPetitionFor(db, organizer, { title: "A petition that is appealed" });
    await expect(fileAppeal(db, organizer, p.id, { text: "Nothing here breaks the rules." })).rejects.toMatchObject({ status: 409 });
    await hidePetition(db, moderator, p.id, { reasonCode: "spam", reasonText: "Duplicate of another petition" });
    await expect(fileAppeal(db, await makeUser(db), p.id, { text: "Nothing here breaks the rules." })).rejects.toMatchObject({ status: 403 });
    await expect(fileAppeal(db, organizer, p.id, { text: "short" })).rejects.toMatchObject({ status: 400 });
    const appeal = await fileAppeal(db, organizer, p.id, { text: "It is not a duplicate: the other one is about badges." });
    await expect(fileAppeal(db, organizer, p.id, { text: "Trying a second time, please." })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/appealed once/) });
    await expect(decideAppeal(db, moderator, appeal.id, { outcome: "overturned", note: "Not a duplicate." })).rejects.toMatchObject({ status: 403 });
    await expect(decideAppeal(db, admin, appeal.id, { outcome: "maybe", note: "Not a duplicate." })).rejects.toMatchObject({ status: 400 });
    await decideAppeal(db, admin, appeal.id, { outcome: "overturned", note: "Not a duplicate; restored." });
    await expect(decideAppeal(db, admin, appeal.id, { outcome: "upheld", note: "Changed my mind." })).rejects.toMatchObject({ status: 409 });
    expect((await db.petition.findUniqueOrThrow({ where: { id: p.id } })).hiddenReason).toBeNull();
    const log = (await listModerationLog(db)).items.filter((e) => e.what === "A petition that is appealed");
    expect(log.map((e) => [e.action, e.role])).toEqual([["restore", "admin"], ["hide", "moderator"]]);
    expect(log[1]!.appeal).toEqual({ status: "overturned", decision: "Not a duplicate; restored." });
    const audit = await listAudit(db, admin);
    expect(audit.items.map((a) => a.action)).toEqual(expect.arrayContaining(["moderation.hide", "appeal.decide"]));
  });

  it("an upheld appeal keeps the petition hidden", async () => {
    const p = await openPetitionFor(db, organizer, { title: "A petition that stays hidden" });
    await hidePetition(db, moderator, p.id, { reasonCode: "confidential", reasonText: "Quotes a confidential memo" });
    const appeal = await fileAppeal(db, organizer, p.id, { text: "The memo was already public." });
    await decideAppeal(db, admin, appeal.id, { outcome: "upheld", note: "The memo is still confidential." });
    expect((await db.petition.findUniqueOrThrow({ where: { id: p.id } })).hiddenReason).toMatch(/Confidential information/);
  });
});

describe("administration", async () => {
  const admin = await makeUser(db, { role: "admin" });

  it("finds accounts by any part of the name or email, whatever the case, on either database", async () => {
    const zelda = await makeUser(db, { name: "Zelda Quintero-Haas", email: "zq.7@example.com" });
    for (const q of ["quintero", "QUINTERO", "Zelda q", "ZQ.7@EXAMPLE"]) {
      expect((await listUsers(db, admin, { q })).map((u) => u.id), q).toContain(zelda.id);
    }
    expect((await listUsers(db, admin, { q: "quinterox" })).map((u) => u.id)).not.toContain(zelda.id);
    await expect(listUsers(db, zelda, { q: "z" })).rejects.toMatchObject({ status: 403 });
  });

  it("only admins change roles; each change is audited; the last admin stays", async () => {
    const jonas = await makeUser(db);
    for (const role of ["employee", "leadership", "moderator"] as const) {
      await expect(setRole(db, await makeUser(db, { role }), { userId: jonas.id, role: "moderator" })).rejects.toMatchObject({ status: 403 });
    }
    await expect(setRole(db, admin, { userId: jonas.id, role: "overlord" })).rejects.toMatchObject({ status: 400 });
    await setRole(db, admin, { userId: jonas.id, role: "moderator" });
    await expect(setRole(db, admin, { userId: jonas.id, role: "moderator" })).rejects.toMatchObject({ status: 409 });
    expect((await db.user.findUniqueOrThrow({ where: { id: jonas.id } })).role).toBe("moderator");
    const entry = (await listAudit(db, admin)).items.find((a) => a.action === "role.change" && a.target === jonas.id)!;
    expect(entry.details).toMatchObject({ from: "employee", to: "moderator" });
    // Admins may be demoted while another admin remains; the last one may not.
    const others = await db.user.findMany({ where: { role: "admin", id: { not: admin.id } } });
    for (const o of others) await setRole(db, admin, { userId: o.id, role: "employee" });
    await expect(setRole(db, admin, { userId: admin.id, role: "employee" })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/last admin/) });
    await expect(listAudit(db, jonas)).rejects.toMatchObject({ status: 403 });
  });

  it("validates settings with clear messages and audits each change", async () => {
    const employee = await makeUser(db);
    await expect(updateSettings(db, employee, { anonymityK: "7" })).rejects.toMatchObject({ status: 403 });
    await expect(updateSettings(db, admin, { anonymityK: "1" })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/smallest group shown \(k\) must be at least 2/i) });
    await expect(updateSettings(db, admin, { responseThreshold: "lots" })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/must be a number/) });
    await expect(updateSettings(db, admin, { closingDaysMin: "100", closingDaysDefault: "60" })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/shortest ≤ default ≤ longest/) });
    const result = await updateSettings(db, admin, { anonymityK: "7", responseThreshold: "500" });
    expect(result.changed).toEqual(["anonymityK"]);
    expect((await getSettings(db)).anonymityK).toBe(7);
    const entry = (await listAudit(db, admin)).items.find((a) => a.action === "setting.change")!;
    expect(entry).toMatchObject({ target: "anonymityK", details: { from: 5, to: 7 } });
  });
});
