// `npm run db:seed`: seeds the demo story into DATABASE_URL (which must be migrated and empty).
import { createDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";

const db = createDb();
const started = Date.now();
seedDemo(db)
  .then((summary) => {
    console.log(
      `Seeded ${summary.users} people, ${summary.petitions} petitions and ${summary.signatures} signatures in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  })
  .catch((error: unknown) => {
    console.error("Seeding failed:", error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
