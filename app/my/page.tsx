import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { answerInviteAction } from "@/app/petitions/actions";
import { ActionForm } from "@/components/ActionForm";
import { AnonymouslySigned } from "@/components/anonymous/AnonymouslySigned";
import { PetitionCard } from "@/components/PetitionCard";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { listInvitations } from "@/lib/petitions/commands";
import { listOwnPetitions } from "@/lib/petitions/queries";
import { listNamedSignedPetitions } from "@/lib/petitions/signed";
import { formatDate } from "@/components/format";

export const metadata: Metadata = { title: "My petitions" };
export const dynamic = "force-dynamic";

export default async function MyPetitionsPage() {
  const actor = await getActor();
  if (!actor) redirect("/signin?callbackUrl=%2Fmy");
  const [petitions, invitations, signed] = await Promise.all([listOwnPetitions(db, actor), listInvitations(db, actor), listNamedSignedPetitions(db, actor)]);
  return (
    <div>
      <h1 className="text-3xl font-bold">My petitions</h1>
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
      <h2 id="organize-heading" className="mt-6 text-2xl font-bold">Petitions I organize</h2>
      <p className="mt-1 text-muted">Petitions you started or co-organize, drafts included.</p>
      {petitions.length === 0 ? (
        <p className="mt-3">
          You do not organize any petition yet. <Link href="/petitions/new" className="font-semibold text-brand underline">Start one</Link>.
        </p>
      ) : (
        <ul className="mt-4 grid gap-4">
          {petitions.map((p) => (
            <li key={p.id}><PetitionCard petition={p} headingLevel={3} /></li>
          ))}
        </ul>
      )}

      <section aria-labelledby="signed-heading" className="mt-10">
        <h2 id="signed-heading" className="text-2xl font-bold">Petitions I signed</h2>
        <p className="mt-1 max-w-2xl text-sm text-muted">
          Petitions you signed with your name. Your anonymous signatures are listed below them from this browser alone: the server
          cannot tell which are yours, by design.
        </p>
        {signed.length === 0 ? (
          <p className="mt-3">You have not signed any petition with your name yet. <Link href="/petitions" className="font-semibold text-brand underline">Browse petitions</Link>.</p>
        ) : (
          <ul className="mt-4 grid gap-4" data-testid="signed-petitions">
            {signed.map((p) => (
              <li key={p.id}>
                <p className="mb-1 text-sm text-muted">{p.coSponsor ? "Co-sponsored" : "Signed"} {formatDate(p.signedAt)}</p>
                <PetitionCard petition={p} headingLevel={3} />
              </li>
            ))}
          </ul>
        )}
        <h3 className="mt-8 text-xl font-bold">Signed anonymously, in this browser</h3>
        <AnonymouslySigned />
      </section>
    </div>
  );
}
