import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { createPetitionAction } from "@/app/petitions/actions";
import { getTranslations } from "next-intl/server";
import { PetitionForm } from "@/components/PetitionForm";
import { getActor } from "@/lib/auth/session";
import { defaultClosingDay } from "@/lib/petitions/commands";
import { db } from "@/lib/db/server";
import { listProgramChoices } from "@/lib/programs";
import { getFormat } from "@/lib/i18n/server";
import { getSettings } from "@/lib/settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("NewPetitionPage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function NewPetitionPage() {
  if (!(await getActor())) redirect("/signin?callbackUrl=%2Fpetitions%2Fnew");
  const [settings, t, f] = await Promise.all([getSettings(db), getTranslations("NewPetitionPage"), getFormat()]);
  const defaultClose = defaultClosingDay(settings);
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-muted">
        {t("intro", { coSponsors: settings.coSponsorsNeeded, threshold: f.count(settings.responseThreshold), days: settings.responseDueDays })}
      </p>
      <div className="mt-6">
        <PetitionForm
          action={createPetitionAction}
          submitLabel={t("submit")}
          programs={await listProgramChoices(db)}
          closingHint={t("closingHint", { min: settings.closingDaysMin, max: settings.closingDaysMax, default: settings.closingDaysDefault })}
          defaults={{ title: "", ask: "", background: "", addressedTo: "", goal: "1000", closesOn: defaultClose, programId: "" }}
        />
      </div>
    </div>
  );
}
