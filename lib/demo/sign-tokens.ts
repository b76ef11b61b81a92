// The demo's signatures go through the same token flow as a browser (decision 018): each visitor
// collects the petition's token, a named signer spends it with their name, an anonymous signer
// spends it without an account and the signature is written in a batch of that day. So the
// demo's database holds no link between an anonymous signature and a person either.
import type { Actor } from "@/lib/auth/actor";
import { constants, publicEncrypt, randomBytes, sign } from "node:crypto";
import type { SignTokenHeld } from "@/lib/anonymity/client";
import type { Db } from "@/lib/db/client";
import { isoDay } from "@/lib/validation";
import { signPetition } from "@/lib/signatures";
import { flushSignatures, queueAnonymous } from "@/lib/signatures/anonymous";
import { collectTokens, signKeyFor } from "@/lib/signatures/tokens";

/**
 * Collects one person's token for one petition, as their browser would on a visit. The demo holds
 * the server's keys, so it skips the browser's blinding (about 60 ms of pure-JavaScript big-number
 * work per token, minutes for the demo's thousands of visits): the message it sends is the token's
 * PSS encoding itself (a blinding factor of 1). The server's side, issuance in one transaction, the
 * spend and the batches, runs unchanged.
 */
export async function visit(db: Db, person: Actor, petitionId: string, now: Date): Promise<SignTokenHeld | null> {
  const key = await signKeyFor(db, petitionId);
  const nonce = randomBytes(32);
  const encoded = publicEncrypt({ key: key.publicKey, padding: constants.RSA_NO_PADDING }, sign("sha384", nonce, { key: key.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 }));
  const { issued } = await collectTokens(db, person, { tokens: [{ petitionId, keyId: key.stored.id, blindedMessage: encoded.toString("base64") }] }, { now });
  const answer = issued[0];
  return answer ? { petitionId, keyId: key.stored.id, nonce: nonce.toString("base64"), signature: answer.blindSignature } : null;
}

/** The tokens the demo's browsers hold, by person and petition: a visitor who signs later spends the token of their visit. */
export type DemoWallets = Map<string, SignTokenHeld>;
const walletKey = (person: Actor, petitionId: string) => `${person.id}:${petitionId}`;

/** A visit that keeps the token in the person's (demo) browser. */
export async function visitKeeping(db: Db, wallets: DemoWallets, person: Actor, petitionId: string, now: Date): Promise<void> {
  const token = await visit(db, person, petitionId, now);
  if (token) wallets.set(walletKey(person, petitionId), token);
}

/** Signs as the browser would: collect the token (or use the one an earlier visit collected), then spend it by name or anonymously. */
export function demoSigner(db: Db, wallets: DemoWallets = new Map()) {
  let pendingDay: string | null = null;
  let last: Date | null = null;
  const flush = async () => {
    if (last) await flushSignatures(db, last, { force: true });
    pendingDay = null;
  };
  return {
    async sign(person: Actor, petitionId: string, visibility: "named" | "anonymous", now: Date): Promise<boolean> {
      const token = wallets.get(walletKey(person, petitionId)) ?? (await visit(db, person, petitionId, now));
      if (!token) return false;
      wallets.delete(walletKey(person, petitionId));
      const wire = { nonce: token.nonce, signature: token.signature };
      if (visibility === "named") return (await signPetition(db, person, petitionId, { visibility, token: wire }, { now })).status === "signed";
      // Anonymous signatures of one day are written in one batch at the end of that day.
      if (pendingDay && pendingDay !== isoDay(now)) await flush();
      await queueAnonymous(db, petitionId, "sign", { token: wire }, { now });
      pendingDay = isoDay(now);
      last = now;
      return true;
    },
    /** Writes the anonymous signatures still waiting. */
    flush,
  };
}
