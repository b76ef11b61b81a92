// What each platform setting means, in words, for the settings form, its messages and the
// audit log: one label and one help text per setting, in the "SettingDocs" namespace
// (messages/<locale>/domain.json). SETTING_DOCS is the English; pages read the namespace.
import { createTranslator } from "next-intl";
import type { Locale } from "@/i18n/locales";
import { messagesFor } from "@/i18n/messages";
import type { Settings } from "@/lib/settings";
import enDomain from "@/messages/en/domain.json";

export const SETTING_DOCS: Record<keyof Settings, { label: string; help: string }> = enDomain.SettingDocs;

/** A setting's label in a language (English when none is given), or the key itself for one no longer known. */
export function settingLabel(key: string, locale: Locale = "en"): string {
  if (!(key in SETTING_DOCS)) return key;
  return createTranslator({ locale, messages: messagesFor(locale), namespace: "SettingDocs" })(`${key as keyof Settings}.label`);
}
