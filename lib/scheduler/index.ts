import "server-only";
// Starts the periodic work (./work.ts) in this server process. With several servers on PostgreSQL
// every server keeps the timer, and the advisory lock makes each round run on one of them.
import { db } from "@/lib/db/server";
import { createMailer } from "@/lib/mail";
import { scheduledRound } from "./work";

const EVERY_MS = Number(process.env.UNDERSIGNED_SCHEDULER_MS ?? 30_000);
const DIGEST_HOUR_UTC = Number(process.env.DIGEST_HOUR_UTC ?? 7);
let started = false;

export function appUrl(): string {
  return (process.env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

export function startScheduler() {
  if (started || process.env.UNDERSIGNED_SCHEDULER === "off") return;
  started = true;
  const round = scheduledRound(db, {
    mailer: createMailer(),
    secret: process.env.AUTH_SECRET ?? "",
    appUrl: appUrl(),
    digestHourUtc: DIGEST_HOUR_UTC,
  });
  const run = () =>
    void round().catch((error: unknown) => console.error(`[scheduler] round failed: ${error instanceof Error ? error.name : "error"}`));
  run();
  setInterval(run, EVERY_MS).unref();
}
