import "server-only";
// Periodic work of one server process: closing petitions past their date, marking commitments
// missed when their date passes, and emailing notifications (right away, or the daily digest).
import { db } from "@/lib/db/server";
import { createMailer, sendPendingEmails } from "@/lib/mail";
import { closeExpiredPetitions } from "@/lib/petitions/commands";
import { markMissedCommitments } from "@/lib/responses";
import { applyRetention } from "@/lib/retention";

const EVERY_MS = Number(process.env.UNDERSIGNED_SCHEDULER_MS ?? 30_000);
const DIGEST_HOUR_UTC = Number(process.env.DIGEST_HOUR_UTC ?? 7);
let started = false;

export function appUrl(): string {
  return (process.env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

async function step(name: string, run: () => Promise<number>) {
  try {
    const n = await run();
    if (n > 0) console.log(`[scheduler] ${name}: ${n}`);
  } catch (error) {
    console.error(`[scheduler] ${name} failed: ${error instanceof Error ? error.name : "error"}`);
  }
}

export function startScheduler() {
  if (started || process.env.UNDERSIGNED_SCHEDULER === "off") return;
  started = true;
  const mailer = createMailer();
  const secret = process.env.AUTH_SECRET ?? "";
  const run = async () => {
    await step("closed petitions past their date", () => closeExpiredPetitions(db));
    await step("commitments missed", () => markMissedCommitments(db));
    await step("signatures removed by retention", async () => (await applyRetention(db)).signatures);
    if (mailer && secret) {
      await step("instant emails sent", () => sendPendingEmails(db, mailer, { mode: "instant", appUrl: appUrl(), secret }));
      if (new Date().getUTCHours() === DIGEST_HOUR_UTC) {
        await step("daily digests sent", () => sendPendingEmails(db, mailer, { mode: "daily", appUrl: appUrl(), secret }));
      }
    }
  };
  void run();
  setInterval(run, EVERY_MS).unref();
}
