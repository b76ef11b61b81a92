// On a draft's page, for its organizers: petitions that ask the same thing, before they gather
// co-sponsors. This is the path without script (the form's live list needs it); the text it
// compares is the saved draft's own.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/server";
import { findSimilarPetitions } from "@/lib/petitions/similar";
import { SimilarPetitionList } from "./SimilarPetitionList";

export async function DraftSimilarPetitions({ actor, petition }: { actor: Actor | null; petition: { id: string; title: string; ask: string } }) {
  if (!actor) return null;
  const petitions = await findSimilarPetitions(db, actor, { title: petition.title, ask: petition.ask, excludeId: petition.id });
  return <div className="mt-6"><SimilarPetitionList petitions={petitions} id="draft-similar-heading" /></div>;
}
