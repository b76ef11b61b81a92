"use server";
// The language switcher's action (docs/decisions/029): remember the choice in one cookie holding
// only "en" or "de" (the same for everyone who chose it), and, for a signed-in person, on their
// account so mail reaches them in it. Then back to the page they were on.
import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALES, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from "@/i18n/locales";
import { formAction, formText } from "@/lib/http/form-action";
import { returnPath } from "@/lib/http/return-path";
import { setPreferredLocale } from "@/lib/users";

const input = z.object({
  locale: z.enum(LOCALES, { error: "Choose English or Deutsch." }),
  returnTo: formText,
});

export async function chooseLanguageAction(formData: FormData): Promise<void> {
  await formAction(formData, {
    input,
    run: async ({ db, actor, input }) => {
      (await cookies()).set(LOCALE_COOKIE, input.locale, { maxAge: LOCALE_COOKIE_MAX_AGE, sameSite: "lax", httpOnly: true, path: "/" });
      if (actor) await setPreferredLocale(db, actor, input.locale);
      return input;
    },
    changed: () => ({ layout: true }),
    redirectTo: (result) => returnPath(result.returnTo),
  });
}
