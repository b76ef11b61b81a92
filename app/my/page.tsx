import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PetitionCard } from "@/components/PetitionCard";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { listOwnPetitions } from "@/lib/petitions/queries";

export const metadata: Metadata = { title: "My petitions" };
export const dynamic = "force-dynamic";

export default async function MyPetitionsPage() {
  const actor = await getActor();
  if (!actor) redirect("/signin?callbackUrl=%2Fmy");
  const petitions = await listOwnPetitions(db, actor);
  return (
    <div>
      <h1 className="text-3xl font-bold">My petitions</h1>
      <p className="mt-2 text-muted">Petitions you started or co-organize, drafts included.</p>
      {petitions.length === 0 ? (
        <p className="mt-6">
          You do not organize any petition yet. <Link href="/petitions/new" className="font-semibold text-brand underline">Start one</Link>.
        </p>
      ) : (
        <ul className="mt-6 grid gap-4">
          {petitions.map((p) => (
            <li key={p.id}><PetitionCard petition={p} headingLevel={2} /></li>
          ))}
        </ul>
      )}
    </div>
  );
}
