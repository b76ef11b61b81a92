"use server";

// Similar petitions while someone types a new one (components/SimilarPetitions.tsx). A server
// action, so the draft's words travel in a POST body, never in a URL an access log could keep;
// nothing here logs or stores them.
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { findSimilarPetitions, type SimilarPetition } from "@/lib/petitions/similar";

// It takes a form, as every action of this app does: the request guard (lib/http/request-guard.ts)
// accepts only forms from a page's script.
export async function similarPetitionsAction(form: FormData): Promise<SimilarPetition[]> {
  try {
    const text = (name: string) => form.get(name) ?? undefined;
    return await findSimilarPetitions(db, await getActor(), { title: text("title"), ask: text("ask"), excludeId: text("excludeId") });
  } catch (error) {
    // Signed out, or text too long to compare: the form simply shows no suggestions.
    if (error instanceof DomainError) return [];
    throw error;
  }
}
