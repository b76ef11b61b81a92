"use server";

import { z } from "zod";
import type { ActionState } from "@/lib/http/action";
import { formAction, formId, formText } from "@/lib/http/form-action";
import { savedPath } from "@/lib/http/saved";
import { createProgram, updateProgram } from "@/lib/programs";

const fields = z.object({
  name: formText,
  slug: formText,
  owningTeam: formText,
  purpose: formText,
  collects: formText,
  retention: formText,
  dataAccess: formText,
  consentModel: formText,
  status: formText,
  policyText: formText,
  startedOn: formText,
  endedOn: formText,
  statusReason: formText.transform((v) => v || undefined),
  versionNote: formText.transform((v) => v || undefined),
});

export async function createProgramAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: fields,
    run: ({ db, actor, input }) => createProgram(db, actor, input),
    changed: (program) => ({ program, pages: ["timeline"] }),
    redirectTo: (program) => savedPath(`/programs/${program.slug}`, "program"),
  });
}

export async function updateProgramAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: fields.extend({ currentSlug: formId("program") }),
    run: ({ db, actor, input: { currentSlug, ...rest } }) => updateProgram(db, actor, currentSlug, rest),
    changed: (program) => ({ program, pages: ["timeline"] }),
    redirectTo: (program) => savedPath(`/programs/${program.slug}`, "program"),
  });
}
