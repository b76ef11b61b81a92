"use server";

import { revalidatePath } from "next/cache";
import { setRole, updateSettings } from "@/lib/admin";
import { settingLabel } from "@/lib/admin/settings-docs";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { formValues, runAction, type ActionState } from "@/lib/http/action";

export async function setRoleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    await setRole(db, await getActor(), { userId: formData.get("userId"), role: formData.get("role") });
    revalidatePath("/admin");
    return { ok: true, message: "Role changed and recorded in the audit log." };
  });
}

export async function updateSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    const { changed } = await updateSettings(db, await getActor(), formValues(formData));
    revalidatePath("/admin");
    return { ok: true, message: changed.length ? `Saved: ${changed.map(settingLabel).join("; ")}.` : "Nothing changed." };
  });
}
