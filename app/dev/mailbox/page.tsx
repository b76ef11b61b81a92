import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { devLoginEnabled } from "@/lib/auth/flags";
import { serverConfig } from "@/lib/config";
import { MAILBOX_DIR } from "@/lib/mail";

export const metadata: Metadata = { title: "Development mailbox" };
export const dynamic = "force-dynamic";

type Stored = { to?: { address: string }[]; subject?: string; text?: string; date?: string };

/** Mail written instead of sent when no SMTP server is configured (development and the demo). */
export default function DevMailboxPage() {
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
      <h1 className="text-3xl font-bold">Development mailbox</h1>
      <p className="mt-2 text-muted">No SMTP server is configured, so email is kept here instead of being sent.</p>
      {mails.length === 0 ? (
        <p className="mt-6">No mail yet.</p>
      ) : (
        <ul className="mt-6 grid gap-4">
          {mails.map((m, i) => (
            <li key={i} className="rounded-lg border border-gray-200 bg-white p-4">
              <p className="font-semibold">{m.subject}</p>
              <p className="text-sm text-muted">To {m.to?.map((t) => t.address).join(", ")}</p>
              <pre className="mt-2 whitespace-pre-wrap text-sm">{m.text}</pre>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
