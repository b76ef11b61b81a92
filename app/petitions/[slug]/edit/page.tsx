import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { updateDraftAction } from "@/app/petitions/actions";
import { isoDay } from "@/lib/validation";
import { getTranslations } from "next-intl/server";
import { PetitionForm } from "@/components/PetitionForm";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { refusal, viewerOf } from "@/lib/petitions/policy";
import { findPetitionBySlug } from "@/lib/petitions/queries";
import { listProgramChoices } from "@/lib/programs";
import { getSettings } from "@/lib/settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("EditDraftPage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function EditDraftPage({ params }: PageProps<"/petitions/[slug]/edit">) {
  const { slug } = await params;
  const actor = await getActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/petitions/${slug}/edit`)}`);
  const petition = await findPetitionBySlug(db, slug);
  if (!petition) notFound();
  // The petition policy's answer for "edit": not an organizer means the draft does not exist as
  // far as this person can tell; an organizer of a submitted petition goes to its page.
  const refused = refusal(await viewerOf(db, actor, petition), petition, "edit");
  if (refused?.status === 403) notFound();
  if (refused) redirect(`/petitions/${slug}`);
  const [settings, t] = await Promise.all([getSettings(db), getTranslations("EditDraftPage")]);
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <div className="mt-6">
        <PetitionForm
          action={updateDraftAction}
          petitionId={petition.id}
          submitLabel={t("submit")}
          programs={await listProgramChoices(db)}
          closingHint={t("closingHint", { min: settings.closingDaysMin, max: settings.closingDaysMax })}
          defaults={{
            title: petition.title,
            ask: petition.ask,
            background: petition.background,
            addressedTo: petition.addressedTo,
            goal: String(petition.goal),
            closesOn: isoDay(petition.closesAt),
            programId: petition.programId ?? "",
          }}
        />
      </div>
    </div>
  );
}
