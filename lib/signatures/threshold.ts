// The moment a petition's count first reaches its response threshold, recorded once, by whichever
// signature (named, or an anonymous batch) gets it there.
import type { Prisma } from "@/lib/generated/prisma/client";
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
