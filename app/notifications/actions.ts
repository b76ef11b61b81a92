"use server";

import { z } from "zod";
import { follow, unfollow } from "@/lib/follows";
import type { ActionState } from "@/lib/http/action";
import { formAction, formText } from "@/lib/http/form-action";
import { markAllRead, setEmailMode } from "@/lib/notifications";

export async function setEmailModeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ emailMode: formText }),
    run: ({ db, actor, input }) => setEmailMode(db, actor, input),
    changed: () => ({ pages: ["notifications"] }),
    message: (mode) =>
      mode === "off"
        ? "Saved. You will get no email; notifications stay here, in the app."
        : mode === "instant"
          ? "Saved. You will get an email right away when something you follow happens."
          : "Saved. You will get one email a day, a digest of what happened.",
  });
}

export async function markAllReadAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({}),
    run: ({ db, actor }) => markAllRead(db, actor),
    changed: () => ({ layout: true }),
    message: () => "All marked read.",
  });
}

export async function toggleFollowAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ targetType: formText, targetId: formText, following: formText }),
    run: async ({ db, actor, input }) => {
      const target = { targetType: input.targetType, targetId: input.targetId };
      const following = input.following === "true";
      return { following, page: following ? await unfollow(db, actor, target) : await follow(db, actor, target) };
    },
    changed: ({ page }) => ({ ...page, pages: ["my"] }),
    message: ({ following }) => (following ? "You no longer follow this." : "You follow this now."),
  });
}
