// The public count's prepared answer (issue 15, point 3; lib/petitions/count-cache.ts): cacheable
// by proxies and CDNs, revalidated with 304, served from memory while fresh, and current at once
// after the commands that change it on this server.
import { describe, expect, it } from "vitest";
import { answerCacheable, LAST_MODIFIED_SETTLE_MS } from "@/lib/http/conditional";
import { hidePetition } from "@/lib/moderation";
import { cachedPublicCount, COUNT_CACHE_CONTROL, COUNT_FRESH_SECONDS } from "@/lib/petitions/count-cache";
import { signPetition, withdrawSignature } from "@/lib/signatures";
import { signAnonymouslyNow } from "./anon";
import { makeUser, makeUsers, openPetitionFor, testDatabase } from "./db";

const { db } = testDatabase();

const get = (v: { "if-none-match"?: string; "if-modified-since"?: string } = {}) => ({ ifNoneMatch: v["if-none-match"] ?? null, ifModifiedSince: v["if-modified-since"] ?? null });
const countOf = async (petitionId: string, now?: number) => JSON.parse((await cachedPublicCount(db, petitionId, now))!.body) as { signatureCount: number; state: string };

describe("the public count's prepared answer", async () => {
  const organizer = await makeUser(db);
  const moderator = await makeUser(db, { role: "moderator" });

  it("says how long caches may keep it, and answers 304 to a held ETag or a settled date", async () => {
    const petition = await openPetitionFor(db, organizer);
    const version = (await cachedPublicCount(db, petition.id))!;
    expect(COUNT_CACHE_CONTROL).toBe(`public, max-age=${COUNT_FRESH_SECONDS}`);
    const first = answerCacheable(get(), version, COUNT_CACHE_CONTROL);
    expect(first.status).toBe(200);
    expect(first.headers["Cache-Control"]).toBe(COUNT_CACHE_CONTROL);
    const start = petition.signatureCount;
    expect(JSON.parse(first.body!)).toEqual({ id: petition.id, signatureCount: start, goal: petition.goal, state: "open" });
    const etag = first.headers.ETag!;
    expect(answerCacheable(get({ "if-none-match": etag }), version, COUNT_CACHE_CONTROL).status).toBe(304);

    // Last-Modified is the row's last change in whole seconds, given once it has settled.
    const row = await db.petition.findUniqueOrThrow({ where: { id: petition.id }, select: { updatedAt: true } });
    const settled = Math.floor(row.updatedAt.getTime() / 1000) * 1000 + LAST_MODIFIED_SETTLE_MS;
    const dated = answerCacheable(get(), version, COUNT_CACHE_CONTROL, settled);
    const lastModified = dated.headers["Last-Modified"]!;
    expect(Date.parse(lastModified)).toBe(settled - LAST_MODIFIED_SETTLE_MS);
    expect(answerCacheable(get({ "if-modified-since": lastModified }), version, COUNT_CACHE_CONTROL, settled).status).toBe(304);

    // A signature makes a new version: new ETag, the held one and the old date get the body.
    const [signer] = await makeUsers(db, 1);
    await signPetition(db, signer!, petition.id, { visibility: "named" });
    const next = (await cachedPublicCount(db, petition.id))!;
    expect(next.etag).not.toBe(etag);
    const changed = answerCacheable(get({ "if-none-match": etag }), next, COUNT_CACHE_CONTROL);
    expect(changed.status).toBe(200);
    expect(JSON.parse(changed.body!).signatureCount).toBe(start + 1);
    // Its date is the signature's (dates within one second are told apart by not being given out
    // until settled: test/unit/http-conditional.test.ts).
    expect(next.modifiedSecond).toBeGreaterThanOrEqual(version.modifiedSecond);
  });

  it("is read once while fresh and again after the stated interval, and the writer's own changes show at once", async () => {
    const petition = await openPetitionFor(db, organizer);
    const start = petition.signatureCount;
    const now = Date.now();
    const first = await cachedPublicCount(db, petition.id, now);
    // A change behind the commands' back (as another server's would be) is not seen while the answer is fresh...
    await db.petition.update({ where: { id: petition.id }, data: { signatureCount: { increment: 5 } } });
    expect(await cachedPublicCount(db, petition.id, now + 100)).toBe(first);
    // ...and is seen once the interval has passed.
    expect((await countOf(petition.id, now + COUNT_FRESH_SECONDS * 1000)).signatureCount).toBe(start + 5);

    // Signing, withdrawing and an anonymous batch on this server show at once.
    const [a, b] = await makeUsers(db, 2);
    await signPetition(db, a!, petition.id, { visibility: "named" });
    expect((await countOf(petition.id)).signatureCount).toBe(start + 6);
    await withdrawSignature(db, a!, petition.id);
    expect((await countOf(petition.id)).signatureCount).toBe(start + 5);
    await signAnonymouslyNow(db, b!, petition.id);
    expect((await countOf(petition.id)).signatureCount).toBe(start + 6);
  });

  it("is read again after moderation of the petition, and has no answer for an unknown id", async () => {
    const petition = await openPetitionFor(db, organizer);
    const first = await cachedPublicCount(db, petition.id);
    await db.petition.update({ where: { id: petition.id }, data: { signatureCount: { increment: 3 } } });
    // Whatever invalidates the petition's public data (here: hiding it) drops its prepared count too.
    await hidePetition(db, moderator, petition.id, { reasonCode: "identifies", reasonText: "Names a colleague." });
    const after = await cachedPublicCount(db, petition.id);
    expect(after).not.toBe(first);
    expect(JSON.parse(after!.body).signatureCount).toBe(petition.signatureCount + 3);
    expect(await cachedPublicCount(db, "no-such-petition")).toBeNull();
  });

  it("turns closed at the closing time, whatever is cached", async () => {
    const petition = await openPetitionFor(db, organizer);
    const closesAt = petition.closesAt.getTime();
    expect((await countOf(petition.id, closesAt - 500)).state).toBe("open");
    expect((await countOf(petition.id, closesAt)).state).toBe("closed");
    const version = (await cachedPublicCount(db, petition.id, closesAt))!;
    // The date moves to the closing time: a client holding the open answer's date gets the new one.
    expect(version.modifiedSecond).toBe(Math.floor(closesAt / 1000) * 1000);
  });
});
