// Adapter from server actions to the domain layer: a domain error becomes a typed state the
// form can show next to its fields, in the request's language; anything else is logged without
// personal data.
import { DEFAULT_LOCALE, type Locale } from "@/i18n/locales";
import { DomainError } from "@/lib/errors";
import { msg, renderMessage } from "@/lib/i18n/message";

import type { ActionState } from "./action-state";

export { initialActionState, type ActionState } from "./action-state";

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$")) values[key] = value;
  }
  return values;
}

/** The request's language, asked for only when there is something to say. */
export type LocaleOf = () => Promise<Locale>;

export async function runAction(
  formData: FormData | null,
  run: () => Promise<ActionState | void>,
  locale: LocaleOf = async () => DEFAULT_LOCALE,
): Promise<ActionState> {
  try {
    return (await run()) ?? { ok: true };
  } catch (error) {
    // redirect() and notFound() work by throwing; let Next.js handle them.
    if (error instanceof Error && "digest" in error && typeof error.digest === "string" && error.digest.startsWith("NEXT_")) {
      throw error;
    }
    const values = formData ? formValues(formData) : undefined;
    if (error instanceof DomainError) {
      const { message, fields } = error.localized(await locale());
      return { ok: false, message, fields, values };
    }
    console.error(`[action] unexpected ${error instanceof Error ? error.name : "error"}`);
    return { ok: false, message: renderMessage(msg("Errors.common.unexpected"), await locale()), values };
  }
}
