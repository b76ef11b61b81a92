"use server";

import { authSecrets } from "@/lib/config";
import { db } from "@/lib/db/server";
import { runAction, type ActionState } from "@/lib/http/action";
import { unsubscribe } from "@/lib/notifications";

/** The unsubscribe page's button: a POST, so a link scanner that opens the email's link changes nothing. */
export async function unsubscribeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    await unsubscribe(db, formData.get("token"), authSecrets());
    return { ok: true, message: "You are unsubscribed: Undersigned will not email you any more. Notifications stay available in the app." };
  });
}
