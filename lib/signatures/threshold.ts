// The moment a petition's count first reaches its response threshold, recorded once, by whichever
// signature (named, or an anonymous batch) gets it there.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getSettings } from "@/lib/settings";
import { msg } from "@/lib/i18n/message";
import { recordEvent } from "@/lib/timeline/record";

const DAY = 24 * 60 * 60 * 1000;

/** Records the moment the count first reaches the response threshold, once. */
export async function markThresholdIfReached(tx: Prisma.TransactionClient, petitionId: string, dueDays: number, now: Date) {
  const { count } = await tx.petition.updateMany({
    where: {
      id: petitionId,
      thresholdReachedAt: null,
      signatureCount: { gte: tx.petition.fields.responseThreshold },
    },
    data: { thresholdReachedAt: now, responseDueAt: new Date(now.getTime() + dueDays * DAY) },
  });
  if (count === 1) {
    const p = await tx.petition.findUniqueOrThrow({
      where: { id: petitionId },
      select: { title: true, responseThreshold: true },
    });
    await recordEvent(tx, {
      kind: "threshold_reached",
      petitionId,
      summary: msg("Timeline.thresholdReached", { count: p.responseThreshold, days: dueDays, title: p.title }),
      at: now,
    });
  }
}

/**
 * The same, in a transaction of its own, for a count that got there outside one (lib/signatures/direct.ts).
 * Never throws: the signatures that got there are written and answered whatever happens here, and
 * the next signature over the threshold records the moment instead. Logs only the error's class.
 */
export async function recordThresholdIfReached(db: Db, petitionId: string, now: Date): Promise<void> {
  try {
    const { responseDueDays } = await getSettings(db);
    await db.$transaction((tx) => markThresholdIfReached(tx, petitionId, responseDueDays, now));
  } catch (error: unknown) {
    console.error(`[signatures] threshold not recorded: ${error instanceof Error ? error.name : "UnknownError"}`);
  }
}
