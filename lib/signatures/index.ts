// Signing and withdrawing. The stored count changes in the same transaction as the signature,
// with an atomic increment, so it always equals the number of signature rows (promise 6).
import { msg } from "@/lib/i18n/message";
import { requireActor, type Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DomainError, forbidden, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { assertCanView, findPetitionOr404 } from "@/lib/petitions/access";
import { invalidatePetitionCount } from "@/lib/petitions/count-cache";
import { invalidatePetitionPublic } from "@/lib/petitions/public-cache";
import { openPetition } from "@/lib/petitions/commands";
import { closedOn as closedMessage } from "@/lib/petitions/policy";
import { signatureInputSchema, type SignatureInput } from "@/lib/petitions/schema";
import { ensureFollow, unlinkFromPetition } from "@/lib/follows";
import { getSettings } from "@/lib/settings";
import { crossingSettled, signDirect } from "./direct";
import { signatureBatch } from "./anonymous";
import { markThresholdIfReached, recordThresholdIfReached } from "./threshold";
import { checkSignToken } from "./tokens";

export type SignResult = {
  status: "signed" | "already_signed";
  signature: { visibility: "named" | "anonymous"; coSponsor: boolean; createdAt: Date };
  petition: { id: string; state: string; signatureCount: number };
};


/**
 * Signs a petition for the acting employee. Idempotent: signing twice (or many times at once)
 * leaves one signature and reports "already_signed". While a petition gathers co-sponsors,
 * only holders of the co-sponsor link can sign, and reaching the required number opens it.
 */
export async function signPetition(
  db: Db,
  actor: Actor | null,
  petitionId: string,
  input: SignatureInput | unknown,
  clock: { now?: Date } = {},
): Promise<SignResult> {
  const result = await sign(db, actor, petitionId, input, clock);
  // This server's prepared count shows the new signature at once (lib/petitions/count-cache.ts).
  if (result.status === "signed") invalidatePetitionCount(petitionId);
  // The co-sponsor signature that opened it: the list, the timeline and the home page show it now.
  // Other signatures leave the rendered public pages be (decision 031): their count is a few
  // seconds old at most there, and live after.
  if (result.status === "signed" && result.signature.coSponsor && result.petition.state === "open") invalidatePetitionPublic(petitionId);
  return result;
}

async function sign(db: Db, actor: Actor | null, petitionId: string, input: SignatureInput | unknown, clock: { now?: Date }): Promise<SignResult> {
  const signer = requireActor(actor, "sign a petition");
  const { visibility, invite, follow } = parseInput(signatureInputSchema, input);
  const { token } = parseInput(tokenFieldSchema, input);
  const now = clock.now ?? new Date();
  // The common case (an open petition, no threshold crossed, no token held) on SQLite: direct SQL
  // with group commit. Everything else, and every refusal, goes the general way below.
  let crossing = false;
  if (token === undefined) {
    const direct = await signDirect(db, { petitionId, userId: signer.id, visibility, follow, now });
    if (direct === "crossing") crossing = true;
    else if (direct !== "fallback") return direct;
  }
  const general = { visibility, invite, follow, token, now };
  if (!crossing) return signGeneral(db, signer, petitionId, general);
  try {
    return await signGeneral(db, signer, petitionId, general);
  } finally {
    // Settled first, so a group that writes from here on no longer writes past an unrecorded
    // threshold. Then, whatever the general way found (this person's signature from another tab,
    // written meanwhile by the direct path; a refusal; a count still short of the threshold when
    // it committed), the moment is recorded if the count is there: one conditional UPDATE, a no-op
    // when it was recorded already. Failing that, the next signature over the threshold crosses.
    crossingSettled(db, petitionId);
    await recordThresholdIfReached(db, petitionId, now);
  }
}

/** Signing the general way: every case, every refusal, with Prisma. */
async function signGeneral(
  db: Db,
  signer: Actor,
  petitionId: string,
  { visibility, invite, follow, token, now }: { visibility: "named" | "anonymous"; invite: string | undefined; follow: boolean; token: unknown; now: Date },
): Promise<SignResult> {

  const petition = await findPetitionOr404(db, { id: petitionId });
  // The visibility check already knows whether the signer organizes it; no second query.
  const { organizer } = await assertCanView(db, signer, petition, invite);

  if (petition.state === "draft") {
    throw new DomainError("conflict", msg("Errors.signatures.petitionStillDraftCannot"));
  }
  if (petition.hiddenReason) {
    throw new DomainError("conflict", msg("Errors.signatures.moderatorHidPetitionCannot"));
  }
  if (petition.state === "closed" || petition.closesAt <= now) {
    throw new DomainError("closed", closedMessage(petition.closesAt));
  }
  const coSponsor = petition.state === "collecting";
  if (coSponsor) {
    if (invite !== petition.coSponsorToken) {
      throw forbidden(msg("Errors.signatures.petitionGatheringCoSponsors"));
    }
    if (organizer) {
      throw forbidden(msg("Errors.signatures.organizersCannotCoSponsor"));
    }
    // Co-sponsors are few (2 by default, below the anonymity group size) and their progress is
    // visible to the organizers, so an anonymous co-sponsor could be singled out. They sign by name.
    if (visibility === "anonymous") {
      throw new DomainError("invalid_input", msg("Errors.signatures.coSponsorsSignByNameUntilOpen"), { visibility: msg("Errors.signatures.coSponsorsSignByName") });
    }
  }
  if (visibility === "anonymous") throw new DomainError("invalid_input", ANONYMOUS_BY_TOKEN, { visibility: ANONYMOUS_BY_TOKEN });

  const existing = await findSignature(db, petitionId, signer.id);
  if (existing) return alreadySigned(db, existing, petitionId);
  const spent = token === undefined ? null : (await checkSignToken(db, petitionId, token)).nonceHash;
  if (spent && signatureBatch(db).get(spent)) throw new DomainError("conflict", TOKEN_SIGNED_ANONYMOUSLY, { token: "spent" });

  const settings = await getSettings(db);
  try {
    return await db.$transaction(async (tx) => {
      await claimTokenSlot(tx, petitionId, signer.id, spent);
      const signature = await tx.signature.create({
        data: { petitionId, userId: signer.id, visibility, coSponsor, createdAt: now, nonceHash: spent },
        select: { visibility: true, coSponsor: true, createdAt: true },
      });
      // Only a named signature may follow; the schema already refuses the other (decision 017).
      if (follow && visibility === "named") await ensureFollow(tx, signer.id, { targetType: "petition", targetId: petitionId });
      // The state condition makes a signature racing a close fail instead of landing late. The
      // count's row stays locked from here to the commit (PostgreSQL), so the other writes go first.
      const { count } = await tx.petition.updateMany({
        where: { id: petitionId, state: petition.state, closesAt: { gt: now } },
        data: { signatureCount: { increment: 1 } },
      });
      if (count !== 1) throw new DomainError("closed", closedMessage(petition.closesAt));

      if (coSponsor) {
        const coSponsors = await tx.signature.count({ where: { petitionId, coSponsor: true } });
        if (coSponsors >= settings.coSponsorsNeeded) await openPetition(tx, petitionId, "collecting", now);
      } else {
        await markThresholdIfReached(tx, petitionId, settings.responseDueDays, now);
      }
      const after = await tx.petition.findUniqueOrThrow({
        where: { id: petitionId },
        select: { id: true, state: true, signatureCount: true },
      });
      return { status: "signed" as const, signature: narrow(signature), petition: after };
    });
  } catch (error) {
    // A concurrent request from the same person won the race: report their one signature. On
    // PostgreSQL the loser may instead see the winner's token slot and refuse for want of a token.
    if (isUniqueViolation(error) || (error instanceof DomainError && error.text.key === TOKEN_MISSING.key)) {
      const winner = await findSignature(db, petitionId, signer.id);
      if (winner) return alreadySigned(db, winner, petitionId);
    }
    throw error;
  }
}

const tokenFieldSchema = z.object({ token: z.unknown().optional() });

export const ANONYMOUS_BY_TOKEN = msg("Errors.signatures.anonymousByToken");
export const TOKEN_SIGNED_ANONYMOUSLY = msg("Errors.signatures.tokenSignedAnonymously");
export const TOKEN_MISSING = msg("Errors.signatures.tokenMissing");

/**
 * The one-per-person rule for a named signature, inside its transaction. Whoever has not collected
 * this petition's token yet signs without one, and the slot is taken now, so no token can ever be
 * collected for them. Whoever has collected it must spend it (it may have signed anonymously
 * already, which nobody can see), unless they signed by name without a token and withdrew.
 */
async function claimTokenSlot(tx: Prisma.TransactionClient, petitionId: string, userId: string, nonceHash: string | null) {
  const [slot, withdrawal] = await Promise.all([
    tx.signTokenIssuance.findUnique({ where: { petitionId_userId: { petitionId, userId } } }),
    tx.namedWithdrawal.findUnique({ where: { petitionId_userId: { petitionId, userId } } }),
  ]);
  if (slot?.legacyDay) throw new DomainError("conflict", msg("Errors.signatures.signedPetitionAnonymouslyBefore"));
  if (nonceHash === null) {
    if (!slot) {
      await tx.signTokenIssuance.create({ data: { petitionId, userId } });
      return;
    }
    if (withdrawal && withdrawal.nonceHash === null) {
      await tx.namedWithdrawal.delete({ where: { petitionId_userId: { petitionId, userId } } });
      return;
    }
    throw new DomainError("conflict", TOKEN_MISSING, { token: "missing" });
  }
  if (!slot) throw new DomainError("invalid_input", msg("Errors.signatures.tokenWasCollectedAccount"), { token: "invalid" });
  if (await tx.anonSignature.findUnique({ where: { nonceHash }, select: { id: true } })) throw new DomainError("conflict", TOKEN_SIGNED_ANONYMOUSLY, { token: "spent" });
  const other = await tx.namedWithdrawal.findUnique({ where: { nonceHash } });
  if (other && other.userId !== userId) throw new DomainError("conflict", msg("Errors.signatures.tokenWasSpentSomeone"), { token: "spent" });
  if (withdrawal) await tx.namedWithdrawal.delete({ where: { petitionId_userId: { petitionId, userId } } });
}

export async function withdrawSignature(db: Db, actor: Actor | null, petitionId: string, clock: { now?: Date } = {}) {
  const signer = requireActor(actor, "withdraw a signature");
  const now = clock.now ?? new Date();
  const petition = await findPetitionOr404(db, { id: petitionId });
  const existing = await findSignature(db, petitionId, signer.id);
  if (!existing) {
    // Someone who may not see the petition gets the 404 of a petition that does not exist.
    await assertCanView(db, signer, petition);
    throw notFound(msg("Errors.signatures.haveSignedPetitionThere"));
  }
  if (petition.state === "closed" || petition.closesAt <= now) {
    throw new DomainError("closed", msg("Errors.signatures.petitionHasClosedSignatures"));
  }
  const result = await db.$transaction(async (tx) => {
    const { count } = await tx.signature.deleteMany({ where: { petitionId, userId: signer.id } });
    if (count === 1) {
      // The name was public; remembering it (with the token it spent, which stays spent) keeps
      // this person from re-signing anonymously, which everyone could see as "a name left the
      // list while the count stayed" (decision 017).
      await tx.namedWithdrawal.upsert({
        where: { petitionId_userId: { petitionId, userId: signer.id } },
        create: { petitionId, userId: signer.id, nonceHash: existing.nonceHash },
        update: { nonceHash: existing.nonceHash },
      });
    }
    if (count === 1) {
      // Conditional on the petition still accepting changes, so a withdrawal racing a close
      // rolls back instead of changing a closed petition's count.
      const changed = await tx.petition.updateMany({
        where: { id: petitionId, state: { in: ["open", "collecting"] }, closesAt: { gt: now } },
        data: { signatureCount: { decrement: 1 } },
      });
      if (changed.count !== 1) throw new DomainError("closed", msg("Errors.signatures.petitionHasClosedSignatures"));
      // What signing may have created goes with the signature: the follow and its notifications.
      await unlinkFromPetition(tx, petitionId, signer.id);
    }
    const after = await tx.petition.findUniqueOrThrow({
      where: { id: petitionId },
      select: { id: true, state: true, signatureCount: true },
    });
    return { status: count === 1 ? ("withdrawn" as const) : ("not_signed" as const), petition: after };
  });
  if (result.status === "withdrawn") invalidatePetitionCount(petitionId);
  return result;
}

export const SWITCH_REFUSED =
  "You signed this petition with your name and withdrew. You can sign it again with your name, but not anonymously: your name left the public list, so an anonymous signature now would let anyone who compares the page over time see that it was you.";

function findSignature(db: Db, petitionId: string, userId: string) {
  return db.signature.findUnique({
    where: { petitionId_userId: { petitionId, userId } },
    select: { visibility: true, coSponsor: true, createdAt: true, nonceHash: true },
  });
}

function narrow(s: { visibility: string; coSponsor: boolean; createdAt: Date }): SignResult["signature"] {
  return { coSponsor: s.coSponsor, createdAt: s.createdAt, visibility: s.visibility === "named" ? "named" : "anonymous" };
}

async function alreadySigned(
  db: Db,
  signature: { visibility: string; coSponsor: boolean; createdAt: Date },
  petitionId: string,
): Promise<SignResult> {
  const petition = await db.petition.findUniqueOrThrow({
    where: { id: petitionId },
    select: { id: true, state: true, signatureCount: true },
  });
  return { status: "already_signed", signature: narrow(signature), petition };
}

/**
 * Why the viewer may not sign this petition anonymously, if that is so (they withdrew a named
 * signature from it, decision 017); shown only to them.
 */
export async function anonymousRefusal(db: Db, actor: Actor | null, petitionId: string): Promise<string | null> {
  return actor && (await withdrewNamed(db, petitionId, actor.id)) ? SWITCH_REFUSED : null;
}

async function withdrewNamed(db: Db, petitionId: string, userId: string) {
  const row = await db.namedWithdrawal.findUnique({ where: { petitionId_userId: { petitionId, userId } }, select: { userId: true } });
  return row !== null;
}

/** The viewer's own named signature, shown only to them. Anonymous ones only their browser knows. */
export async function getOwnSignature(db: Db, actor: Actor | null, petitionId: string) {
  if (!actor) return null;
  const s = await findSignature(db, petitionId, actor.id);
  return s ? narrow(s) : null;
}

/**
 * Named signers of a petition, newest first. Anonymous signatures never appear here or in any
 * other listing; only their number is public.
 */
export async function listNamedSigners(db: Db, petitionId: string, opts: { take?: number } = {}) {
  const rows = await db.signature.findMany({
    where: { petitionId, visibility: "named", petition: { state: { in: ["open", "closed"] } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.take ?? 50,
    select: { createdAt: true, user: { select: { name: true } } },
  });
  return rows.map((r) => ({ name: r.user.name, signedAt: r.createdAt }));
}

export type Drift = { petitionId: string; slug: string; stored: number; actual: number };

/**
 * Recounts every petition's signatures and reports where the stored count differs. With
 * `fix`, corrects the stored count in the same transaction as the recount.
 */
export async function reconcileCounts(db: Db, opts: { fix?: boolean } = {}): Promise<Drift[]> {
  return db.$transaction(async (tx) => {
    const grouped = await tx.signature.groupBy({ by: ["petitionId"], _count: { _all: true } });
    const anonymous = await tx.anonSignature.groupBy({ by: ["petitionId"], _count: { _all: true } });
    const actual = new Map(grouped.map((g) => [g.petitionId, g._count._all]));
    for (const g of anonymous) actual.set(g.petitionId, (actual.get(g.petitionId) ?? 0) + g._count._all);
    const petitions = await tx.petition.findMany({ select: { id: true, slug: true, signatureCount: true, retainedCount: true } });
    const drift: Drift[] = [];
    for (const p of petitions) {
      // Signatures removed by the retention rule are still counted.
      const count = (actual.get(p.id) ?? 0) + p.retainedCount;
      if (count !== p.signatureCount) {
        drift.push({ petitionId: p.id, slug: p.slug, stored: p.signatureCount, actual: count });
        if (opts.fix) await tx.petition.update({ where: { id: p.id }, data: { signatureCount: count } });
      }
    }
    return drift;
  });
}
