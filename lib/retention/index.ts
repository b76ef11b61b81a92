// Retention: some months after a petition closes (setting, default 24), its signature rows,
// named and anonymous, are removed. The count stays exact (retainedCount keeps the removed
// number), and nothing links those people to the petition any more. Run by `npm run retention`
// and by the scheduler.
import type { Db } from "@/lib/db/client";
import { getSettings } from "@/lib/settings";

export async function applyRetention(db: Db, clock: { now?: Date } = {}): Promise<{ petitions: number; signatures: number }> {
  const now = clock.now ?? new Date();
  const { retentionMonths } = await getSettings(db);
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - retentionMonths);
  const due = await db.petition.findMany({
    where: { state: "closed", closedAt: { lt: cutoff }, signatures: { some: {} } },
    select: { id: true },
  });
  let signatures = 0;
  for (const p of due) {
    signatures += await db.$transaction(async (tx) => {
      const { count } = await tx.signature.deleteMany({ where: { petitionId: p.id } });
      await tx.petition.update({ where: { id: p.id }, data: { retainedCount: { increment: count } } });
      return count;
    });
  }
  return { petitions: due.length, signatures };
}
