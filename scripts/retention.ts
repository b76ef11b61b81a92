// `npm run retention`: removes the signatures of petitions closed longer than the retention
// setting, keeping their counts.
import { createDb } from "@/lib/db/client";
import { applyRetention } from "@/lib/retention";

const db = createDb();
applyRetention(db)
  .then((r) => console.log(`Retention: removed ${r.signatures} signatures from ${r.petitions} petitions closed longer than the retention period; counts kept.`))
  .catch((error: unknown) => {
    console.error("Retention failed:", error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
