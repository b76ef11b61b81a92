import Link from "next/link";
import { signOutAction } from "@/app/auth-actions";
import { ROLE_LABELS, type Actor } from "@/lib/auth/actor";

export function SiteHeader({ actor }: { actor: Actor | null }) {
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
          {actor?.role === "moderator" && <Link href="/moderation" className="hover:underline">Moderation</Link>}
          {actor && <Link href="/my" className="hover:underline">My petitions</Link>}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          {actor ? (
            <>
              <span data-testid="signed-in-as">
                {actor.name} <span className="text-muted">({ROLE_LABELS[actor.role]})</span>
              </span>
              <form action={signOutAction}>
                <button type="submit" className="rounded-md border border-gray-300 px-3 py-1.5 hover:bg-gray-50">
                  Sign out
                </button>
              </form>
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
