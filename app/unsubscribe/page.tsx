import type { Metadata } from "next";
import { requestLocale } from "@/lib/i18n/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/ActionForm";
import { authSecrets } from "@/lib/config";
import { DomainError } from "@/lib/errors";
import { unsubscribeTokenUser } from "@/lib/notifications";
import { unsubscribeAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("UnsubscribePage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/**
 * The link in every email. Opening it only checks the link and says what the button will do:
 * corporate mail scanners (Safe Links, Proofpoint) open every link in a message, and a GET that
 * unsubscribed would switch mail off for people who never clicked. The button POSTs; mail
 * clients' one-click unsubscribe (RFC 8058) POSTs to /api/unsubscribe.
 */
export default async function UnsubscribePage({ searchParams }: PageProps<"/unsubscribe">) {
  const [{ token }, t] = await Promise.all([searchParams, getTranslations("UnsubscribePage")]);
  let error: string | null = null;
  try {
    unsubscribeTokenUser(token, authSecrets());
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    error = e.localized(await requestLocale()).message;
  }
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold">{error ? t("failed") : t("question")}</h1>
      {error ? (
        <p className="mt-3" role="alert">{error}</p>
      ) : (
        <>
          <p className="mt-3">{t("text")}</p>
          <ActionForm action={unsubscribeAction} hidden={{ token: String(token) }} submitLabel={t("submit")} pendingLabel={t("pending")} />
        </>
      )}
      <p className="mt-6"><Link href="/notifications" className="font-semibold text-brand underline">{t("settings")}</Link></p>
    </div>
  );
}
