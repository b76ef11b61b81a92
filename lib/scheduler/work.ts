// The periodic work: closing petitions past their date, marking commitments missed when their
// date passes, applying retention, expiring legacy claims, scrubbing deleted rows, and emailing notifications (right away, or the daily digest).
// Each round runs under one lock (./lock.ts), so with several servers on PostgreSQL a round runs
// on one server at a time, and nobody gets an email twice. Every step is safe to repeat, so the
// next round, on whichever server, finds nothing left to do.
import { authSecrets, type ServerConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { createMailer, sendPendingEmails, type Mailer } from "@/lib/mail";
import { closeExpiredPetitions } from "@/lib/petitions/commands";
import { markMissedCommitments } from "@/lib/responses";
import { applyRetention } from "@/lib/retention";
import { scrubIfRequested } from "@/lib/db/scrub";
import { expireLegacyClaims } from "@/lib/signatures/legacy";
import { createExclusive } from "./lock";

export type ScheduledWork = {
  mailer: Mailer | null;
  secret: string;
  appUrl: string;
  digestHourUtc: number;
  /** Days a legacy anonymous-signature claim is kept (decision 018). */
  legacyClaimDays: number;
  now?: () => Date;
};

/** The app's public address for links in mail: AUTH_URL, else this server on PORT. */
export function appUrl(config: ServerConfig): string {
  return (config.AUTH_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, "");
}

/**
 * The scheduler's settings from the configuration. Mail is signed with the first of the
 * rotation-aware secrets (AUTH_SECRET_3…1, then AUTH_SECRET), so a deployment that sets only
 * AUTH_SECRET_1 still sends mail whose unsubscribe links verify.
 */
export function scheduledWorkFromConfig(config: ServerConfig): ScheduledWork {
  return { mailer: createMailer(config), secret: authSecrets(config)[0] ?? "", appUrl: appUrl(config), digestHourUtc: config.DIGEST_HOUR_UTC, legacyClaimDays: config.UNDERSIGNED_LEGACY_CLAIM_DAYS };
}

async function step(name: string, run: () => Promise<number>) {
  try {
    const n = await run();
    if (n > 0) console.log(`[scheduler] ${name}: ${n}`);
  } catch (error) {
    console.error(`[scheduler] ${name} failed: ${error instanceof Error ? error.name : "error"}`);
  }
}

/** One round of the work; resolves to false when another round (here or on another server) was running. */
export function scheduledRound(db: Db, opts: ScheduledWork): () => Promise<boolean> {
  const exclusive = createExclusive(db);
  const clock = opts.now ?? (() => new Date());
  return () =>
    exclusive("scheduler", async () => {
      const now = clock();
      await step("closed petitions past their date", () => closeExpiredPetitions(db, { now }));
      await step("commitments missed", () => markMissedCommitments(db, { now }));
      await step("signatures removed by retention", async () => (await applyRetention(db, { now })).signatures);
      await step("legacy anonymous-signature claims expired", () => expireLegacyClaims(db, { days: opts.legacyClaimDays, now }));
      // Last of the database work, so what the steps above deleted is scrubbed in the same round.
      await step("database scrubbed of deleted rows", () => scrubIfRequested(db));
      if (opts.mailer && opts.secret) {
        const mail = { appUrl: opts.appUrl, secret: opts.secret, now };
        await step("instant emails sent", () => sendPendingEmails(db, opts.mailer!, { mode: "instant", ...mail }));
        if (now.getUTCHours() === opts.digestHourUtc) {
          await step("daily digests sent", () => sendPendingEmails(db, opts.mailer!, { mode: "daily", ...mail }));
        }
      }
    });
}
