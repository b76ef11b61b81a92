// What the writer of an anonymous comment signs to answer a question as its author, shared by the
// browser (components/anonymous/AuthorKeys.ts) and the server (./conversation.ts) so both sign and
// verify the very same bytes (docs/decisions/026). Isomorphic: no Node or browser-only API.

/** ECDSA over P-256 with SHA-256; WebCrypto in the browser and on Node both give IEEE P1363 (r || s). */
export const ANSWER_KEY_ALGORITHM = { name: "ECDSA", namedCurve: "P-256" } as const;
export const ANSWER_SIGNATURE_ALGORITHM = { name: "ECDSA", hash: "SHA-256" } as const;

/** What an answer says it is, so a signature made for anything else never verifies as one. */
const PURPOSE = "undersigned/answer-as-author/v1";

/** The text as the server stores it; the browser signs it in this form. */
export const normalizeText = (s: string) => s.normalize("NFC").replace(/\r\n?/g, "\n").trim();

/**
 * The bytes signed: the purpose, the comment, the question, the answer's text and a random nonce,
 * as a JSON array (unambiguous: no field can run into the next).
 */
export function answerMessage(input: { commentId: string; questionId: string; body: string; nonce: string }): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify([PURPOSE, input.commentId, input.questionId, input.body, input.nonce]));
}

export function toBase64url(bytes: Uint8Array | ArrayBuffer): string {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = "";
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64url(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A P-256 public key as a raw uncompressed point (65 bytes) is 87 base64url characters. */
export const ANSWER_KEY_PATTERN = /^[A-Za-z0-9_-]{87}$/;
/** A P1363 signature (64 bytes) is 86 base64url characters. */
export const ANSWER_SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{86}$/;
/** A nonce of 16 to 64 random bytes. */
export const ANSWER_NONCE_PATTERN = /^[A-Za-z0-9_-]{22,86}$/;

const REVEAL_PURPOSE = "undersigned/reveal-author/v1";

/**
 * The bytes signed to put one's name on a comment, for good: the purpose, the comment, the
 * account that will be named, and a nonce. Naming the account means the signature cannot be
 * replayed by anyone else's session to name them instead.
 */
export function revealMessage(input: { commentId: string; accountId: string; nonce: string }): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify([REVEAL_PURPOSE, input.commentId, input.accountId, input.nonce]));
}
