// A second process that signs and withdraws on the same SQLite file as the test, so the test
// sees real contention for SQLite's write lock. Input: JSON on argv[2]; output: JSON results.
import { createDb } from "@/lib/db/client";
import { toRole } from "@/lib/auth/actor";
import { signPetition, withdrawSignature } from "@/lib/signatures";

type Job = { url: string; petitionId: string; sign: string[]; withdraw: string[] };

async function main() {
  const job = JSON.parse(process.argv[2]!) as Job;
  const db = createDb(job.url);
  const actor = async (id: string) => {
    const u = await db.user.findUniqueOrThrow({ where: { id } });
    return { ...u, role: toRole(u.role) };
  };
  const results = await Promise.allSettled([
    ...job.sign.map(async (id) => (await signPetition(db, await actor(id), job.petitionId, { visibility: "named" })).status),
    ...job.withdraw.map(async (id) => (await withdrawSignature(db, await actor(id), job.petitionId)).status),
  ]);
  await db.$disconnect();
  process.stdout.write(JSON.stringify(results.map((r) => (r.status === "fulfilled" ? r.value : `error: ${(r.reason as Error).message}`))));
}

void main();
