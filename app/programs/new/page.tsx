import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { createProgramAction } from "@/app/programs/actions";
import { getTranslations } from "next-intl/server";
import { ProgramForm } from "@/components/ProgramForm";
import { getActor } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("NewProgramPage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function NewProgramPage() {
  const actor = await getActor();
  if (!actor) redirect("/signin?callbackUrl=%2Fprograms%2Fnew");
  if (actor.role !== "admin") forbidden();
  const t = await getTranslations("NewProgramPage");
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <div className="mt-6">
        <ProgramForm
          action={createProgramAction}
          submitLabel={t("submit")}
          defaults={{ name: "", slug: "", owningTeam: "", purpose: "", collects: "", retention: "", dataAccess: "", consentModel: "opt-in", status: "proposed", policyText: "", startedOn: "", endedOn: "" }}
        />
      </div>
    </div>
  );
}
