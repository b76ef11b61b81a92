import { describe, expect, it } from "vitest";
import { createProgram, getProgram, getProgramVersion, getProgramWithVersionList, listPrograms, policyDiff, updateProgram } from "@/lib/programs";
import { makeUser, testDatabase } from "./db";

const { db } = testDatabase();

const input = (overrides: Record<string, unknown> = {}) => ({
  name: "Flow Insights",
  owningTeam: "Productivity Analytics",
  purpose: "Learn how work gets done to train assistant models.",
  collects: "clicks, keystrokes\nscreen content",
  retention: "24 months",
  dataAccess: "Anyone with an internal account (under investigation)",
  consentModel: "mandatory",
  status: "active",
  policyText: "Flow Insights records clicks and keystrokes.",
  startedOn: "2026-09-01",
  ...overrides,
});

describe("the programs registry", () => {
  it("lets only admins add programs and records the first version and status", async () => {
    const admin = await makeUser(db, { role: "admin" });
    for (const role of ["employee", "leadership", "moderator"] as const) {
      const who = await makeUser(db, { role });
      await expect(createProgram(db, who, input())).rejects.toMatchObject({ status: 403 });
    }
    await expect(createProgram(db, null, input())).rejects.toMatchObject({ status: 401 });
    const p = await createProgram(db, admin, input());
    expect(p.slug).toBe("flow-insights");
    const detail = await getProgram(db, "flow-insights");
    expect(detail.collects).toEqual(["clicks", "keystrokes", "screen content"]);
    expect(detail.versions).toHaveLength(1);
    expect(detail.statusHistory).toEqual([expect.objectContaining({ from: null, to: "active" })]);
    await expect(createProgram(db, admin, input())).rejects.toMatchObject({ status: 409 });
  });

  it("validates every field with a message", async () => {
    const admin = await makeUser(db, { role: "admin" });
    const error = await createProgram(db, admin, input({ name: "", consentModel: "sometimes", status: "running", collects: "", slug: "Bad Slug!" })).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect(Object.keys((error as { fields: object }).fields).sort()).toEqual(["collects", "consentModel", "name", "slug", "status"]);
    for (const bad of ["2026-13-01", "2026-02-30", "yesterday"]) {
      await expect(createProgram(db, admin, input({ slug: "dates", startedOn: bad }))).rejects.toMatchObject({ status: 400, fields: { startedOn: expect.stringMatching(/real date/) } });
    }
  });

  it("keeps every policy version with a readable difference, and each status change with its reason", async () => {
    const admin = await makeUser(db, { role: "admin" });
    await createProgram(db, admin, input({ slug: "badge-tracking", name: "Badge tracking" }));
    await expect(updateProgram(db, admin, "badge-tracking", input({ name: "Badge tracking", status: "paused" }))).rejects.toMatchObject({
      status: 400,
      fields: { statusReason: expect.stringMatching(/Say why/) },
    });
    await updateProgram(db, admin, "badge-tracking", input({ name: "Badge tracking", policyText: "Flow Insights records clicks only.", versionNote: "Keystrokes dropped." }));
    await updateProgram(db, admin, "badge-tracking", input({ name: "Badge tracking", policyText: "Flow Insights records clicks only.", status: "paused", statusReason: "Paused while access is investigated." }));
    const detail = await getProgram(db, "badge-tracking");
    expect(detail.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(detail.versions[1]!.note).toBe("Keystrokes dropped.");
    expect(detail.versions[1]!.diff).toEqual(expect.arrayContaining([{ kind: "removed", text: "and keystrokes" }, { kind: "added", text: "only" }]));
    expect(detail.statusHistory.map((s) => [s.from, s.to, s.reason])).toEqual([
      [null, "active", "Registered."],
      ["active", "paused", "Paused while access is investigated."],
    ]);
    const employee = await makeUser(db);
    await expect(updateProgram(db, employee, "badge-tracking", input())).rejects.toMatchObject({ status: 403 });
    await expect(updateProgram(db, admin, "nope", input())).rejects.toMatchObject({ status: 404 });
    expect((await listPrograms(db, { status: "paused" })).map((p) => p.slug)).toEqual(["badge-tracking"]);
    await expect(listPrograms(db, { status: "asleep" })).rejects.toMatchObject({ status: 400 });
  });

  it("gives one version's changes with its neighbours, and the page's list of versions without their texts", async () => {
    const admin = await makeUser(db, { role: "admin" });
    await createProgram(db, admin, input({ slug: "screen-capture", name: "Screen capture" }));
    for (const [text, note] of [["Screenshots every minute.", "Every minute."], ["Screenshots every hour.", "Every hour."]]) {
      await updateProgram(db, admin, "screen-capture", input({ name: "Screen capture", policyText: text, versionNote: note }));
    }
    const second = await getProgramVersion(db, "screen-capture", "2");
    expect(second).toMatchObject({ program: { slug: "screen-capture", name: "Screen capture" }, version: 2, note: "Every minute.", previous: 1, next: 3 });
    expect(second.diff).toEqual(expect.arrayContaining([{ kind: "added", text: expect.stringContaining("minute") }]));
    expect(second.diff).toEqual(expect.arrayContaining([{ kind: "removed", text: expect.stringContaining("keystrokes") }]));
    const third = await getProgramVersion(db, "screen-capture", 3);
    expect(third).toMatchObject({ previous: 2, next: null, diff: [{ kind: "same", text: "Screenshots every " }, { kind: "removed", text: "minute" }, { kind: "added", text: "hour" }, { kind: "same", text: "." }] });
    expect(await getProgramVersion(db, "screen-capture", "1")).toMatchObject({ version: 1, diff: null, textHtml: "<p>Flow Insights records clicks and keystrokes.</p>\n", previous: null, next: 2 });
    expect(second.textHtml).toBeNull();
    // Anything that is not one of its versions is not found, with a message, never a 500.
    for (const bad of ["0", "4", "-1", "1.5", "two", "", "99999999999", "2abc", "1e0", "01", " 2"]) {
      await expect(getProgramVersion(db, "screen-capture", bad)).rejects.toMatchObject({ status: 404, message: expect.stringMatching(/no policy version/) });
    }
    await expect(getProgramVersion(db, "nope", "1")).rejects.toMatchObject({ status: 404 });

    const listed = await getProgramWithVersionList(db, "screen-capture");
    expect(listed.versions).toEqual([1, 2, 3].map((version) => ({ version, note: expect.any(String), createdAt: expect.any(String) })));
    expect(listed.policyHtml).toContain("Screenshots every hour.");
  });

  it("diffs words", () => {
    expect(policyDiff("a b c", "a x c")).toEqual([
      { kind: "same", text: "a " },
      { kind: "removed", text: "b" },
      { kind: "added", text: "x" },
      { kind: "same", text: " c" },
    ]);
  });
});
