"use server";

import { msg } from "@/lib/i18n/message";
import { z } from "zod";
import type { ActionState } from "@/lib/http/action";
import { formAction, formText } from "@/lib/http/form-action";
import { markDuplicate } from "@/lib/moderation/duplicates";

export async function markDuplicateAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    // Both are petition addresses typed by the moderator; markDuplicate reads and checks them.
    input: z.object({ petition: formText, duplicateOf: formText }),
    run: ({ db, actor, input }) => markDuplicate(db, actor, { petition: input.petition ?? "", duplicateOf: input.duplicateOf ?? "" }),
    changed: (closed) => ({ petition: closed.petition, pages: ["home", "petitions", "timeline", "moderation-log"] }),
    message: () => msg("Actions.moderation.closedDuplicateFollowers"),
  });
}
