// Following petitions and programs: followers get an in-app notification (and email if they
// chose it) when something public happens to what they follow.
import { msg, zodMessage } from "@/lib/i18n/message";
import { z } from "zod";
import { requireActor, type Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { notFound, parseInput } from "@/lib/errors";
import { recordId } from "@/lib/validation";
import type { Prisma } from "@/lib/generated/prisma/client";

export const followTargetSchema = z.object({
  targetType: z.enum(["petition", "program"], { error: zodMessage(msg("Validation.follows.targetType")) }),
  targetId: recordId(),
});
export type FollowTarget = z.infer<typeof followTargetSchema>;

async function assertTargetExists(db: Db, t: FollowTarget) {
  const found =
    t.targetType === "petition"
      ? await db.petition.findFirst({ where: { id: t.targetId, state: { in: ["open", "closed"] } }, select: { slug: true } })
      : await db.program.findUnique({ where: { id: t.targetId }, select: { slug: true } });
  if (!found) throw notFound(msg(t.targetType === "petition" ? "Errors.common.noPublicPetition" : "Errors.follows.noPublicProgram"));
  return found;
}

/** The page that shows a follow target, as { petition } or { program }. */
const pageOf = (t: FollowTarget, found: { slug: string } | null) => (t.targetType === "petition" ? { petition: found } : { program: found });

/** Adds a follow if missing; used inside the signing transaction too. */
export async function ensureFollow(tx: Pick<Prisma.TransactionClient, "follow">, userId: string, t: FollowTarget) {
  await tx.follow.upsert({
    where: { userId_targetType_targetId: { userId, ...t } },
    create: { userId, ...t },
    update: {},
  });
}

export async function follow(db: Db, actor: Actor | null, input: unknown) {
  const person = requireActor(actor, "follow");
  const t = parseInput(followTargetSchema, input);
  const found = await assertTargetExists(db, t);
  await ensureFollow(db, person.id, t);
  return pageOf(t, found);
}

export async function unfollow(db: Db, actor: Actor | null, input: unknown) {
  const person = requireActor(actor, "unfollow");
  const t = parseInput(followTargetSchema, input);
  await db.follow.deleteMany({ where: { userId: person.id, ...t } });
  const found =
    t.targetType === "petition"
      ? await db.petition.findUnique({ where: { id: t.targetId }, select: { slug: true } })
      : await db.program.findUnique({ where: { id: t.targetId }, select: { slug: true } });
  return pageOf(t, found);
}

export async function isFollowing(db: Db, actor: Actor | null, t: FollowTarget): Promise<boolean> {
  if (!actor) return false;
  const row = await db.follow.findUnique({ where: { userId_targetType_targetId: { userId: actor.id, ...t } }, select: { id: true } });
  return row !== null;
}

/**
 * Removes what ties people to a petition beyond their signature: their follow of it and their
 * notifications about its events. Withdrawal does this for the one person, retention for
 * everyone (decision 017), in the same transaction as the signatures go.
 */
export async function unlinkFromPetition(tx: Pick<Prisma.TransactionClient, "follow" | "notification">, petitionId: string, userId?: string) {
  const person = userId === undefined ? {} : { userId };
  const follows = await tx.follow.deleteMany({ where: { targetType: "petition", targetId: petitionId, ...person } });
  const notifications = await tx.notification.deleteMany({ where: { event: { petitionId }, ...person } });
  return { follows: follows.count, notifications: notifications.count };
}
