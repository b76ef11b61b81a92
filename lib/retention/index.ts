// Retention: some months after a petition closes (setting, default 24), its signature rows,
// named and anonymous, are removed, with every follow of it, every notification about it and
// every record of a withdrawn named signature
// (decision 017). The count stays exact (retainedCount keeps the removed number), and nothing
// links those people to the petition any more. Run by `npm run retention`
// and by the scheduler.
import type { Db } from "@/lib/db/client";
import { unlinkFromPetition } from "@/lib/follows";
import { requestScrub } from "@/lib/db/scrub";
import { getSettings } from "@/lib/settings";

export async function applyRetention(db: Db, clock: { now?: Date } = {}): Promise<{ petitions: number; signatures: number }> {
  const now = clock.now ?? new Date();
  const { retentionMonths } = await getSettings(db);
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - retentionMonths);
  // Petitions retained before follows were removed too still get their follows removed.
  const due = await db.petition.findMany({ where: { state: "closed", closedAt: { lt: cutoff } }, select: { id: true } });
  let petitions = 0;
  let signatures = 0;
  for (const p of due) {
    const removed = await db.$transaction(async (tx) => {
      const named = await tx.signature.deleteMany({ where: { petitionId: p.id } });
      const anonymous = await tx.anonSignature.deleteMany({ where: { petitionId: p.id } });
      // Who collected the petition's token, and its key, go too (decision 018).
      const slots = await tx.signTokenIssuance.deleteMany({ where: { petitionId: p.id } });
      await tx.signKey.deleteMany({ where: { petitionId: p.id } });
      const count = named.count + anonymous.count;
      if (count > 0) await tx.petition.update({ where: { id: p.id }, data: { retainedCount: { increment: count } } });
      const links = await unlinkFromPetition(tx, p.id);
      const withdrawals = await tx.namedWithdrawal.deleteMany({ where: { petitionId: p.id } });
      const any = count + slots.count + links.follows + links.notifications + withdrawals.count > 0;
      // The deleted rows stay in the files until they are rewritten (lib/db/scrub.ts).
      if (any) await requestScrub(tx, "retention");
      return { count, any };
    });
    signatures += removed.count;
    if (removed.any) petitions++;
  }
  return { petitions, signatures };
}
