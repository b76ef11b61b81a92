// The token holder's side of RFC 9474 blind signatures, for the browser (and for tests and the
// demo seed, which run the same code on Node's WebCrypto). The blinding factor (`inv`) never
// leaves this code; the server sees blinded messages at issuance and tokens at redemption.
import { RSABSSA } from "@cloudflare/blindrsa-ts";

export type KeyInfo = { id: string; week: string; publicKey: string; fingerprint: string };
export type StoredToken = { keyId: string; week: string; nonce: string; signature: string };

const suite = () => RSABSSA.SHA384.PSS.Deterministic();

export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(new ArrayBuffer(s.length));
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function importKey(spkiBase64: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("spki", fromBase64(spkiBase64), { name: "RSA-PSS", hash: "SHA-384" }, true, ["verify"]);
}

export type Blinded = { blindedMessages: string[]; pending: { nonce: Uint8Array; inv: Uint8Array; prepared: Uint8Array }[] };

/** Makes `count` random nonces and blinds them for the key. */
export async function blindNonces(key: KeyInfo, count: number): Promise<Blinded> {
  const publicKey = await importKey(key.publicKey);
  const s = suite();
  const pending: Blinded["pending"] = [];
  const blindedMessages: string[] = [];
  for (let i = 0; i < count; i++) {
    const nonce = crypto.getRandomValues(new Uint8Array(32));
    const prepared = s.prepare(nonce);
    const { blindedMsg, inv } = await s.blind(publicKey, prepared);
    pending.push({ nonce, inv, prepared });
    blindedMessages.push(toBase64(blindedMsg));
  }
  return { blindedMessages, pending };
}

/** Unblinds the server's signatures into tokens, checking each one against the public key. */
export async function finalizeTokens(key: KeyInfo, blinded: Blinded, blindSignatures: string[]): Promise<StoredToken[]> {
  const publicKey = await importKey(key.publicKey);
  const s = suite();
  const tokens: StoredToken[] = [];
  for (const [i, blindSig] of blindSignatures.entries()) {
    const item = blinded.pending[i];
    if (!item) break;
    // finalize verifies the signature, so a wrong or malicious answer never becomes a token.
    const signature = await s.finalize(publicKey, item.prepared, fromBase64(blindSig), item.inv);
    tokens.push({ keyId: key.id, week: key.week, nonce: toBase64(item.nonce), signature: toBase64(signature) });
  }
  return tokens;
}

/** A petition's key as the collection endpoint lists it. */
export type SignKeyInfo = { petitionId: string; keyId: string; publicKey: string };
/** A signing token as the browser keeps it: the petition is bound by the key. */
export type SignTokenHeld = { petitionId: string; keyId: string; nonce: string; signature: string };

export type BlindedSign = { petitionId: string; keyId: string; blindedMessage: string; nonce: Uint8Array; inv: Uint8Array; prepared: Uint8Array; publicKey: string };

/** Blinds one fresh nonce per petition under that petition's key (decision 018). */
export async function blindForPetitions(keys: SignKeyInfo[]): Promise<BlindedSign[]> {
  const s = suite();
  const out: BlindedSign[] = [];
  for (const k of keys) {
    const publicKey = await importKey(k.publicKey);
    const nonce = crypto.getRandomValues(new Uint8Array(32));
    const prepared = s.prepare(nonce);
    const { blindedMsg, inv } = await s.blind(publicKey, prepared);
    out.push({ petitionId: k.petitionId, keyId: k.keyId, blindedMessage: toBase64(blindedMsg), nonce, inv, prepared, publicKey: k.publicKey });
  }
  return out;
}

/** Unblinds the server's answers into signing tokens, checking each against the petition's key. */
export async function finalizeForPetitions(blinded: BlindedSign[], issued: { petitionId: string; blindSignature: string }[]): Promise<SignTokenHeld[]> {
  const s = suite();
  const out: SignTokenHeld[] = [];
  for (const answer of issued) {
    const b = blinded.find((x) => x.petitionId === answer.petitionId);
    if (!b) continue;
    const signature = await s.finalize(await importKey(b.publicKey), b.prepared, fromBase64(answer.blindSignature), b.inv);
    out.push({ petitionId: b.petitionId, keyId: b.keyId, nonce: toBase64(b.nonce), signature: toBase64(signature) });
  }
  return out;
}
