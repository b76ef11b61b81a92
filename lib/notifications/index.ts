// In-app notifications and the email preference. Notifications are created with their event
// (lib/timeline/record.ts); this module reads them and manages how people want email.
import { DEFAULT_LOCALE, type Locale } from "@/i18n/locales";
import { msg, zodMessage } from "@/lib/i18n/message";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { requireActor, type Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { DomainError, parseInput } from "@/lib/errors";
import { TIMELINE_EVENT_SELECT, toTimelineItem } from "@/lib/timeline/queries";

export const EMAIL_MODES = ["off", "instant", "daily"] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];


export async function listNotifications(db: Db, actor: Actor | null, locale: Locale = DEFAULT_LOCALE, take = 50) {
  const person = requireActor(actor, "see notifications");
  const rows = await db.notification.findMany({
    where: { userId: person.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, readAt: true, event: { select: TIMELINE_EVENT_SELECT } },
  });
  return rows.map((n) => ({ id: n.id, read: n.readAt !== null, event: toTimelineItem(n.event, locale) }));
}

export async function unreadCount(db: Db, actor: Actor | null): Promise<number> {
  if (!actor) return 0;
  return db.notification.count({ where: { userId: actor.id, readAt: null } });
}

export async function markAllRead(db: Db, actor: Actor | null, clock: { now?: Date } = {}) {
  const person = requireActor(actor, "mark notifications read");
  await db.notification.updateMany({ where: { userId: person.id, readAt: null }, data: { readAt: clock.now ?? new Date() } });
}

export async function setEmailMode(db: Db, actor: Actor | null, input: unknown) {
  const person = requireActor(actor, "choose email settings");
  const { emailMode } = parseInput(z.object({ emailMode: z.enum(EMAIL_MODES, { error: zodMessage(msg("Validation.notifications.chooseOffInstantDaily")) }) }), input);
  await db.user.update({ where: { id: person.id }, data: { emailMode } });
  return emailMode;
}

export async function getEmailMode(db: Db, actor: Actor): Promise<EmailMode> {
  const row = await db.user.findUnique({ where: { id: actor.id }, select: { emailMode: true } });
  return (EMAIL_MODES as readonly string[]).includes(row?.emailMode ?? "") ? (row!.emailMode as EmailMode) : "off";
}

/**
 * Unsubscribe links work without signing in: the token is the account id with an HMAC under a
 * server secret, so it can only switch email off for that one account and cannot be guessed.
 */
export function unsubscribeToken(userId: string, secret: string): string {
  const mac = createHmac("sha256", secret).update(`unsubscribe:${userId}`).digest("base64url").slice(0, 32);
  return `${Buffer.from(userId).toString("base64url")}.${mac}`;
}

/**
 * The account an unsubscribe token names, when its signature is right under any secret in
 * rotation (lib/config's authSecrets); changes nothing, so the page a link opens can check the
 * link before anyone presses the button.
 */
export function unsubscribeTokenUser(token: unknown, secret: string | readonly string[]): string {
  const invalid = () => new DomainError("invalid_input", msg("Errors.notifications.unsubscribeLinkValidSign"));
  if (typeof token !== "string" || token.length > 300 || !token.includes(".")) throw invalid();
  const [idPart, mac] = token.split(".") as [string, string];
  const userId = Buffer.from(idPart, "base64url").toString("utf8");
  // Compared as bytes: a signature as long as the real one in characters but not in bytes
  // (é, €) must be refused, not make timingSafeEqual throw.
  const given = Buffer.from(mac);
  const matches = (key: string) => {
    const expected = Buffer.from(unsubscribeToken(userId, key).split(".")[1]!);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  // No secret at all matches nothing: an empty key would make every server's tokens alike.
  if (!(typeof secret === "string" ? [secret] : secret).some((key) => key !== "" && matches(key))) throw invalid();
  return userId;
}

/** Switches email off for the account the token names (a POST: the button, or RFC 8058 one-click). */
export async function unsubscribe(db: Db, token: unknown, secret: string | readonly string[]): Promise<void> {
  const userId = unsubscribeTokenUser(token, secret);
  await db.user.updateMany({ where: { id: userId }, data: { emailMode: "off" } });
}
