"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { runAction, type ActionState } from "@/lib/http/action";
import { decideAppeal, dismissFlags, fileAppeal, restoreComment } from "@/lib/moderation";

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

export async function dismissFlagsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    const { dismissed } = await dismissFlags(db, await getActor(), String(formData.get("commentId") ?? ""));
    revalidatePath("/moderation");
    return { ok: true, message: `Dismissed ${dismissed === 1 ? "the flag" : `${dismissed} flags`}; the comment stays visible.` };
  });
}

export async function restoreCommentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    await restoreComment(db, await getActor(), String(formData.get("commentId") ?? ""), { reasonText: formData.get("reasonText") });
    revalidatePath(String(formData.get("path") ?? "/"));
    revalidatePath("/moderation");
    revalidatePath("/moderation-log");
    return { ok: true, message: "Hide undone; the comment shows again, and the moderation log says so." };
  });
}
