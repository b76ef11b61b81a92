// Invitations to co-organize go to an email address, whether or not anyone has signed in with it,
// and the organizer is told the same thing either way (no oracle for who uses Undersigned). For an
// address without an account only a keyed hash is stored: HMAC-SHA256 under a key derived from the
// server's secret, so the database alone does not say whom a pending invitation names. At sign-in
// the hash of the person's address is computed under every secret still configured (rotation)
// and matching invitations become ordinary ones (lib/petitions/commands.ts).
import { createHmac, hkdfSync } from "node:crypto";
import { authSecrets } from "@/lib/config";

const INFO = "Undersigned co-organizer invitation address";

/** Lowercased, trimmed and NFC-normalized: the form the schema and single sign-on produce. */
export const normalizeAddress = (email: string) => email.normalize("NFC").trim().toLowerCase();

/** One key per configured secret, newest first; empty when no secret is configured. */
export function addressKeys(secrets: readonly string[] = authSecrets()): Buffer[] {
  return secrets.map((secret) => Buffer.from(hkdfSync("sha256", secret, "undersigned", INFO, 32)));
}

export function addressHash(email: string, key: Buffer): string {
  return createHmac("sha256", key).update(normalizeAddress(email)).digest("base64url");
}
