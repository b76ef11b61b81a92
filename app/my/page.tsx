import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { answerInviteAction } from "@/app/petitions/actions";
import { ActionForm } from "@/components/ActionForm";
import { AnonymouslySigned } from "@/components/anonymous/AnonymouslySigned";
import { PetitionCard } from "@/components/PetitionCard";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { listInvitations } from "@/lib/petitions/commands";
import { listOwnPetitions } from "@/lib/petitions/queries";
import { listNamedSignedPetitions } from "@/lib/petitions/signed";
import { getFormat } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("MyPage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function MyPetitionsPage() {
  const actor = await getActor();
  if (!actor) redirect("/signin?callbackUrl=%2Fmy");
  const [petitions, invitations, signed, t, f] = await Promise.all([
    listOwnPetitions(db, actor),
    listInvitations(db, actor),
    listNamedSignedPetitions(db, actor),
    getTranslations("MyPage"),
    getFormat(),
  ]);
  const link = (href: string) =>
    function InlineLink(chunks: React.ReactNode) {
      return <Link href={href} className="font-semibold text-brand underline">{chunks}</Link>;
    };
  return (
    <div>
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      {invitations.length > 0 && (
        <section aria-labelledby="invites-heading" className="mt-6 rounded-xl border border-amber-300 bg-amber-50/50 p-4">
          <h2 id="invites-heading" className="text-xl font-bold">{t("invitations")}</h2>
          <ul className="mt-2 grid gap-3" data-testid="invitations">
            {invitations.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-3">
                <Link href={`/petitions/${p.slug}`} className="font-semibold underline">{p.title}</Link>
                <ActionForm action={answerInviteAction} hidden={{ petitionId: p.id, accept: "true" }} submitLabel={t("accept")} />
                <ActionForm action={answerInviteAction} hidden={{ petitionId: p.id, accept: "false" }} submitLabel={t("decline")} variant="secondary" />
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2 id="organize-heading" className="mt-6 text-2xl font-bold">{t("organize")}</h2>
      <p className="mt-1 text-muted">{t("organizeIntro")}</p>
      {petitions.length === 0 ? (
        <p className="mt-3">{t.rich("organizeNone", { link: link("/petitions/new") })}</p>
      ) : (
        <ul className="mt-4 grid gap-4">
          {petitions.map((p) => (
            <li key={p.id}><PetitionCard petition={p} headingLevel={3} /></li>
          ))}
        </ul>
      )}

      <section aria-labelledby="signed-heading" className="mt-10">
        <h2 id="signed-heading" className="text-2xl font-bold">{t("signed")}</h2>
        <p className="mt-1 max-w-2xl text-sm text-muted">{t("signedIntro")}</p>
        {signed.length === 0 ? (
          <p className="mt-3">{t.rich("signedNone", { link: link("/petitions") })}</p>
        ) : (
          <ul className="mt-4 grid gap-4" data-testid="signed-petitions">
            {signed.map((p) => (
              <li key={p.id}>
                <p className="mb-1 text-sm text-muted">{t(p.coSponsor ? "coSponsoredOn" : "signedOn", { date: f.date(p.signedAt) })}</p>
                <PetitionCard petition={p} headingLevel={3} />
              </li>
            ))}
          </ul>
        )}
        <h3 className="mt-8 text-xl font-bold">{t("anonymous")}</h3>
        <AnonymouslySigned />
      </section>
    </div>
  );
}
