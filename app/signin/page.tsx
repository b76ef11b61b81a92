import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { signInAsPersona, signInWithSso } from "@/app/auth-actions";
import { devLoginEnabled, oidcConfigured } from "@/lib/auth/flags";
import { safeRedirect } from "@/lib/auth/redirect";
import { getActor } from "@/lib/auth/session";
import { serverConfig } from "@/lib/config";
import { db } from "@/lib/db/server";
import { PERSONAS } from "@/lib/demo/personas";
import { existingEmails } from "@/lib/users";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("SignInPage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

// Auth.js's error codes on the way back from a failed sign-in, and the message for each.
const ERRORS = {
  CredentialsSignin: "errorCredentials",
  AccessDenied: "errorDenied",
  Configuration: "errorConfiguration",
} as const;

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  const [params, t, roles] = await Promise.all([searchParams, getTranslations("SignInPage"), getTranslations("Roles")]);
  const callbackUrl = safeRedirect(params.callbackUrl);
  if (await getActor()) redirect(callbackUrl);
  const error = typeof params.error === "string" ? t(Object.hasOwn(ERRORS, params.error) ? ERRORS[params.error as keyof typeof ERRORS] : "errorOther") : null;
  const dev = devLoginEnabled();
  const existing = dev
    ? await existingEmails(db, PERSONAS.map((p) => p.email))
    : new Set<string>();
  const personas = PERSONAS.filter((p) => existing.has(p.email));

  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      {error && (
        <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}
      {oidcConfigured() && (
        <form action={signInWithSso} className="mt-6">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button type="submit" className="w-full rounded-lg bg-brand px-4 py-3 font-semibold text-white hover:bg-brand-dark">
            {t("withSso", { provider: serverConfig().AUTH_OIDC_NAME })}
          </button>
        </form>
      )}
      {dev && (
        <section aria-labelledby="dev-signin" className="mt-8">
          <h2 id="dev-signin" className="text-xl font-bold">{t("personas")}</h2>
          {serverConfig().production && (
            <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
              {t("devWarning")}
            </p>
          )}
          {personas.length === 0 ? (
            <p className="mt-2 text-muted">{t("noPersonas")}</p>
          ) : (
            <ul className="mt-3 grid gap-3">
              {personas.map((p) => (
                <li key={p.email}>
                  <form action={signInAsPersona}>
                    <input type="hidden" name="email" value={p.email} />
                    <input type="hidden" name="callbackUrl" value={callbackUrl} />
                    <button type="submit" className="w-full rounded-lg border border-gray-300 bg-white px-4 py-3 text-left hover:border-brand hover:bg-emerald-50">
                      <span className="block font-semibold">{t("asPersona", { name: p.name, role: roles(p.role) })}</span>
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
        <p className="mt-6 text-muted">{t("noMethod")}</p>
      )}
    </div>
  );
}
