import type { Metadata, Viewport } from "next";
import { getTranslations } from "next-intl/server";
import { IntlClientProvider } from "@/components/IntlClientProvider";
import { LanguageSwitcher } from "@/components/LanguageSwitcher";
import { PersonalParts } from "@/components/personal/PersonalParts";
import { AccountHeader } from "@/components/SiteHeader";
import { VIEWER_ATTRIBUTE } from "@/lib/page-cache/shell";
import { accountOf } from "@/lib/personal/view";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { requestLocale } from "@/lib/i18n/server";
import { unreadCount } from "@/lib/notifications";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Layout");
  return {
    title: { default: "Undersigned", template: "%s · Undersigned" },
    description: t("description"),
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [actor, locale, t] = await Promise.all([getActor(), requestLocale(), getTranslations("Layout")]);
  const unread = await unreadCount(db, actor);
  return (
    // Who the page was rendered for (decision 035). The proxy marks a shared page served to someone
    // signed in, so <html> may differ from React's rendering: hence the hydration warning's silence.
    <html lang={locale} {...{ [VIEWER_ATTRIBUTE]: actor ? "person" : "visitor" }} suppressHydrationWarning>
      <body className="min-h-screen font-sans antialiased">
        {/* Only the client components' strings go to the browser, with the client code (docs/decisions/029). */}
        <IntlClientProvider locale={locale}>
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
            {t("skipToContent")}
          </a>
          <PersonalParts account={actor && accountOf(actor, unread)}>
            <AccountHeader />
            <main id="main" className="mx-auto max-w-5xl px-4 py-8">
              {children}
            </main>
          </PersonalParts>
          <footer className="mx-auto max-w-5xl px-4 pb-10 text-sm text-muted">
            <p>
              {t("promise")}{" "}
              <a href="/what-we-store" className="underline">{t("whatWeStore")}</a> · <a href="/moderation-log" className="underline">{t("moderationLog")}</a> · <a href="/accessibility" className="underline">{t("accessibility")}</a> · <a href="/developers" className="underline">{t("api")}</a>
            </p>
            <div className="mt-2">
              <LanguageSwitcher />
            </div>
          </footer>
        </IntlClientProvider>
      </body>
    </html>
  );
}
