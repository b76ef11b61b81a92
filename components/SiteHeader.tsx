"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { TokenWallet } from "./anonymous/TokenWallet";
import { useAccount } from "./personal/PersonalParts";
import { SignOutButton } from "./SignOutButton";

const LINK = "block rounded px-1 py-2 hover:underline nav:py-1 nav:whitespace-nowrap";

/**
 * The header, and what goes with the account on every page: the background collection of
 * anonymous tokens (TokenWallet) for someone signed in. A client component: the account comes from
 * the layout, or, on a shared page served from the cache, from GET /api/me (decision 035).
 */
export function AccountHeader() {
  const account = useAccount();
  return (
    <>
      <SiteHeader />
      {account && <TokenWallet accountId={account.id} />}
    </>
  );
}

/**
 * One row at desktop widths for every role; below the nav breakpoint a "Menu" disclosure
 * (<details>, so it works without script) holds the same links and the account (decision 022).
 */
function SiteHeader() {
  const actor = useAccount();
  const unread = actor?.unread ?? 0;
  const t = useTranslations("SiteHeader");
  const role = useTranslations("Roles");
  return (
    <header className="relative border-b border-gray-200 bg-white" data-testid="site-header" data-personal="">
      <div className="mx-auto flex max-w-7xl items-center gap-x-5 px-4 py-3">
        <Link href="/" className="shrink-0 text-xl font-extrabold tracking-tight text-brand">
          Undersigned
        </Link>
        <details className="site-menu ml-auto" data-testid="site-menu">
          <summary className="flex cursor-pointer items-center gap-2 rounded-md border border-gray-400 px-3 py-1.5 text-sm font-semibold">
            <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2"><path d="M2 4h12M2 8h12M2 12h12" /></svg>
            {t("menu")}
            {unread > 0 && <span className="rounded-full bg-accent px-1.5 text-xs font-bold text-white">{unread}<span className="sr-only"> {t("unread")}</span></span>}
          </summary>
          <div className="absolute inset-x-0 top-full z-40 border-b border-gray-200 bg-white px-4 pb-4 shadow-md nav:static nav:flex nav:min-w-0 nav:flex-1 nav:items-center nav:gap-x-5 nav:border-0 nav:p-0 nav:shadow-none">
            <nav aria-label={t("main")} className="text-sm font-medium">
              <ul className="grid nav:flex nav:items-center nav:gap-x-4">
                <li><Link href="/petitions" className={LINK}>{t("petitions")}</Link></li>
                <li><Link href="/petitions/new" className={LINK}>{t("startPetition")}</Link></li>
                <li><Link href="/programs" className={LINK}>{t("programs")}</Link></li>
                <li><Link href="/timeline" className={LINK}>{t("timeline")}</Link></li>
                {actor?.role === "leadership" && <li><Link href="/leadership" className={LINK}>{t("responsesOwed")}</Link></li>}
                {actor?.role === "moderator" && <li><Link href="/moderation" className={LINK}>{t("moderation")}</Link></li>}
                {actor?.role === "admin" && <li><Link href="/admin" className={LINK}>{t("admin")}</Link></li>}
                {actor && <li><Link href="/my" className={LINK}>{t("myPetitions")}</Link></li>}
                {actor && (
                  <li>
                    <Link href="/notifications" className={LINK} data-testid="notifications-link">
                      {t("notifications")}{unread > 0 && <span className="ml-1 rounded-full bg-accent px-1.5 text-xs font-bold text-white">{unread}<span className="sr-only"> {t("unread")}</span></span>}
                    </Link>
                  </li>
                )}
              </ul>
            </nav>
            {actor && (
              <div className="mt-2 flex flex-wrap items-center gap-3 border-t border-gray-200 pt-3 text-sm nav:mt-0 nav:ml-auto nav:flex-nowrap nav:border-0 nav:pt-0">
                <span data-testid="signed-in-as" className="nav:whitespace-nowrap">
                  {actor.name} <span className="text-muted">({role(actor.role)})</span>
                </span>
                <SignOutButton />
              </div>
            )}
          </div>
        </details>
        {!actor && (
          <Link href="/signin" className="shrink-0 rounded-md bg-brand px-3 py-1.5 text-sm font-semibold whitespace-nowrap text-white hover:bg-brand-dark">
            {t("signIn")}
          </Link>
        )}
      </div>
    </header>
  );
}
