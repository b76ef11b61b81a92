import "server-only";
import { db } from "@/lib/db/server";
import { closeExpiredPetitions } from "@/lib/petitions/commands";

const EVERY_MS = 60_000;
let started = false;

/** Periodic work of one server: closing petitions past their closing date. */
export function startScheduler() {
  if (started || process.env.UNDERSIGNED_SCHEDULER === "off") return;
  started = true;
  const run = async () => {
    try {
      const closed = await closeExpiredPetitions(db);
      if (closed > 0) console.log(`[scheduler] closed ${closed} petition(s) past their closing date`);
    } catch (error) {
      console.error(`[scheduler] closing petitions failed: ${error instanceof Error ? error.name : "error"}`);
    }
  };
  void run();
  setInterval(run, EVERY_MS).unref();
}
