// Anonymous signatures (docs/decisions/018). Signing takes no actor at all: the only proof that an
// employee signs is the petition's blind-signed token, sent without cookies. A verified signature
// (or withdrawal, or the attachment of a token to a signature made before tokens existed) waits
// in memory for the next batch (lib/anonymity/batch.ts): at fixed wall-clock instants everything
// queued is written in ONE transaction, in random order, with random ids and the day only. So no
// WAL commit, rowid or xmin places a signature next to its token's collection.
import { msg, time } from "@/lib/i18n/message";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { createBatch, QueueFullError, shuffle, type Batch } from "@/lib/anonymity/batch";
import { serverConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { DomainError, notFound, parseInput } from "@/lib/errors";
import { invalidatePetitionCount } from "@/lib/petitions/count-cache";
import { closedOn } from "@/lib/petitions/policy";
import { getSettings } from "@/lib/settings";
import { isoDay } from "@/lib/validation";
import { markThresholdIfReached } from "./threshold";
import { checkSignToken } from "./tokens";

export type AnonOp = "sign" | "withdraw" | "attach";
type Queued = { op: AnonOp; petitionId: string; nonceHash: string };

export const anonymousInputSchema = z.object({ token: z.unknown() });

export type AnonAnswer =
  | { status: "queued"; op: AnonOp; publishAt: string }
  | { status: "counted" }
  | { status: "withdrawn" };


async function openPetitionOr(db: Db, petitionId: string, now: Date) {
  const p = await db.petition.findUnique({ where: { id: petitionId }, select: { state: true, closesAt: true, hiddenReason: true } });
  if (!p || (p.state !== "open" && p.state !== "closed")) throw notFound(msg("Errors.common.noPublicPetition"));
  if (p.hiddenReason) throw new DomainError("conflict", msg("Errors.signatures.moderatorHidPetitionCannot"));
  if (p.state === "closed" || p.closesAt <= now) throw new DomainError("closed", closedOn(p.closesAt));
}

/** Whether a token signed by name (now, or before a withdrawal): then it can never sign anonymously. */
async function spentByName(db: Db, nonceHash: string): Promise<boolean> {
  const [signature, withdrawal] = await Promise.all([
    db.signature.findUnique({ where: { nonceHash }, select: { id: true } }),
    db.namedWithdrawal.findUnique({ where: { nonceHash }, select: { userId: true } }),
  ]);
  return signature !== null || withdrawal !== null;
}

export const SPENT_BY_NAME = msg("Errors.signatures.tokenSpentByName");

/**
 * Queues one anonymous act for the next batch: `sign` (a new signature), `withdraw` (proves
 * possession of the token that signed) or `attach` (links a token to one of the petition's
 * signatures made before tokens existed, after the legacy claim was settled, so it can be
 * withdrawn). Re-sending is how the browser makes sure nothing is lost: the answer is "queued"
 * while it waits, then "counted" (sign, attach) or "withdrawn" (withdraw).
 */
export async function queueAnonymous(
  db: Db,
  petitionId: string,
  op: AnonOp,
  input: unknown,
  options: { now?: Date; admit?: () => Promise<void> } = {},
): Promise<AnonAnswer> {
  const now = options.now ?? new Date();
  const { token } = parseInput(anonymousInputSchema, input);
  await openPetitionOr(db, petitionId, now);
  const { nonceHash } = await checkSignToken(db, petitionId, token);
  const batch = signatureBatch(db);
  const waiting = batch.get(nonceHash);
  if (waiting) {
    if (waiting.op === op) return { status: "queued", op, publishAt: batch.nextFlushAt(now).toISOString() };
    throw new DomainError("conflict", msg(waiting.op === "withdraw" ? "Errors.signatures.waitingToWithdraw" : "Errors.signatures.waitingToCount", { time: time(batch.nextFlushAt(now)) }));
  }
  const stored = await db.anonSignature.findUnique({ where: { nonceHash }, select: { id: true } });
  if (op === "withdraw") {
    if (!stored) return { status: "withdrawn" };
  } else {
    if (stored) return { status: "counted" };
    if (await spentByName(db, nonceHash)) throw new DomainError("conflict", SPENT_BY_NAME, { token: "spent" });
    if (op === "attach") {
      const legacy = await db.anonSignature.findFirst({ where: { petitionId, nonceHash: null }, select: { id: true } });
      if (!legacy) return { status: "counted" };
    }
  }
  await options.admit?.();
  try {
    const queued = batch.enqueue({ op, petitionId, nonceHash }, now);
    return { status: "queued", op, publishAt: queued.publishAt.toISOString() };
  } catch (error) {
    if (error instanceof QueueFullError) throw new DomainError("rate_limited", msg("Errors.signatures.tooManySignaturesAre"));
    throw error;
  }
}

/** Seconds between batches: UNDERSIGNED_SIGNATURE_BATCH_SECONDS, default 600 (10 minutes). */
export const signatureBatchSeconds = () => serverConfig().UNDERSIGNED_SIGNATURE_BATCH_SECONDS;
/** How long a batch of fewer than k waits for more: UNDERSIGNED_SIGNATURE_BATCH_HOLD_SECONDS, default 3600. */
export const signatureBatchHoldSeconds = () => serverConfig().UNDERSIGNED_SIGNATURE_BATCH_HOLD_SECONDS;

const batches = new WeakMap<Db, Batch<Queued>>();

/** This process's queue of anonymous signatures for a database. */
export function signatureBatch(db: Db): Batch<Queued> {
  let batch = batches.get(db);
  if (!batch) {
    batch = createBatch<Queued>({
      name: "signatures",
      intervalMs: () => signatureBatchSeconds() * 1000,
      key: (q) => q.nonceHash,
      write: (items, now) => writeSignatureBatch(db, items, now),
      // A batch is written once it holds at least k items, or once its oldest waited the hold time:
      // everyone who held an unspent token for these petitions then is the crowd it hides in.
      ready: async (now, waiting) => {
        if (forced.has(db)) return true;
        const { anonymityK } = await getSettings(db);
        if (waiting.size >= anonymityK) return true;
        return now.getTime() - waiting.oldestAt.getTime() >= signatureBatchHoldSeconds() * 1000;
      },
    });
    batches.set(db, batch);
  }
  return batch;
}

const timers = new WeakSet<Db>();
/** Starts this process's batch timer for a database, once (called by the anonymous routes themselves). */
export function startSignatureBatches(db: Db): void {
  if (timers.has(db)) return;
  timers.add(db);
  signatureBatch(db).start();
}

const forced = new WeakSet<Db>();

/**
 * Writes everything waiting now (the timer calls this; tests and the demo seed call it directly).
 * `force` skips the hold rule: the seed writes its history in batches of its own, and tests of
 * other things need no crowd.
 */
export async function flushSignatures(db: Db, now?: Date, opts: { force?: boolean } = {}) {
  if (opts.force) forced.add(db);
  try {
    return await signatureBatch(db).flush(now);
  } finally {
    forced.delete(db);
  }
}

/**
 * One batch, one transaction, random order; ids random, the day only. Skips what no longer
 * applies (a token that meanwhile signed by name or was already counted, a petition that closed),
 * so re-sends and the same item queued on two servers count once. The count moves by exactly the
 * rows written.
 */
async function writeSignatureBatch(db: Db, items: Queued[], now: Date): Promise<number> {
  const day = isoDay(now);
  const settings = await getSettings(db);
  const total = await db.$transaction(async (tx) => {
    const petitionIds = [...new Set(items.map((q) => q.petitionId))];
    const open = new Set(
      (await tx.petition.findMany({ where: { id: { in: petitionIds }, state: "open", hiddenReason: null, closesAt: { gt: now } }, select: { id: true } })).map((p) => p.id),
    );
    const hashes = items.map((q) => q.nonceHash);
    const [named, withdrawn] = await Promise.all([
      tx.signature.findMany({ where: { nonceHash: { in: hashes } }, select: { nonceHash: true } }),
      tx.namedWithdrawal.findMany({ where: { nonceHash: { in: hashes } }, select: { nonceHash: true } }),
    ]);
    const byName = new Set([...named, ...withdrawn].map((r) => r.nonceHash));
    const delta = new Map<string, number>();
    let written = 0;
    for (const q of shuffle(items)) {
      if (!open.has(q.petitionId)) continue;
      if (q.op === "withdraw") {
        const { count } = await tx.anonSignature.deleteMany({ where: { nonceHash: q.nonceHash, petitionId: q.petitionId } });
        if (count === 1) delta.set(q.petitionId, (delta.get(q.petitionId) ?? 0) - 1);
        written += count;
        continue;
      }
      if (byName.has(q.nonceHash)) continue;
      if (await tx.anonSignature.findUnique({ where: { nonceHash: q.nonceHash }, select: { id: true } })) continue;
      if (q.op === "attach") {
        const legacy = await tx.anonSignature.findFirst({ where: { petitionId: q.petitionId, nonceHash: null }, select: { id: true } });
        if (!legacy) continue;
        await tx.anonSignature.update({ where: { id: legacy.id }, data: { nonceHash: q.nonceHash } });
        written++;
        continue;
      }
      await tx.anonSignature.create({ data: { id: randomUUID(), petitionId: q.petitionId, nonceHash: q.nonceHash, day }, select: { id: true } });
      delta.set(q.petitionId, (delta.get(q.petitionId) ?? 0) + 1);
      written++;
    }
    for (const [petitionId, change] of shuffle([...delta.entries()])) {
      if (change === 0) continue;
      await tx.petition.update({ where: { id: petitionId }, data: { signatureCount: { increment: change } }, select: { id: true } });
      if (change > 0) await markThresholdIfReached(tx, petitionId, settings.responseDueDays, now);
    }
    return written;
  });
  // This server's prepared counts show the batch at once (lib/petitions/count-cache.ts).
  for (const q of items) invalidatePetitionCount(q.petitionId);
  return total;
}

/** Anonymous signatures of a petition, as days (for the organizers' per-day chart); nothing else. */
export async function anonymousDays(db: Db, petitionId: string): Promise<string[]> {
  return (await db.anonSignature.findMany({ where: { petitionId }, select: { day: true } })).map((s) => s.day);
}
