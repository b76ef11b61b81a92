import "server-only";
// Starts the periodic work (./work.ts) in this server process. With several servers on PostgreSQL
// every server keeps the timer, and the advisory lock makes each round run on one of them.
import { serverConfig } from "@/lib/config";
import { db } from "@/lib/db/server";
import { scheduledRound, scheduledWorkFromConfig } from "./work";

let started = false;

export function startScheduler() {
  const config = serverConfig();
  if (started || !config.UNDERSIGNED_SCHEDULER) return;
  started = true;
  const work = scheduledWorkFromConfig(config);
  if (work.mailer && !work.secret) console.warn("[scheduler] no AUTH_SECRET is set: email is not sent (its unsubscribe links need one)");
  const round = scheduledRound(db, work);
  const run = () =>
    void round().catch((error: unknown) => console.error(`[scheduler] round failed: ${error instanceof Error ? error.name : "error"}`));
  run();
  setInterval(run, config.UNDERSIGNED_SCHEDULER_MS).unref();
}
