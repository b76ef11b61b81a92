// "Petitions I signed": the petitions a person signed with their name. Anonymous signatures are
// never looked up here: the server must not be able to tie one to a person (decision 017), so
// only the person's own browser can list those.
import "server-only";
import { requireActor, type Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { toSummary } from "./queries";

/** Petitions the actor signed by name (co-sponsorships included), newest signature first. */
export async function listNamedSignedPetitions(db: Db, actor: Actor | null, opts: { now?: Date } = {}) {
  const signer = requireActor(actor, "see the petitions you signed");
  const now = opts.now ?? new Date();
  const rows = await db.signature.findMany({
    where: { userId: signer.id, visibility: "named", petition: { state: { in: ["open", "closed", "collecting"] } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
    select: { createdAt: true, coSponsor: true, petition: true },
  });
  return rows.map((r) => ({ ...toSummary(r.petition, now), signedAt: r.createdAt.toISOString(), coSponsor: r.coSponsor }));
}
