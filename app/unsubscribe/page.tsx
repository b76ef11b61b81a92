import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/ActionForm";
import { authSecrets } from "@/lib/config";
import { DomainError } from "@/lib/errors";
import { unsubscribeTokenUser } from "@/lib/notifications";
import { unsubscribeAction } from "./actions";

export const metadata: Metadata = { title: "Unsubscribe" };
export const dynamic = "force-dynamic";

/**
 * The link in every email. Opening it only checks the link and says what the button will do:
 * corporate mail scanners (Safe Links, Proofpoint) open every link in a message, and a GET that
 * unsubscribed would switch mail off for people who never clicked. The button POSTs; mail
 * clients' one-click unsubscribe (RFC 8058) POSTs to /api/unsubscribe.
 */
export default async function UnsubscribePage({ searchParams }: PageProps<"/unsubscribe">) {
  const { token } = await searchParams;
  let error: string | null = null;
  try {
    unsubscribeTokenUser(token, authSecrets());
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    error = e.message;
  }
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold">{error ? "That link did not work" : "Stop emails from Undersigned?"}</h1>
      {error ? (
        <p className="mt-3" role="alert">{error}</p>
      ) : (
        <>
          <p className="mt-3">
            Pressing the button switches off every email from Undersigned for the account this link was sent to. Notifications stay
            available in the app, and you can switch email on again in your settings.
          </p>
          <ActionForm action={unsubscribeAction} hidden={{ token: String(token) }} submitLabel="Stop all emails" pendingLabel="Unsubscribing…" />
        </>
      )}
      <p className="mt-6"><Link href="/notifications" className="font-semibold text-brand underline">Email settings</Link></p>
    </div>
  );
}
