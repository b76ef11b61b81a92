// The browser's signing tokens (decision 018) as the tests reach them: the page's wallet collects
// them on load into IndexedDB; these helpers read the token held for a petition and send it through
// the cookieless anonymous door as components/anonymous/sign-wallet.ts does.
import { execFileSync } from "node:child_process";
import type { Page } from "@playwright/test";
import { APP_ORIGIN, walletSettled } from "./fixtures";

const DATABASE_URL = process.env.E2E_DATABASE_URL ?? "file:./test/.tmp/e2e.db";

/** A petition opened just now, so no browser has collected its token yet. */
export function freshPetition(title: string): { id: string; slug: string; signatureCount: number } {
  return JSON.parse(execFileSync(process.execPath, ["--import", "tsx", "test/e2e/support/signing-db.ts", "open", DATABASE_URL, title], { encoding: "utf8" }));
}

export type WireToken = { nonce: string; signature: string };

/** The token this page's browser holds for the petition (null if none). */
export async function heldToken(page: Page, petitionId: string): Promise<WireToken | null> {
  await walletSettled(page);
  return page.evaluate(
    (id) =>
      new Promise<WireToken | null>((resolve, reject) => {
        const open = indexedDB.open("undersigned-signing");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction("tokens").objectStore("tokens").getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            for (const held of all.result as Record<string, { token?: { nonce: string; signature: string } }>[]) {
              const t = typeof held === "object" && held && !Array.isArray(held) ? held[id]?.token : undefined;
              if (t) return resolve({ nonce: t.nonce, signature: t.signature });
            }
            resolve(null);
          };
        };
      }),
    petitionId,
  );
}

export type DoorAnswer = { status: number; body: { status?: string; error?: { message: string } }; text: string };

/**
 * Sends the token to the anonymous door without cookies (POST signs, DELETE withdraws), as the
 * wallet does with `credentials: "omit"`. Sent from the test process rather than the page, so a
 * refusal the test expects is not logged as a failed resource in the page's console.
 */
export async function anonymousDoor(petitionId: string, method: "POST" | "DELETE", token: WireToken): Promise<DoorAnswer> {
  const res = await fetch(`${APP_ORIGIN}/api/petitions/${encodeURIComponent(petitionId)}/anonymous-signature`, {
    method,
    headers: { "content-type": "application/json", origin: APP_ORIGIN },
    body: JSON.stringify({ token }),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as DoorAnswer["body"], text };
}

/**
 * Sends the token until the batch wrote it, as the wallet's outbox does: POST until "counted",
 * DELETE until "withdrawn". Returns every answer (the first is the 202 "queued").
 */
export async function untilWritten(petitionId: string, method: "POST" | "DELETE", token: WireToken, timeoutMs = 20_000): Promise<DoorAnswer[]> {
  const want = method === "POST" ? "counted" : "withdrawn";
  const answers: DoorAnswer[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await anonymousDoor(petitionId, method, token);
    answers.push(answer);
    if (answer.body.status === want) return answers;
    if (answer.status !== 202 || Date.now() > deadline) throw new Error(`the anonymous door answered ${answer.status} ${answer.text}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
