"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { runAction, type ActionState } from "@/lib/http/action";
import { decideAppeal, fileAppeal } from "@/lib/moderation";

export async function appealAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    await fileAppeal(db, await getActor(), String(formData.get("petitionId") ?? ""), { text: formData.get("text") });
    revalidatePath(String(formData.get("path") ?? "/"));
    return { ok: true, message: "Appeal filed. An admin will decide; the decision will be in the moderation log." };
  });
}

export async function decideAppealAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    await decideAppeal(db, await getActor(), String(formData.get("appealId") ?? ""), { outcome: formData.get("outcome"), note: formData.get("note") });
    revalidatePath("/admin");
    revalidatePath("/moderation-log");
    return { ok: true, message: "Decided and logged." };
  });
}
