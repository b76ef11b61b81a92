import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { useTranslations } from "next-intl";
import { devLoginEnabled } from "@/lib/auth/flags";
import { serverConfig } from "@/lib/config";
import { MAILBOX_DIR } from "@/lib/mail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("DevMailboxPage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

type Stored = { to?: { address: string }[]; subject?: string; text?: string; date?: string };

/** Mail written instead of sent when no SMTP server is configured (development and the demo). */
export default function DevMailboxPage() {
  const t = useTranslations("DevMailboxPage");
  if (!devLoginEnabled() || serverConfig().SMTP_URL) notFound();
  let files: string[] = [];
  try {
    files = readdirSync(MAILBOX_DIR).filter((f) => f.endsWith(".json")).sort().reverse().slice(0, 50);
  } catch {
    files = [];
  }
  const mails = files.map((f) => JSON.parse(readFileSync(path.join(MAILBOX_DIR, f), "utf8")) as Stored);
  return (
    <div>
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-muted">{t("intro")}</p>
      {mails.length === 0 ? (
        <p className="mt-6">{t("none")}</p>
      ) : (
        <ul className="mt-6 grid gap-4">
          {mails.map((m, i) => (
            <li key={i} className="rounded-lg border border-gray-200 bg-white p-4">
              <p className="font-semibold">{m.subject}</p>
              <p className="text-sm text-muted">{t("to", { addresses: m.to?.map((r) => r.address).join(", ") ?? "" })}</p>
              <pre className="mt-2 whitespace-pre-wrap text-sm">{m.text}</pre>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
