import "server-only";
// next-auth v5 wiring: a development sign-in for demo personas and the company's OIDC single
// sign-on. Sessions are JWTs holding only the account id; every request reloads the account so
// a role change applies at once, and every single sign-on re-reads the claims (docs/decisions/007).
import NextAuth, { type NextAuthConfig } from "next-auth";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, localeFor, type Locale } from "@/i18n/locales";
import Credentials from "next-auth/providers/credentials";
import { authSecrets, serverConfig } from "@/lib/config";
import { db } from "@/lib/db/server";
import { PERSONA_EMAILS } from "@/lib/demo/personas";
import { rememberLocaleIfUnset, upsertSsoUser } from "@/lib/users";
import { claimAddressInvitations } from "@/lib/petitions/commands";
import { claimConfigFromEnv, mapClaims, mappedRoles } from "./oidc-claims";
import { devLoginEnabled } from "./flags";
import { decodeSessionToken, encodeSessionToken } from "./session-token";

const providers: NextAuthConfig["providers"] = [];

/** The language of the sign-in's request, or null outside one. */
async function signInLocale(): Promise<Locale | null> {
  try {
    const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
    return localeFor(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
  } catch {
    return null;
  }
}
const config = serverConfig();

if (devLoginEnabled(config)) {
  providers.push(
    Credentials({
      id: "dev",
      name: "Demo persona",
      credentials: { email: { label: "Email", type: "email" } },
      async authorize(credentials) {
        const email = typeof credentials?.email === "string" ? credentials.email.toLowerCase() : "";
        if (!PERSONA_EMAILS.has(email)) return null;
        const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true } });
        return user;
      },
    }),
  );
}

if (config.oidc) {
  providers.push({
    id: "oidc",
    name: config.AUTH_OIDC_NAME,
    type: "oidc",
    issuer: config.oidc.issuer,
    clientId: config.oidc.clientId,
    clientSecret: config.oidc.clientSecret,
    authorization: { params: { scope: config.AUTH_OIDC_SCOPE } },
    checks: ["pkce", "state", "nonce"],
    // The account is created in the jwt callback from the mapped claims, not from this profile.
    profile: (claims) => ({ id: String(claims.sub), email: String(claims.email ?? ""), name: String(claims.name ?? "") }),
  });
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  providers,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  // Auth.js's own format, with the derived key cached (lib/auth/session-token.ts).
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  pages: { signIn: "/signin", error: "/signin" },
  trustHost: config.trustHost,
  // The rotation-aware list (lib/config), so Auth.js and our own readers use the same secrets.
  // Undefined when none is set, so Auth.js reports its own MissingSecret outside production.
  secret: config.authSecrets.length ? [...authSecrets(config)] : undefined,
  callbacks: {
    async jwt({ token, user, account, profile }) {
      if (account?.provider === "oidc" && profile) {
        // Every single sign-on re-reads name, department, location and role from the claims,
        // so someone removed from a group at the identity provider loses the role (decision 007).
        const claims = claimConfigFromEnv(config);
        const saved = await upsertSsoUser(db, mapClaims(profile as Record<string, unknown>, claims), mappedRoles(claims));
        if (saved.keptLastAdmin) {
          console.warn("[auth] the identity provider no longer grants the admin role to the only admin; it stays until another admin exists (see the audit log)");
        }
        token.uid = saved.id;
      } else if (account && user?.id) {
        token.uid = user.id;
      }
      if (account && typeof token.uid === "string") {
        // The session is valid only while the account's session version is unchanged.
        const row = await db.user.findUnique({ where: { id: token.uid }, select: { sessionVersion: true, email: true } });
        token.sv = row?.sessionVersion ?? 0;
        // Invitations to co-organize sent to this address before it had an account now wait in "My petitions".
        // A failure here must not stop the sign-in; the invitations wait for the next one.
        if (row) {
          // Mail to someone who never chose a language is written in the one they signed in with.
          const locale = await signInLocale();
          if (locale) {
            await rememberLocaleIfUnset(db, token.uid, locale).catch((error: unknown) => {
              console.error(`[auth] language not remembered: ${error instanceof Error ? error.name : "error"}`);
            });
          }
          await claimAddressInvitations(db, { id: token.uid, email: row.email }).catch((error: unknown) => {
            console.error(`[auth] pending co-organizer invitations not claimed: ${error instanceof Error ? error.name : "error"}`);
          });
        }
      }
      // Keep nothing personal in the cookie beyond the account id.
      delete token.name;
      delete token.email;
      delete token.picture;
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: typeof token.uid === "string" ? token.uid : undefined, sessionVersion: typeof token.sv === "number" ? token.sv : 0 };
    },
  },
  events: {
    // Signing out ends this session everywhere: any copy of the cookie is refused from now on.
    async signOut(message) {
      const uid = "token" in message && message.token && typeof message.token.uid === "string" ? message.token.uid : null;
      if (uid) await db.user.updateMany({ where: { id: uid }, data: { sessionVersion: { increment: 1 } } });
    },
  },
  logger: {
    // next-auth's default logger prints whole errors, which can include profile data; the
    // error class and the first line of its message say enough to find the problem.
    error: (error) => console.error(`[auth] ${error.name}: ${error.message.split("\n")[0]}`),
    warn: (code) => console.warn(`[auth] warning ${code}`),
  },
});

declare module "next-auth" {
  interface Session {
    userId?: string;
    sessionVersion?: number;
  }
}
