import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { updateProgramAction } from "@/app/programs/actions";
import { getTranslations } from "next-intl/server";
import { ProgramForm } from "@/components/ProgramForm";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { getProgramWithVersionList } from "@/lib/programs";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("EditProgramPage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function EditProgramPage({ params }: PageProps<"/programs/[slug]/edit">) {
  const { slug } = await params;
  const actor = await getActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/programs/${slug}/edit`)}`);
  if (actor.role !== "admin") forbidden();
  const program = await getProgramWithVersionList(db, slug).catch((e: unknown) => {
    if (e instanceof DomainError && e.status === 404) notFound();
    throw e;
  });
  const t = await getTranslations("EditProgramPage");
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold">{t("heading", { name: program.name })}</h1>
      <div className="mt-6">
        <ProgramForm
          action={updateProgramAction}
          currentSlug={program.slug}
          submitLabel={t("submit")}
          defaults={{
            name: program.name,
            slug: program.slug,
            owningTeam: program.owningTeam,
            purpose: program.purpose,
            collects: program.collects.join("\n"),
            retention: program.retention,
            dataAccess: program.dataAccess,
            consentModel: program.consentModel,
            status: program.status,
            policyText: program.policyText,
            startedOn: program.startedOn ?? "",
            endedOn: program.endedOn ?? "",
          }}
        />
      </div>
    </div>
  );
}
