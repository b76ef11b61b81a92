"use server";

import { z } from "zod";
import { setRole, updateSettings } from "@/lib/admin";
import type { ActionState } from "@/lib/http/action";
import { formAction, formId, formText } from "@/lib/http/form-action";
import { SETTING_LABELS, settingsFields } from "@/lib/settings";

export async function setRoleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ userId: formId("person"), role: formText }),
    run: ({ db, actor, input }) => setRole(db, actor, input),
    changed: () => ({ pages: ["admin"] }),
    message: () => "Role changed and recorded in the audit log.",
  });
}

// Every setting's field, as text; updateSettings reads the numbers.
const settingsForm = z.object(Object.fromEntries(Object.keys(settingsFields.shape).map((k) => [k, formText])));

export async function updateSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: settingsForm,
    run: ({ db, actor, input }) => updateSettings(db, actor, input),
    changed: () => ({ pages: ["admin"] }),
    message: ({ changed }) => (changed.length ? `Saved: ${changed.map((k) => SETTING_LABELS[k].toLowerCase()).join("; ")}.` : "Nothing changed."),
  });
}
