"use server";

// Similar petitions while someone types a new one (components/SimilarPetitions.tsx). A server
// action, so the draft's words travel in a POST body, never in a URL an access log could keep;
// nothing here logs or stores them.
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { findSimilarPetitions, type SimilarPetition } from "@/lib/petitions/similar";

export async function similarPetitionsAction(input: { title: string; ask: string; excludeId?: string }): Promise<SimilarPetition[]> {
  try {
    return await findSimilarPetitions(db, await getActor(), input);
  } catch (error) {
    // Signed out, or text too long to compare: the form simply shows no suggestions.
    if (error instanceof DomainError) return [];
    throw error;
  }
}
