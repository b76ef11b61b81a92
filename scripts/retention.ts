// `npm run retention`: removes the signatures of petitions closed longer than the retention
// setting, keeping their counts, then scrubs the database of the removed rows (lib/db/scrub.ts).
import { createDb } from "@/lib/db/client";
import { scrubIfRequested } from "@/lib/db/scrub";
import { applyRetention } from "@/lib/retention";

const db = createDb();
applyRetention(db)
  .then(async (r) => {
    console.log(`Retention: removed ${r.signatures} signatures from ${r.petitions} petitions closed longer than the retention period; counts kept.`);
    if (await scrubIfRequested(db)) console.log("Retention: the database was rewritten, so the removed rows are gone from its files.");
  })
  .catch((error: unknown) => {
    console.error("Retention failed:", error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
