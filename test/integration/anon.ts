// Helpers that act as the browser does: collect blind-signed tokens, spend one per comment.
import type { Actor } from "@/lib/auth/actor";
import { blindNonces, finalizeTokens, type StoredToken } from "@/lib/anonymity/client";
import { publishedKeys } from "@/lib/anonymity/keys";
import { issueTokens } from "@/lib/anonymity/tokens";
import type { Db } from "@/lib/db/client";

export async function collectTokens(db: Db, actor: Actor, count = 10, now = new Date()): Promise<StoredToken[]> {
  const [key] = await publishedKeys(db, now);
  const blinded = await blindNonces(key!, count);
  const issued = await issueTokens(db, actor, { keyId: key!.id, blindedMessages: blinded.blindedMessages }, { now });
  return finalizeTokens(key!, blinded, issued.blindSignatures);
}

export async function makeProgram(db: Db, slug = `flow-${Math.random().toString(36).slice(2, 8)}`) {
  return db.program.create({
    data: {
      slug,
      name: "Flow Insights",
      owningTeam: "Productivity Analytics",
      purpose: "Train models on how work gets done.",
      collects: JSON.stringify(["clicks", "keystrokes"]),
      retention: "24 months",
      dataAccess: "Model team",
      consentModel: "mandatory",
      status: "active",
      policyText: "We record activity.",
    },
  });
}
