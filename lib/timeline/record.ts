import type { Prisma } from "@/lib/generated/prisma/client";

export const EVENT_KINDS = [
  "petition_opened",
  "threshold_reached",
  "petition_closed",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

type EventWriter = Pick<Prisma.TransactionClient, "timelineEvent">;

/** Records a public event; call it inside the transaction that makes the change it reports. */
export async function recordEvent(
  tx: EventWriter,
  event: { kind: EventKind; petitionId?: string; summary: string; at: Date },
) {
  await tx.timelineEvent.create({
    data: { kind: event.kind, petitionId: event.petitionId, summary: event.summary, createdAt: event.at },
  });
}
