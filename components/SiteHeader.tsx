import Link from "next/link";
import { SignOutButton } from "./SignOutButton";
import { ROLE_LABELS, type Actor } from "@/lib/auth/actor";

export function SiteHeader({ actor, unread }: { actor: Actor | null; unread: number }) {
  return (
    <header className="border-b border-gray-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-xl font-extrabold tracking-tight text-brand">
          Undersigned
        </Link>
        <nav aria-label="Main" className="flex flex-wrap gap-4 text-sm font-medium">
          <Link href="/petitions" className="hover:underline">Petitions</Link>
          <Link href="/petitions/new" className="hover:underline">Start a petition</Link>
          <Link href="/programs" className="hover:underline">Programs</Link>
          <Link href="/timeline" className="hover:underline">Timeline</Link>
          {actor?.role === "leadership" && <Link href="/leadership" className="hover:underline">Responses owed</Link>}
          {actor?.role === "moderator" && <Link href="/moderation" className="hover:underline">Moderation</Link>}
          {actor?.role === "admin" && <Link href="/admin" className="hover:underline">Admin</Link>}
          {actor && <Link href="/my" className="hover:underline">My petitions</Link>}
          {actor && (
            <Link href="/notifications" className="hover:underline" data-testid="notifications-link">
              Notifications{unread > 0 && <span className="ml-1 rounded-full bg-accent px-1.5 text-xs font-bold text-white">{unread}<span className="sr-only"> unread</span></span>}
            </Link>
          )}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          {actor ? (
            <>
              <span data-testid="signed-in-as">
                {actor.name} <span className="text-muted">({ROLE_LABELS[actor.role]})</span>
              </span>
              <SignOutButton />
            </>
          ) : (
            <Link href="/signin" className="rounded-md bg-brand px-3 py-1.5 font-semibold text-white hover:bg-brand-dark">
              Sign in
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
