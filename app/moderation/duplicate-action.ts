"use server";

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
    message: () => "Closed as a duplicate. Its followers are offered the other petition.",
  });
}
