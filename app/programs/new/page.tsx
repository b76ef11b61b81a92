import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { createProgramAction } from "@/app/programs/actions";
import { ProgramForm } from "@/components/ProgramForm";
import { getActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Add a monitoring program" };
export const dynamic = "force-dynamic";

export default async function NewProgramPage() {
  const actor = await getActor();
  if (!actor) redirect("/signin?callbackUrl=%2Fprograms%2Fnew");
  if (actor.role !== "admin") forbidden();
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold">Add a monitoring program</h1>
      <div className="mt-6">
        <ProgramForm
          action={createProgramAction}
          submitLabel="Add program"
          defaults={{ name: "", slug: "", owningTeam: "", purpose: "", collects: "", retention: "", dataAccess: "", consentModel: "opt-in", status: "proposed", policyText: "", startedOn: "", endedOn: "" }}
        />
      </div>
    </div>
  );
}
