"use server";

import { z } from "zod";
import type { ActionState } from "@/lib/http/action";
import { formAction, formId, formText } from "@/lib/http/form-action";
import { decideAppeal, fileAppeal } from "@/lib/moderation";

export async function appealAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ petitionId: formId("petition"), text: formText }),
    run: ({ db, actor, input }) => fileAppeal(db, actor, input.petitionId, { text: input.text }),
    changed: (appeal) => ({ petition: appeal.petition, pages: ["admin"] }),
    message: () => "Appeal filed. An admin will decide; the decision will be in the moderation log.",
  });
}

export async function decideAppealAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ appealId: formId("appeal"), outcome: formText, note: formText }),
    run: ({ db, actor, input }) => decideAppeal(db, actor, input.appealId, { outcome: input.outcome, note: input.note }),
    changed: (decided) => ({ petition: decided.petition, pages: ["admin", "moderation-log", "home", "timeline"] }),
    message: () => "Decided and logged.",
  });
}
