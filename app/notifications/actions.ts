"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { follow, unfollow } from "@/lib/follows";
import { runAction, type ActionState } from "@/lib/http/action";
import { markAllRead, setEmailMode } from "@/lib/notifications";

export async function setEmailModeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    const mode = await setEmailMode(db, await getActor(), { emailMode: formData.get("emailMode") });
    revalidatePath("/notifications");
    return { ok: true, message: mode === "off" ? "Email is off." : mode === "instant" ? "You will get an email right away." : "You will get one email a day." };
  });
}

export async function markAllReadAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    await markAllRead(db, await getActor());
    revalidatePath("/", "layout");
    return { ok: true, message: "All marked read." };
  });
}

export async function toggleFollowAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    const target = { targetType: formData.get("targetType"), targetId: formData.get("targetId") };
    const following = formData.get("following") === "true";
    if (following) await unfollow(db, await getActor(), target);
    else await follow(db, await getActor(), target);
    revalidatePath(String(formData.get("path") ?? "/"));
    return { ok: true, message: following ? "You no longer follow this." : "You follow this now." };
  });
}
