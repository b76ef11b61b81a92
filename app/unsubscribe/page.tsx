import type { Metadata } from "next";
import Link from "next/link";
import { authSecrets } from "@/lib/config";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { unsubscribe } from "@/lib/notifications";

export const metadata: Metadata = { title: "Unsubscribe" };
export const dynamic = "force-dynamic";

/** The link in every email: one click switches email off, without signing in. */
export default async function UnsubscribePage({ searchParams }: PageProps<"/unsubscribe">) {
  const { token } = await searchParams;
  let error: string | null = null;
  try {
    await unsubscribe(db, token, authSecrets());
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    error = e.message;
  }
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold">{error ? "That link did not work" : "You are unsubscribed"}</h1>
      <p className="mt-3" role={error ? "alert" : "status"}>
        {error ?? "Undersigned will not email you any more. Notifications stay available in the app."}
      </p>
      <p className="mt-3"><Link href="/notifications" className="font-semibold text-brand underline">Email settings</Link></p>
    </div>
  );
}
