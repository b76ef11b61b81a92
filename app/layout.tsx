import type { Metadata, Viewport } from "next";
import { TokenWallet } from "@/components/anonymous/TokenWallet";
import { SiteHeader } from "@/components/SiteHeader";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { unreadCount } from "@/lib/notifications";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Undersigned", template: "%s · Undersigned" },
  description: "Petitions, anonymous speech about workplace monitoring, and leadership's answers on the record.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const actor = await getActor();
  const unread = await unreadCount(db, actor);
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
          Skip to content
        </a>
        <SiteHeader actor={actor} unread={unread} />
        {actor && <TokenWallet accountId={actor.id} />}
        <main id="main" className="mx-auto max-w-5xl px-4 py-8">
          {children}
        </main>
        <footer className="mx-auto max-w-5xl px-4 pb-10 text-sm text-muted">
          Undersigned keeps no analytics, stores no IP addresses and loads nothing from other sites.{" "}
          <a href="/what-we-store" className="underline">What we store</a> · <a href="/moderation-log" className="underline">Moderation log</a> · <a href="/accessibility" className="underline">Accessibility</a> · <a href="/developers" className="underline">API</a>
        </footer>
      </body>
    </html>
  );
}
