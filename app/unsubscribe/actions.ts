"use server";

import { msg } from "@/lib/i18n/message";
import { z } from "zod";
import { authSecrets } from "@/lib/config";
import type { ActionState } from "@/lib/http/action";
import { formAction, formText } from "@/lib/http/form-action";
import { unsubscribe } from "@/lib/notifications";

/** The unsubscribe page's button: a POST, so a link scanner that opens the email's link changes nothing. */
export async function unsubscribeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ token: formText }),
    run: ({ db, input }) => unsubscribe(db, input.token, authSecrets()),
    changed: () => ({}),
    message: () => msg("Actions.unsubscribe.unsubscribedUndersignedEmail"),
  });
}
