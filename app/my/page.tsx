import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { answerInviteAction } from "@/app/petitions/actions";
import { ActionForm } from "@/components/ActionForm";
import { PetitionCard } from "@/components/PetitionCard";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { listInvitations } from "@/lib/petitions/commands";
import { listOwnPetitions } from "@/lib/petitions/queries";

export const metadata: Metadata = { title: "My petitions" };
export const dynamic = "force-dynamic";

export default async function MyPetitionsPage() {
  const actor = await getActor();
  if (!actor) redirect("/signin?callbackUrl=%2Fmy");
  const [petitions, invitations] = await Promise.all([listOwnPetitions(db, actor), listInvitations(db, actor)]);
  return (
    <div>
      <h1 className="text-3xl font-bold">My petitions</h1>
      <p className="mt-2 text-muted">Petitions you started or co-organize, drafts included.</p>
      {invitations.length > 0 && (
        <section aria-labelledby="invites-heading" className="mt-6 rounded-xl border border-amber-300 bg-amber-50/50 p-4">
          <h2 id="invites-heading" className="text-xl font-bold">Invitations to co-organize</h2>
          <ul className="mt-2 grid gap-3" data-testid="invitations">
            {invitations.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-3">
                <Link href={`/petitions/${p.slug}`} className="font-semibold underline">{p.title}</Link>
                <ActionForm action={answerInviteAction} hidden={{ petitionId: p.id, accept: "true" }} submitLabel="Accept" />
                <ActionForm action={answerInviteAction} hidden={{ petitionId: p.id, accept: "false" }} submitLabel="Decline" variant="secondary" />
              </li>
            ))}
          </ul>
        </section>
      )}
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
