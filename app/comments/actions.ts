"use server";

import { msg } from "@/lib/i18n/message";
import { z } from "zod";
import { flagComment } from "@/lib/comments";
import { askQuestion } from "@/lib/comments/conversation";
import { revealAuthorship } from "@/lib/comments/reveal";
import type { ActionState } from "@/lib/http/action";
import { formAction, formId, formText } from "@/lib/http/form-action";
import { hideComment, hidePetition } from "@/lib/moderation";

const reason = { reasonCode: formText, reasonText: formText };

export async function flagCommentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ commentId: formId("comment"), reason: formText }),
    run: ({ db, actor, input }) => flagComment(db, actor, input.commentId, { reason: input.reason }),
    changed: () => ({ pages: ["moderation"] }),
    message: () => msg("Actions.comments.thankModeratorsLook"),
  });
}

export async function hideCommentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ commentId: formId("comment"), ...reason }),
    run: ({ db, actor, input: { commentId, ...why } }) => hideComment(db, actor, commentId, why),
    changed: (hidden) => ({ ...hidden, pages: ["moderation", "moderation-log"] }),
    message: () => msg("Actions.comments.hiddenReasonShown"),
  });
}

export async function hidePetitionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ petitionId: formId("petition"), ...reason }),
    run: ({ db, actor, input: { petitionId, ...why } }) => hidePetition(db, actor, petitionId, why),
    changed: (hidden) => ({ petition: hidden.petition, pages: ["moderation", "moderation-log", "home", "timeline"] }),
    message: () => msg("Actions.comments.hiddenReasonShown2"),
  });
}

/** Leadership or a petition's organizer asks the writer of a comment a question (decision 026). */
export async function askQuestionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ commentId: formId("comment"), body: formText }),
    run: ({ db, actor, input }) => askQuestion(db, actor, input.commentId, { body: input.body }),
    changed: (asked) => ({ petition: asked.petition, program: asked.program }),
    message: () => msg("Actions.comments.askedUnderName"),
  });
}

/**
 * The writer puts their name on their comment, for good: the browser's proof (a signature by the
 * comment's key over the comment and this account) comes in hidden fields (decision 026).
 */
export async function revealAuthorshipAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ commentId: formId("comment"), nonce: formText, signature: formText }),
    run: ({ db, actor, input }) => revealAuthorship(db, actor, input),
    changed: (revealed) => ({ petition: revealed.petition, program: revealed.program }),
    message: () => msg("Actions.comments.nameShownComment"),
  });
}
