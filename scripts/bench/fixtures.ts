// Prepares the benchmark's main database: a migrated schema, the small data set from
// seed-scale.ts, and through the domain layer one fresh petition per signing scenario, so every
// scenario's exactness check counts only its own signatures. Also mints a session cookie per
// signer, exactly as next-auth would, so the load carries real sessions.
import { encode } from "@auth/core/jwt";
import { createDb } from "@/lib/db/client";
import { createPetition, submitForCoSponsors } from "@/lib/petitions/commands";
import { writeSettings } from "@/lib/settings";

export const SESSION_COOKIE = "authjs.session-token";

export type HotPetition = { id: string; slug: string };

/** Opens `names.length` petitions, one per scenario, organized by the first seeded person. */
export async function createHotPetitions(url: string, names: readonly string[]): Promise<Record<string, HotPetition>> {
  const db = createDb(url);
  try {
    // Petitions open straight away; co-sponsoring is not what this measures.
    await writeSettings(db, { coSponsorsNeeded: 0 });
    const organizer = await db.user.findFirstOrThrow({ where: { id: "bu0" } });
    const actor = { ...organizer, role: "employee" as const };
    const out: Record<string, HotPetition> = {};
    for (const name of names) {
      const petition = await createPetition(db, actor, {
        title: `Benchmark petition for ${name}`,
        ask: "Count every signature exactly, however many arrive at once.",
        background: "A petition the benchmark signs many times a second, to measure Undersigned under load.",
        addressedTo: "The executive team",
        goal: 100_000,
      });
      await submitForCoSponsors(db, actor, petition.id);
      out[name] = { id: petition.id, slug: petition.slug };
    }
    return out;
  } finally {
    await db.$disconnect();
  }
}

/** Session cookies for people bu{from}…bu{from+n-1}, minted in parallel batches. */
export async function mintSessions(secret: string, from: number, n: number): Promise<{ userId: string; cookie: string }[]> {
  const out: { userId: string; cookie: string }[] = [];
  for (let i = 0; i < n; i += 256) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(256, n - i) }, async (_, k) => {
        const userId = `bu${from + i + k}`;
        const token = await encode({ token: { uid: userId, sub: userId }, secret, salt: SESSION_COOKIE });
        return { userId, cookie: `${SESSION_COOKIE}=${token}` };
      }),
    );
    out.push(...batch);
  }
  return out;
}
