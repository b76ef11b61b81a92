// A database for test/e2e/config.spec.ts, written through the domain layer. Run with tsx in its
// own process (the app's modules load there, not in Playwright's); prints JSON.
//   prepare URL SECRET → a fresh migrated database with one person who gets instant email, and
//                        unsubscribe links for them under SECRET and under another secret
//   mode URL USER_ID   → that person's email setting
import { createDb } from "@/lib/db/client";
import { unsubscribeToken } from "@/lib/notifications";
import { prepareDatabase } from "@/scripts/prepare-db";

async function main() {
  const [command, url, arg] = process.argv.slice(2);
  if (!url || !arg) throw new Error("usage: config-db.ts prepare|mode URL ARG");
  if (command === "prepare") await prepareDatabase(url, { seed: false });
  const db = createDb(url);
  try {
    if (command === "prepare") {
      const user = await db.user.create({ data: { email: "rotation@example.com", name: "Rotation Reader", emailMode: "instant" } });
      return { userId: user.id, token: unsubscribeToken(user.id, arg), forged: unsubscribeToken(user.id, `${arg}-but-another`) };
    }
    if (command === "mode") return { emailMode: (await db.user.findUniqueOrThrow({ where: { id: arg } })).emailMode };
    throw new Error(`unknown command ${command}`);
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (out) => process.stdout.write(JSON.stringify(out)),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
