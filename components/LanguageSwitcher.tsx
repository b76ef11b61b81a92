"use client";
// Buttons for each interface language; works before script loads (a plain form post) and returns
// to the same page, which the form learns from the address (no Referer is ever sent).
import { usePathname } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { chooseLanguageAction } from "@/app/language-actions";
import { LOCALES, LOCALE_NAMES } from "@/i18n/locales";

export function LanguageSwitcher() {
  const t = useTranslations("LanguageSwitcher");
  const current = useLocale();
  const pathname = usePathname();
  return (
    <form action={chooseLanguageAction} className="inline" data-testid="language-switcher">
      <input type="hidden" name="returnTo" value={pathname ?? "/"} />
      <span id="language-label" className="sr-only">{t("label")}</span>
      <span role="group" aria-labelledby="language-label" className="inline-flex gap-2">
        {LOCALES.map((locale) => (
          <button
            key={locale}
            type="submit"
            name="locale"
            value={locale}
            lang={locale}
            aria-pressed={locale === current}
            className={locale === current ? "font-semibold underline" : "underline decoration-dotted hover:decoration-solid"}
          >
            {LOCALE_NAMES[locale]}
          </button>
        ))}
      </span>
    </form>
  );
}
