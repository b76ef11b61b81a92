"use server";

import { LOCALES, type Locale } from "@/i18n/locales";
import { msg } from "@/lib/i18n/message";
import { z } from "zod";
import { setRole, updateSettings } from "@/lib/admin";
import { settingLabel } from "@/lib/admin/settings-docs";
import type { ActionState } from "@/lib/http/action";
import { formAction, formId, formText } from "@/lib/http/form-action";
import { settingsFields } from "@/lib/settings";

export async function setRoleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: z.object({ userId: formId("person"), role: formText }),
    run: ({ db, actor, input }) => setRole(db, actor, input),
    changed: () => ({ pages: ["admin"] }),
    message: () => msg("Actions.admin.roleChangedRecorded"),
  });
}

// Every setting's field, as text; updateSettings reads the numbers.
const settingsForm = z.object(Object.fromEntries(Object.keys(settingsFields.shape).map((k) => [k, formText])));

const savedSettings = (changed: string[]) =>
  Object.fromEntries(LOCALES.map((l) => [l, changed.map((k) => (l === "en" ? settingLabel(k, l).toLowerCase() : settingLabel(k, l))).join("; ")])) as Record<Locale, string>;

export async function updateSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: settingsForm,
    run: ({ db, actor, input }) => updateSettings(db, actor, input),
    changed: () => ({ pages: ["admin"] }),
    // The labels are the settings form's own (lib/admin/settings-docs.ts) in each language; English
    // lower-cases them mid-sentence, German keeps its capitals (its nouns need them).
    message: ({ changed }) => (changed.length ? msg("Actions.admin.settingsSaved", { settings: { text: savedSettings(changed) } }) : msg("Actions.admin.nothingChanged")),
  });
}
