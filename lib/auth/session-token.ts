// The session cookie's JWT, encoded and decoded exactly as Auth.js does (encrypted with
// A256CBC-HS512 under a key derived from AUTH_SECRET with HKDF), but with the derived key and
// its thumbprint computed once per secret instead of on every request. Profiling the benchmark
// showed the per-request key derivation costing as much as the rest of a signature
// (docs/decisions/015-hot-paths.md). Tokens stay interchangeable with @auth/core's own
// encode/decode; test/unit/session-token.test.ts checks both directions.
//
// Decoding the one form Auth.js issues (alg "dir", enc A256CBC-HS512) is node:crypto's work on
// the request's own thread (decryptCbcHs512 below, RFC 7518 section 5.2): jose 6 runs on WebCrypto
// only, and there one token is seven asynchronous operations, a seventh of a signature's server
// time in the profile (docs/decisions/036). Any other form goes to jose, which stays the reference.
import { createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
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

const CLOCK_TOLERANCE_SECONDS = 15;

/** A compact JWE's protected header, when it is the form Auth.js issues: {"alg":"dir","enc":"A256CBC-HS512","kid":…}. */
function issuedHeader(segment: string): { kid?: string } | null {
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!header || typeof header !== "object" || Array.isArray(header)) return null;
  const { alg, enc, kid, ...rest } = header as Record<string, unknown>;
  if (alg !== ALG || enc !== ENC || (kid !== undefined && typeof kid !== "string") || Object.keys(rest).length > 0) return null;
  return kid === undefined ? {} : { kid };
}

/**
 * A256CBC-HS512 decryption (RFC 7518 section 5.2.2.2): the tag is the first half of
 * HMAC-SHA-512 under the key's first half over AAD, IV, ciphertext and the AAD's length in bits;
 * only when it matches (compared in constant time) is the ciphertext decrypted with AES-256-CBC
 * under the key's second half. Null for anything that does not authenticate or decrypt.
 */
export function decryptCbcHs512(key: Uint8Array, aad: string, iv: Buffer, ciphertext: Buffer, tag: Buffer): Buffer | null {
  if (key.byteLength !== 64 || iv.byteLength !== 16 || tag.byteLength !== 32 || ciphertext.byteLength === 0 || ciphertext.byteLength % 16 !== 0) return null;
  const aadBytes = Buffer.from(aad, "ascii");
  const bits = Buffer.alloc(8);
  bits.writeBigUInt64BE(BigInt(aadBytes.byteLength) * 8n);
  const mac = createHmac("sha512", key.subarray(0, 32)).update(aadBytes).update(iv).update(ciphertext).update(bits).digest().subarray(0, 32);
  if (!timingSafeEqual(mac, tag)) return null;
  try {
    const decipher = createDecipheriv("aes-256-cbc", key.subarray(32), iv);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

/** The claims of a decrypted token, checked as jose's jwtDecrypt checks them (exp, nbf, iat; 15 s of tolerance). */
function validClaims(plaintext: Buffer, now: number): JWTPayload {
  const payload: unknown = JSON.parse(plaintext.toString("utf8"));
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) throw new Error("JWT claims are not an object");
  const claims = payload as JWTPayload;
  for (const name of ["exp", "nbf", "iat"] as const) {
    if (claims[name] !== undefined && typeof claims[name] !== "number") throw new Error(`"${name}" claim must be a number`);
  }
  if (claims.nbf !== undefined && claims.nbf > now + CLOCK_TOLERANCE_SECONDS) throw new Error('"nbf" claim check failed');
  if (claims.exp !== undefined && claims.exp <= now - CLOCK_TOLERANCE_SECONDS) throw new Error('"exp" claim check failed');
  return claims;
}

/** Auth.js's own form, decoded with node:crypto; undefined when the token is another form (jose decodes it). */
async function decodeIssuedForm(token: string, secrets: readonly string[], salt: string): Promise<JWTPayload | undefined> {
  const parts = token.split(".");
  if (parts.length !== 5 || parts[1] !== "") return undefined;
  const header = issuedHeader(parts[0]!);
  if (!header) return undefined;
  const [iv, ciphertext, tag] = [parts[2]!, parts[3]!, parts[4]!].map((part) => Buffer.from(part, "base64url"));
  // Node's decoder skips characters outside the alphabet; only the one spelling of the bytes is the token.
  if ([iv!, ciphertext!, tag!].some((bytes, i) => bytes.toString("base64url") !== parts[i + 2])) throw new Error("JWE segment is not base64url");
  for (const secret of secrets) {
    const { key, kid } = await derivedKey(ENC, secret, salt);
    if (header.kid !== undefined && header.kid !== kid) continue;
    const plaintext = decryptCbcHs512(key, parts[0]!, iv!, ciphertext!, tag!);
    if (plaintext) return validClaims(plaintext, Math.floor(Date.now() / 1000));
  }
  throw new Error("no matching decryption secret");
}

export async function decodeSessionToken(params: { token?: string; secret: Secret; salt: string }): Promise<JWTPayload | null> {
  if (!params.token) return null;
  const secrets = secretsOf(params.secret);
  const issued = await decodeIssuedForm(params.token, secrets, params.salt);
  if (issued) return issued;
  const { payload } = await jwtDecrypt(
    params.token,
    async ({ kid, enc }) => {
      for (const secret of secrets) {
        const { key, kid: expected } = await derivedKey(enc, secret, params.salt);
        if (kid === undefined || kid === expected) return key;
      }
      throw new Error("no matching decryption secret");
    },
    { clockTolerance: CLOCK_TOLERANCE_SECONDS, keyManagementAlgorithms: [ALG], contentEncryptionAlgorithms: [ENC, "A256GCM"] },
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
