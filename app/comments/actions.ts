"use server";

import { z } from "zod";
import { flagComment } from "@/lib/comments";
import type { ActionState } from "@/lib/http/action";
import { formAction, formId, formText } from "@/lib/http/form-action";
import { hideComment, hidePetition } from "@/lib/moderation";

const reason = { reasonCode: formText, reasonText: formText };

export async function flagCommentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ commentId: formId("comment"), reason: formText }),
    run: ({ db, actor, input }) => flagComment(db, actor, input.commentId, { reason: input.reason }),
    changed: () => ({ pages: ["moderation"] }),
    message: () => "Thank you; moderators will look at it.",
  });
}

export async function hideCommentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ commentId: formId("comment"), ...reason }),
    run: ({ db, actor, input: { commentId, ...why } }) => hideComment(db, actor, commentId, why),
    changed: (hidden) => ({ ...hidden, pages: ["moderation", "moderation-log"] }),
    message: () => "Hidden. The reason is shown in its place.",
  });
}

export async function hidePetitionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ petitionId: formId("petition"), ...reason }),
    run: ({ db, actor, input: { petitionId, ...why } }) => hidePetition(db, actor, petitionId, why),
    changed: (hidden) => ({ petition: hidden.petition, pages: ["moderation", "moderation-log", "home", "timeline"] }),
    message: () => "Hidden. The reason is shown in its place and in the moderation log.",
  });
}
