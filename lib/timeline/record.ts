import type { Prisma } from "@/lib/generated/prisma/client";
import { renderMessage, type DomainMessage } from "@/lib/i18n/message";
import enClient from "@/messages/en/client.json";

export const EVENT_KINDS = [
  "petition_opened",
  "threshold_reached",
  "response_posted",
  "response_edited",
  "program_status_changed",
  "commitment_made",
  "commitment_kept",
  "commitment_missed",
  "petition_closed",
  "organizer_update",
  "petition_delivered",
  "petition_moderated",
  "petition_duplicate",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * The kinds' names in English, from the "EventKind" namespace (messages/en/client.json), for the
 * JSON API, the Atom feed and text recorded once; pages show them with `useTranslations("EventKind")`.
 */
export const EVENT_LABELS: Record<EventKind, string> = enClient.EventKind;

type EventWriter = Pick<Prisma.TransactionClient, "timelineEvent" | "follow" | "notification">;

/**
 * Records a public event and notifies everyone who follows its petition or program, inside the
 * transaction that makes the change it reports, so an event exists exactly when its change does.
 * The summary is a message (messages/<locale>/domain.json "Timeline"), kept as its English
 * rendering and as the message itself, so pages and mail can show it in their reader's language.
 */
export async function recordEvent(
  tx: EventWriter,
  event: { kind: EventKind; petitionId?: string; programId?: string; responseId?: string; summary: DomainMessage; at: Date },
) {
  const created = await tx.timelineEvent.create({
    data: {
      kind: event.kind,
      petitionId: event.petitionId,
      programId: event.programId,
      responseId: event.responseId,
      // English for the API, the feed and search; the message for each reader's language.
      summary: renderMessage(event.summary, "en"),
      message: JSON.stringify(event.summary),
      createdAt: event.at,
    },
  });
  const targets = [
    ...(event.petitionId ? [{ targetType: "petition", targetId: event.petitionId }] : []),
    ...(event.programId ? [{ targetType: "program", targetId: event.programId }] : []),
  ];
  if (targets.length > 0) {
    const followers = await tx.follow.findMany({ where: { OR: targets }, select: { userId: true } });
    const userIds = [...new Set(followers.map((f) => f.userId))];
    if (userIds.length > 0) {
      await tx.notification.createMany({ data: userIds.map((userId) => ({ userId, eventId: created.id, createdAt: event.at })) });
    }
  }
  return created;
}
