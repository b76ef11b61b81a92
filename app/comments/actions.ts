"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { flagComment } from "@/lib/comments";
import { hideComment, hidePetition } from "@/lib/moderation";
import { db } from "@/lib/db/server";
import { runAction, type ActionState } from "@/lib/http/action";

const path = (formData: FormData) => String(formData.get("path") ?? "/");

export async function flagCommentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    await flagComment(db, await getActor(), String(formData.get("commentId") ?? ""), { reason: formData.get("reason") });
    return { ok: true, message: "Thank you; moderators will look at it." };
  });
}

export async function hideCommentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    await hideComment(db, await getActor(), String(formData.get("commentId") ?? ""), { reasonCode: formData.get("reasonCode"), reasonText: formData.get("reasonText") });
    revalidatePath(path(formData));
    revalidatePath("/moderation");
    return { ok: true, message: "Hidden. The reason is shown in its place." };
  });
}

export async function hidePetitionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    await hidePetition(db, await getActor(), String(formData.get("petitionId") ?? ""), { reasonCode: formData.get("reasonCode"), reasonText: formData.get("reasonText") });
    revalidatePath(path(formData));
    return { ok: true, message: "Hidden. The reason is shown in its place and in the moderation log." };
  });
}
