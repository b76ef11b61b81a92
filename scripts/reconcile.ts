// `npm run reconcile [-- --fix]`: recounts every petition's signatures and reports any drift
// between the stored count and the signature rows. Exits 1 when drift is found (without --fix).
import { createDb } from "@/lib/db/client";
import { reconcileCounts } from "@/lib/signatures";

const fix = process.argv.includes("--fix");
const db = createDb();
reconcileCounts(db, { fix })
  .then((drift) => {
    const total = drift.length;
    if (total === 0) {
      console.log("All petition counts match their signatures.");
      return;
    }
    for (const d of drift) console.log(`${d.slug}: stored ${d.stored}, actual ${d.actual}${fix ? " (fixed)" : ""}`);
    console.log(`${total} petition${total === 1 ? "" : "s"} drifted${fix ? " and were corrected" : "; run with --fix to correct"}.`);
    if (!fix) process.exitCode = 1;
  })
  .catch((error: unknown) => {
    console.error("Reconcile failed:", error instanceof Error ? error.message : error);
    process.exitCode = 2;
  })
  .finally(() => db.$disconnect());
