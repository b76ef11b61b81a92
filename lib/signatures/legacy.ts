// Legacy claims (decision 018): a person who signed anonymously before signing tokens existed has
// a SignTokenIssuance row with legacyDay set until their next visit settles it. Until then that row
// says they signed. Claims are not kept for ever: after UNDERSIGNED_LEGACY_CLAIM_DAYS the ones
// never settled are rewritten as plain issuances and the database is scrubbed. Their signatures
// still count; their holders can no longer withdraw them (nobody can tell which they are).
import type { Db } from "@/lib/db/client";
import { requestScrub } from "@/lib/db/scrub";
import { shuffle } from "@/lib/anonymity/batch";
import { isoDay } from "@/lib/validation";

const DAY = 86_400_000;

/** Rewrites every legacy claim older than `days` as a plain issuance; returns how many. */
export async function expireLegacyClaims(db: Db, opts: { days: number; now?: Date }): Promise<number> {
  const now = opts.now ?? new Date();
  const cutoff = isoDay(new Date(now.getTime() - opts.days * DAY));
  return db.$transaction(async (tx) => {
    const due = await tx.signTokenIssuance.findMany({ where: { legacyDay: { lte: cutoff } }, select: { petitionId: true, userId: true } });
    if (due.length === 0) return 0;
    await tx.signTokenIssuance.deleteMany({ where: { legacyDay: { lte: cutoff } } });
    // Written back in random order, so the new rows' order says nothing about the old ones'.
    for (const row of shuffle(due)) await tx.signTokenIssuance.create({ data: row });
    await requestScrub(tx, "legacy claims expired");
    return due.length;
  });
}
