import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { createPetition } from "@/lib/petitions/commands";
import { getPetitionDetail, getPublicCount } from "@/lib/petitions/queries";
import { writeSettings } from "@/lib/settings";
import { getOwnSignature, listNamedSigners, reconcileCounts, signPetition, TOKEN_MISSING, withdrawSignature } from "@/lib/signatures";
import { flushSignatures, queueAnonymous } from "@/lib/signatures/anonymous";
import { collectSignTokens, signAnonymouslyNow, wire } from "./anon";
import { makeUser, makeUsers, openPetitionFor, petitionInput, testDatabase } from "./db";

const { db, url } = testDatabase();
const DAY = 86_400_000;

const storedCount = async (id: string) => (await db.petition.findUniqueOrThrow({ where: { id } })).signatureCount;
const rowCount = (id: string) => db.signature.count({ where: { petitionId: id } });

describe("signing", () => {
  it("signs named or anonymously; only named signers are listed", async () => {
    const maya = await makeUser(db);
    const named = await makeUser(db, { name: "Nora Named" });
    const anon = await makeUser(db, { name: "Anya Anonymous", email: "anya.anonymous@example.com" });
    const p = await openPetitionFor(db, maya);
    const a = await signPetition(db, named, p.id, { visibility: "named" });
    expect(a).toMatchObject({ status: "signed", signature: { visibility: "named", coSponsor: false }, petition: { signatureCount: 3 } });
    await signAnonymouslyNow(db, anon, p.id);
    expect(await storedCount(p.id)).toBe(4);

    const signers = await listNamedSigners(db, p.id);
    expect(signers.map((s) => s.name)).toContain("Nora Named");
    expect(signers.map((s) => s.name)).not.toContain("Anya Anonymous");
    // Only the anonymous signer's browser knows (decision 018): the server has no signature of theirs.
    expect(await getOwnSignature(db, anon, p.id)).toBeNull();
    const publicView = JSON.stringify([await getPetitionDetail(db, null, { id: p.id }), signers, await getPublicCount(db, p.id)]);
    expect(publicView).not.toContain("Anya");
    expect(publicView).not.toContain("anya.anonymous");
    expect(publicView).not.toContain(anon.id);
  });

  it("refuses bad input and signed-out people with clear errors", async () => {
    const maya = await makeUser(db);
    const p = await openPetitionFor(db, maya);
    await expect(signPetition(db, null, p.id, { visibility: "named" })).rejects.toMatchObject({ code: "unauthenticated", status: 401 });
    await expect(signPetition(db, maya, p.id, { visibility: "loud" })).rejects.toMatchObject({ code: "invalid_input", status: 400, message: expect.stringMatching(/named.*anonymous/) });
    await expect(signPetition(db, maya, p.id, "nonsense")).rejects.toMatchObject({ code: "invalid_input" });
    await expect(signPetition(db, maya, "no-such-id", { visibility: "named" })).rejects.toMatchObject({ code: "not_found", status: 404 });
    expect(await storedCount(p.id)).toBe(2);
  });

  it("refuses signatures on a draft", async () => {
    const maya = await makeUser(db);
    const p = await createPetition(db, maya, petitionInput());
    await expect(signPetition(db, maya, p.id, { visibility: "named" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("is idempotent: signing twice leaves one signature and keeps the first choice", async () => {
    const maya = await makeUser(db);
    const jonas = await makeUser(db);
    const p = await openPetitionFor(db, maya);
    await signAnonymouslyNow(db, jonas, p.id);
    // Signing again by name: without the token (spent), refused, because nobody can tell it signed.
    await expect(signPetition(db, jonas, p.id, { visibility: "named" })).rejects.toMatchObject({ status: 409, text: TOKEN_MISSING });
    await signPetition(db, maya, p.id, { visibility: "named" });
    const again = await signPetition(db, maya, p.id, { visibility: "named" });
    expect(again.status).toBe("already_signed");
    expect(await storedCount(p.id)).toBe(4);
  });

  it("gives one signature for many parallel requests from one person", async () => {
    const maya = await makeUser(db);
    const jonas = await makeUser(db);
    const p = await openPetitionFor(db, maya);
    const results = await Promise.all(Array.from({ length: 40 }, () => signPetition(db, jonas, p.id, { visibility: "named" })));
    expect(results.filter((r) => r.status === "signed")).toHaveLength(1);
    expect(await db.signature.count({ where: { petitionId: p.id, userId: jonas.id } })).toBe(1);
    expect(await storedCount(p.id)).toBe(3);
  });

  it("counts exactly under parallel signing and withdrawing from two processes", async () => {
    const maya = await makeUser(db);
    const p = await openPetitionFor(db, maya);
    const people = await makeUsers(db, 170);
    const ids = people.map((u) => u.id);
    await Promise.all(people.slice(0, 60).map((u) => signPetition(db, u, p.id, { visibility: "named" })));
    // Ten anonymous signatures, queued in parallel and written in one batch.
    const tokens = await Promise.all(people.slice(160).map(async (u) => (await collectSignTokens(db, u, new Date(), p.id)).get(p.id)!));
    await Promise.all(tokens.map((t) => queueAnonymous(db, p.id, "sign", { token: wire(t) })));
    await flushSignatures(db, undefined, { force: true });
    // Another process signs 50 new people and withdraws 30 while this one signs another 50
    // (10 of them the same people as the other process) and withdraws the same 30 again.
    const worker = runWorker({ url, petitionId: p.id, sign: ids.slice(60, 110), withdraw: ids.slice(0, 30) });
    const here = await Promise.allSettled([
      ...people.slice(100, 160).map((u) => signPetition(db, u, p.id, { visibility: "named" })),
      ...people.slice(0, 30).map((u) => withdrawSignature(db, u, p.id).catch((e: unknown) => (e as DomainError).code)),
    ]);
    const there = await worker;
    expect(here.filter((r) => r.status === "rejected")).toEqual([]);
    // Losing a withdrawal race to the other process is the one expected refusal.
    expect(there.filter((r) => r.startsWith("error") && !/nothing to withdraw/.test(r))).toEqual([]);
    // Each of the 30 was withdrawn exactly once between the two processes.
    const withdrawnHere = here.slice(60).filter((r) => r.status === "fulfilled" && (r.value as { status?: string }).status === "withdrawn").length;
    const withdrawnThere = there.slice(50).filter((r) => r === "withdrawn").length;
    expect(withdrawnHere + withdrawnThere).toBe(30);
    const expected = 2 + 60 - 30 + 100 + 10;
    expect(await rowCount(p.id)).toBe(expected - 10);
    expect(await storedCount(p.id)).toBe(expected);
    expect(await reconcileCounts(db)).toEqual([]);
  });
});

function runWorker(job: { url: string; petitionId: string; sign: string[]; withdraw: string[] }): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/integration/workers/sign-worker.ts", JSON.stringify(job)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`worker exited with ${code}`))));
  });
}

describe("withdrawing", () => {
  it("removes the signature and lowers the count; a second withdrawal says there is nothing to withdraw", async () => {
    const maya = await makeUser(db);
    const jonas = await makeUser(db);
    const p = await openPetitionFor(db, maya);
    await signPetition(db, jonas, p.id, { visibility: "named" });
    const result = await withdrawSignature(db, jonas, p.id);
    expect(result).toMatchObject({ status: "withdrawn", petition: { signatureCount: 2 } });
    await expect(withdrawSignature(db, jonas, p.id)).rejects.toMatchObject({ code: "not_found", message: expect.stringMatching(/nothing to withdraw/) });
    await expect(withdrawSignature(db, null, p.id)).rejects.toMatchObject({ code: "unauthenticated" });
    // Signing again after withdrawing is allowed, with the name (anonymously would expose the
    // switch: test/integration/switching-visibility.test.ts).
    await expect(signPetition(db, jonas, p.id, { visibility: "named" })).resolves.toMatchObject({ status: "signed" });
  });
});

describe("response threshold", () => {
  const thresholdDb = testDatabase().db;

  it("records when the threshold is reached, sets the due date once, and records the event", async () => {
    await writeSettings(thresholdDb, { responseThreshold: 5, responseDueDays: 14 });
    const maya = await makeUser(thresholdDb);
    const p = await openPetitionFor(thresholdDb, maya);
    expect(p.responseThreshold).toBe(5);
    const people = await makeUsers(thresholdDb, 5);
    const t0 = new Date(Date.now() + 1000);
    await signPetition(thresholdDb, people[0]!, p.id, { visibility: "named" }, { now: t0 });
    await signPetition(thresholdDb, people[1]!, p.id, { visibility: "named" }, { now: t0 });
    let row = await thresholdDb.petition.findUniqueOrThrow({ where: { id: p.id } });
    expect(row.thresholdReachedAt).toBeNull();
    const t1 = new Date(t0.getTime() + 60_000);
    const { token } = await signAnonymouslyNow(thresholdDb, people[2]!, p.id, t1);
    row = await thresholdDb.petition.findUniqueOrThrow({ where: { id: p.id } });
    expect(row.signatureCount).toBe(5);
    expect(row.thresholdReachedAt?.getTime()).toBe(t1.getTime());
    expect(row.responseDueAt?.getTime()).toBe(t1.getTime() + 14 * DAY);
    // Falling below and climbing back does not move the date or add a second event.
    await queueAnonymous(thresholdDb, p.id, "withdraw", { token: wire(token) });
    await flushSignatures(thresholdDb, undefined, { force: true });
    await signPetition(thresholdDb, people[3]!, p.id, { visibility: "named" }, { now: new Date(t1.getTime() + 5000) });
    row = await thresholdDb.petition.findUniqueOrThrow({ where: { id: p.id } });
    expect(row.thresholdReachedAt?.getTime()).toBe(t1.getTime());
    const events = await thresholdDb.timelineEvent.findMany({ where: { petitionId: p.id, kind: "threshold_reached" } });
    expect(events).toHaveLength(1);
    // The public view shows the due date, then overdue days once it passes.
    const detail = await getPetitionDetail(thresholdDb, null, { id: p.id }, { now: new Date(t1.getTime() + 20 * DAY) });
    expect(detail.response).toEqual({ status: "overdue", overdueDays: 6 });
    const due = await getPetitionDetail(thresholdDb, null, { id: p.id }, { now: new Date(t1.getTime() + DAY) });
    expect(due.response.status).toBe("due");
  });
});

describe("reconcile", () => {
  it("reports drift between the stored count and the rows, and fixes it on request", async () => {
    const maya = await makeUser(db);
    const p = await openPetitionFor(db, maya);
    await db.petition.update({ where: { id: p.id }, data: { signatureCount: 99 } });
    const drift = await reconcileCounts(db);
    expect(drift).toEqual([{ petitionId: p.id, slug: p.slug, stored: 99, actual: 2 }]);
    await reconcileCounts(db, { fix: true });
    expect(await reconcileCounts(db)).toEqual([]);
    expect(await storedCount(p.id)).toBe(2);
  });
});

it("DomainError carries the HTTP status", () => {
  expect(new DomainError("closed", msg("Errors.common.invalidInput")).status).toBe(409);
});
