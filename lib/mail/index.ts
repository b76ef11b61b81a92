// Email about followed petitions and programs, through SMTP with nodemailer. Without SMTP_URL,
// outside production, mail is written to data/mailbox and shown at /dev/mailbox instead.
// Each mail is written in its recipient's language (User.locale: their choice in the switcher, or
// the language they first signed in with); the events' summaries are the public record's words
// and stay as they were recorded (docs/decisions/029).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import nodemailer, { type Transporter } from "nodemailer";
import { serverConfig, type ServerConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { msg, renderMessage, type DomainKey } from "@/lib/i18n/message";
import type { Locale } from "@/i18n/locales";
import { messagesFor } from "@/i18n/messages";
import { eventSummary } from "@/lib/timeline/queries";
import { unsubscribeToken } from "@/lib/notifications";
import { EVENT_KINDS, type EventKind } from "@/lib/timeline/record";
import { mailLocale } from "@/lib/users";

export type Mailer = { send(message: { to: string; subject: string; text: string; html: string; headers: Record<string, string> }): Promise<void> };

export const MAILBOX_DIR = path.join(process.cwd(), "data", "mailbox");

/** Whether mail is written to MAILBOX_DIR (shown at /dev/mailbox) instead of sent. */
export function usesDevMailbox(config: ServerConfig = serverConfig()): boolean {
  return !config.SMTP_URL && (!config.production || config.AUTH_DEV_LOGIN === true);
}

export function createMailer(config: ServerConfig = serverConfig()): Mailer | null {
  const from = config.MAIL_FROM;
  if (config.SMTP_URL) {
    const transport: Transporter = nodemailer.createTransport(config.SMTP_URL);
    return { send: async (m) => void (await transport.sendMail({ from, ...m })) };
  }
  if (!usesDevMailbox(config)) return null;
  const transport = nodemailer.createTransport({ jsonTransport: true });
  return {
    async send(m) {
      const info = await transport.sendMail({ from, ...m });
      mkdirSync(MAILBOX_DIR, { recursive: true });
      writeFileSync(path.join(MAILBOX_DIR, `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`), String(info.message));
    },
  };
}

const escape = (s: string) => s.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!);

type Pending = { id: string; event: { kind: string; summary: string; message: string | null; petition: { slug: string } | null; program: { slug: string } | null } };

type KindTranslator = (kind: EventKind) => string;
// One translator per language, made on first use: a mail has a line per event.
const kindTranslators = new Map<Locale, KindTranslator>();

/** An event kind's name in a language ("Organizer update", "Neuigkeit der Organisator:innen"). */
export function eventLabel(kind: string, locale: Locale): string {
  if (!(EVENT_KINDS as readonly string[]).includes(kind)) return kind;
  let t = kindTranslators.get(locale);
  if (!t) kindTranslators.set(locale, (t = createTranslator({ locale, messages: messagesFor(locale), namespace: "EventKind" })));
  return t(kind as EventKind);
}

export function compose(items: Pending[], appUrl: string, unsubscribeUrl: string, digest: boolean, locale: Locale) {
  const t = (key: DomainKey, values?: Record<string, string | number>) => renderMessage(msg(key, values), locale);
  const lines = items.map((n) => {
    const href = n.event.petition ? `${appUrl}/petitions/${n.event.petition.slug}` : n.event.program ? `${appUrl}/programs/${n.event.program.slug}` : `${appUrl}/timeline`;
    return { label: eventLabel(n.event.kind, locale), summary: eventSummary(n.event, locale), href };
  });
  const subject = digest || items.length > 1 ? t("Mail.subjectUpdates", { count: items.length }) : t("Mail.subjectOne", { label: lines[0]!.label });
  const intro = digest ? t("Mail.introDigest") : t("Mail.introInstant");
  const text = [intro, "", ...lines.map((l) => `- ${l.label}: ${l.summary}\n  ${l.href}`), "", t("Mail.stopWithLink", { url: unsubscribeUrl })].join("\n");
  const html = `<p>${escape(intro)}</p><ul>${lines
    .map((l) => `<li><strong>${escape(l.label)}:</strong> <a href="${escape(l.href)}">${escape(l.summary)}</a></li>`)
    .join("")}</ul><p><a href="${escape(unsubscribeUrl)}">${escape(t("Mail.stop"))}</a></p>`;
  return { subject, text, html };
}

/**
 * Emails pending notifications: for people who chose "instant", everything pending; for
 * "daily", a digest, at most one per 20 hours. Marks them emailed only after the send succeeded.
 */
export async function sendPendingEmails(
  db: Db,
  mailer: Mailer,
  opts: { mode: "instant" | "daily"; appUrl: string; secret: string; now?: Date },
): Promise<number> {
  const now = opts.now ?? new Date();
  const pending = await db.notification.findMany({
    where: { emailedAt: null, user: { emailMode: opts.mode } },
    orderBy: { createdAt: "asc" },
    take: 5000,
    select: {
      id: true,
      userId: true,
      user: { select: { email: true, locale: true } },
      event: { select: { kind: true, summary: true, message: true, petition: { select: { slug: true } }, program: { select: { slug: true } } } },
    },
  });
  const byUser = new Map<string, typeof pending>();
  for (const n of pending) byUser.set(n.userId, [...(byUser.get(n.userId) ?? []), n]);
  let sent = 0;
  for (const [userId, items] of byUser) {
    if (opts.mode === "daily") {
      const recent = await db.notification.findFirst({ where: { userId, emailedAt: { gt: new Date(now.getTime() - 20 * 3_600_000) } }, select: { id: true } });
      if (recent) continue;
    }
    const unsubscribeUrl = `${opts.appUrl}/unsubscribe?token=${unsubscribeToken(userId, opts.secret)}`;
    const mail = compose(items, opts.appUrl, unsubscribeUrl, opts.mode === "daily", mailLocale(items[0]!.user.locale));
    try {
      await mailer.send({
        to: items[0]!.user.email,
        ...mail,
        headers: {
          "List-Unsubscribe": `<${opts.appUrl}/api/unsubscribe?token=${unsubscribeToken(userId, opts.secret)}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
      });
    } catch (error) {
      console.error(`[mail] sending failed: ${error instanceof Error ? error.name : "error"}`);
      continue;
    }
    await db.notification.updateMany({ where: { id: { in: items.map((i) => i.id) } }, data: { emailedAt: now } });
    sent++;
  }
  return sent;
}
