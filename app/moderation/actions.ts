"use server";

import { msg } from "@/lib/i18n/message";
import { z } from "zod";
import type { ActionState } from "@/lib/http/action";
import { formAction, formId, formText } from "@/lib/http/form-action";
import { decideAppeal, dismissFlags, fileAppeal, restoreComment } from "@/lib/moderation";

export async function appealAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ petitionId: formId("petition"), text: formText }),
    run: ({ db, actor, input }) => fileAppeal(db, actor, input.petitionId, { text: input.text }),
    changed: (appeal) => ({ petition: appeal.petition, pages: ["admin"] }),
    message: () => msg("Actions.moderation.appealFiledAdmin"),
  });
}

export async function decideAppealAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ appealId: formId("appeal"), outcome: formText, note: formText }),
    run: ({ db, actor, input }) => decideAppeal(db, actor, input.appealId, { outcome: input.outcome, note: input.note }),
    changed: (decided) => ({ petition: decided.petition, pages: ["admin", "moderation-log", "home", "timeline"] }),
    message: () => msg("Actions.moderation.decidedLogged"),
  });
}

export async function dismissFlagsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ commentId: formId("comment") }),
    run: ({ db, actor, input }) => dismissFlags(db, actor, input.commentId),
    changed: (r) => ({ petition: r.petition, program: r.program, pages: ["moderation"] }),
    message: ({ dismissed }) => msg("Actions.moderation.flagsDismissed", { count: dismissed }),
  });
}

export async function restoreCommentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ commentId: formId("comment"), reasonText: formText }),
    run: ({ db, actor, input }) => restoreComment(db, actor, input.commentId, { reasonText: input.reasonText }),
    changed: (r) => ({ petition: r.petition, program: r.program, pages: ["moderation", "moderation-log"] }),
    message: () => msg("Actions.moderation.hideUndoneComment"),
  });
}
