"use server";

import { msg } from "@/lib/i18n/message";
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
        ? msg("Actions.notifications.savedGetNo")
        : mode === "instant"
          ? msg("Actions.notifications.savedGetEmail")
          : msg("Actions.notifications.savedGetOne"),
  });
}

export async function markAllReadAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({}),
    run: ({ db, actor }) => markAllRead(db, actor),
    changed: () => ({ layout: true }),
    message: () => msg("Actions.notifications.allMarkedRead"),
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
    message: ({ following }) => (following ? msg("Actions.notifications.noLongerFollow") : msg("Actions.notifications.follow")),
  });
}
