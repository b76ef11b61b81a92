"use server";

import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { runAction, type ActionState } from "@/lib/http/action";
import { createProgram, updateProgram } from "@/lib/programs";

const fields = (f: FormData) => ({
  name: f.get("name"),
  slug: f.get("slug") ?? undefined,
  owningTeam: f.get("owningTeam"),
  purpose: f.get("purpose"),
  collects: f.get("collects"),
  retention: f.get("retention"),
  dataAccess: f.get("dataAccess"),
  consentModel: f.get("consentModel"),
  status: f.get("status"),
  policyText: f.get("policyText"),
  startedOn: f.get("startedOn") ?? undefined,
  endedOn: f.get("endedOn") ?? undefined,
  statusReason: f.get("statusReason") || undefined,
  versionNote: f.get("versionNote") || undefined,
});

export async function createProgramAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let slug: string | undefined;
  const state = await runAction(formData, async () => {
    slug = (await createProgram(db, await getActor(), fields(formData))).slug;
  });
  if (slug) redirect(`/programs/${slug}`);
  return state;
}

export async function updateProgramAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let slug: string | undefined;
  const state = await runAction(formData, async () => {
    slug = (await updateProgram(db, await getActor(), String(formData.get("currentSlug") ?? ""), fields(formData))).slug;
  });
  if (slug) redirect(`/programs/${slug}`);
  return state;
}
