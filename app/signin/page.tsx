import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signInAsPersona, signInWithSso } from "@/app/auth-actions";
import { ROLE_LABELS } from "@/lib/auth/actor";
import { devLoginEnabled, oidcConfigured } from "@/lib/auth/flags";
import { safeRedirect } from "@/lib/auth/redirect";
import { getActor } from "@/lib/auth/session";
import { serverConfig } from "@/lib/config";
import { db } from "@/lib/db/server";
import { PERSONAS } from "@/lib/demo/personas";
import { existingEmails } from "@/lib/users";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  CredentialsSignin: "That demo persona does not exist in this database. Run the demo seed, then try again.",
  AccessDenied: "Your company account was not allowed to sign in.",
  Configuration: "Sign-in is not configured correctly on the server. Tell an admin.",
};

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  const params = await searchParams;
  const callbackUrl = safeRedirect(params.callbackUrl);
  if (await getActor()) redirect(callbackUrl);
  const error = typeof params.error === "string" ? (ERRORS[params.error] ?? "Sign-in failed; please try again.") : null;
  const dev = devLoginEnabled();
  const existing = dev
    ? await existingEmails(db, PERSONAS.map((p) => p.email))
    : new Set<string>();
  const personas = PERSONAS.filter((p) => existing.has(p.email));

  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold">Sign in</h1>
      {error && (
        <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}
      {oidcConfigured() && (
        <form action={signInWithSso} className="mt-6">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button type="submit" className="w-full rounded-lg bg-brand px-4 py-3 font-semibold text-white hover:bg-brand-dark">
            Sign in with {serverConfig().AUTH_OIDC_NAME}
          </button>
        </form>
      )}
      {dev && (
        <section aria-labelledby="dev-signin" className="mt-8">
          <h2 id="dev-signin" className="text-xl font-bold">Demo personas</h2>
          {serverConfig().production && (
            <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
              Development sign-in is switched on (AUTH_DEV_LOGIN=true). Anyone can sign in as these people. Never use this on real data.
            </p>
          )}
          {personas.length === 0 ? (
            <p className="mt-2 text-muted">No demo personas exist in this database yet. Seed the demo data to use them.</p>
          ) : (
            <ul className="mt-3 grid gap-3">
              {personas.map((p) => (
                <li key={p.email}>
                  <form action={signInAsPersona}>
                    <input type="hidden" name="email" value={p.email} />
                    <input type="hidden" name="callbackUrl" value={callbackUrl} />
                    <button type="submit" className="w-full rounded-lg border border-gray-300 bg-white px-4 py-3 text-left hover:border-brand hover:bg-emerald-50">
                      <span className="block font-semibold">Sign in as {p.name}, {ROLE_LABELS[p.role]}</span>
                      <span className="block text-sm text-muted">{p.department}, {p.location}. {p.story}</span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {!dev && !oidcConfigured() && (
        <p className="mt-6 text-muted">No sign-in method is configured. An admin needs to set AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET.</p>
      )}
    </div>
  );
}
