import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { createPetitionAction } from "@/app/petitions/actions";
import { formatCount } from "@/components/format";
import { PetitionForm } from "@/components/PetitionForm";
import { getActor } from "@/lib/auth/session";
import { defaultClosingDay } from "@/lib/petitions/commands";
import { db } from "@/lib/db/server";
import { listProgramChoices } from "@/lib/programs";
import { getSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Start a petition" };
export const dynamic = "force-dynamic";

export default async function NewPetitionPage() {
  if (!(await getActor())) redirect("/signin?callbackUrl=%2Fpetitions%2Fnew");
  const settings = await getSettings(db);
  const defaultClose = defaultClosingDay(settings);
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold">Start a petition</h1>
      <p className="mt-2 text-muted">
        Your petition starts as a private draft. When you submit it, {settings.coSponsorsNeeded} colleagues
        co-sponsor it through a link you share, and then it opens to everyone. At{" "}
        {formatCount(settings.responseThreshold)} signatures leadership owes a public response within{" "}
        {settings.responseDueDays} days.
      </p>
      <div className="mt-6">
        <PetitionForm
          action={createPetitionAction}
          submitLabel="Save draft"
          programs={await listProgramChoices(db)}
          closingHint={`Between ${settings.closingDaysMin} and ${settings.closingDaysMax} days from today; ${settings.closingDaysDefault} if left empty.`}
          defaults={{ title: "", ask: "", background: "", addressedTo: "", goal: "1000", closesOn: defaultClose, programId: "" }}
        />
      </div>
    </div>
  );
}
