// The session cookie's JWT, encoded and decoded exactly as Auth.js does (encrypted with
// A256CBC-HS512 under a key derived from AUTH_SECRET with HKDF), but with the derived key and
// its thumbprint computed once per secret instead of on every request. Profiling the benchmark
// showed the per-request key derivation costing as much as the rest of a signature
// (docs/decisions/015-hot-paths.md). Tokens stay interchangeable with @auth/core's own
// encode/decode; test/unit/session-token.test.ts checks both directions.
import { hkdfSync } from "node:crypto";
import { authSecrets } from "@/lib/config";
import { EncryptJWT, base64url, calculateJwkThumbprint, jwtDecrypt, type JWTPayload } from "jose";

const ALG = "dir";
const ENC = "A256CBC-HS512";
const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;

type DerivedKey = { key: Uint8Array; kid: string };
const derived = new Map<string, Promise<DerivedKey>>();

function derivedKey(enc: string, secret: string, salt: string): Promise<DerivedKey> {
  const length = enc === "A256CBC-HS512" ? 64 : enc === "A256GCM" ? 32 : 0;
  if (!length) return Promise.reject(new Error("Unsupported JWT content encryption algorithm"));
  const cacheKey = `${enc}\u0000${salt}\u0000${secret}`;
  let entry = derived.get(cacheKey);
  if (!entry) {
    const key = new Uint8Array(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, length));
    entry = calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, `sha${key.byteLength << 3}` as "sha512").then((kid) => ({ key, kid }));
    // A handful of secrets and salts at most; the map cannot grow with traffic.
    if (derived.size > 32) derived.clear();
    derived.set(cacheKey, entry);
  }
  return entry;
}

type Secret = string | readonly string[];
const secretsOf = (secret: Secret): readonly string[] => (typeof secret === "string" ? [secret] : secret);

export async function encodeSessionToken(params: { token?: Record<string, unknown>; secret: Secret; salt: string; maxAge?: number }): Promise<string> {
  const { key, kid } = await derivedKey(ENC, secretsOf(params.secret)[0]!, params.salt);
  return new EncryptJWT(params.token ?? {})
    .setProtectedHeader({ alg: ALG, enc: ENC, kid })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (params.maxAge ?? DEFAULT_MAX_AGE))
    .setJti(crypto.randomUUID())
    .encrypt(key);
}

export async function decodeSessionToken(params: { token?: string; secret: Secret; salt: string }): Promise<JWTPayload | null> {
  if (!params.token) return null;
  const secrets = secretsOf(params.secret);
  const { payload } = await jwtDecrypt(
    params.token,
    async ({ kid, enc }) => {
      for (const secret of secrets) {
        const { key, kid: expected } = await derivedKey(enc, secret, params.salt);
        if (kid === undefined || kid === expected) return key;
      }
      throw new Error("no matching decryption secret");
    },
    { clockTolerance: 15, keyManagementAlgorithms: [ALG], contentEncryptionAlgorithms: [ENC, "A256GCM"] },
  );
  return payload;
}

/** The session cookie's names: browsers only accept the __Secure- one over HTTPS. */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/** The secrets Auth.js uses, in its order: AUTH_SECRET_1…3 (rotation) before AUTH_SECRET (lib/config). */
export { authSecrets };

export type SessionClaims = { userId: string; sessionVersion: number };

/**
 * The account id and session version in a request's session cookie, or null when there is
 * none or it does not decrypt (tampered, expired, another secret).
 */
export async function readSessionClaims(cookie: (name: string) => string | undefined, secret: readonly string[] = authSecrets()): Promise<SessionClaims | null> {
  if (secret.length === 0) return null;
  for (const name of SESSION_COOKIES) {
    const token = cookie(name);
    if (!token) continue;
    try {
      const payload = await decodeSessionToken({ token, secret, salt: name });
      if (payload && typeof payload.uid === "string") {
        return { userId: payload.uid, sessionVersion: typeof payload.sv === "number" ? payload.sv : 0 };
      }
    } catch {
      // Not a token this server issued, or an expired one: treated as signed out.
    }
  }
  return null;
}
