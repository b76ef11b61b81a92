"use server";

// The parts of a shared page that only the server renders for a person (docs/decisions/035): an
// organizer's tools, a moderator's panel, the leadership's forms, the question forms of those who
// may ask. The page's script calls it when GET /api/me says the person has such parts. It takes
// no arguments (the proxy refuses any other action that is not a form, lib/http/request-guard.ts);
// the page it is for is the address it was posted to, which the proxy passes on.
import { headers } from "next/headers";
import { petitionParts } from "@/app/petitions/[slug]/personal";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { REQUEST_PATH_HEADER } from "@/lib/http/request-path";
import { petitionSlugOfPath } from "@/lib/page-cache/rules";
import { getPetitionPage } from "@/lib/petitions/page-data";

export async function personalPartsAction(): Promise<Record<string, React.ReactNode> | null> {
  const actor = await getActor();
  const slug = petitionSlugOfPath((await headers()).get(REQUEST_PATH_HEADER) ?? "");
  if (!actor || !slug) return null;
  const data = await getPetitionPage(db, actor, slug).catch((error: unknown) => {
    // No longer there for this person: the page's parts stay as they are.
    if (error instanceof DomainError && error.status === 404) return null;
    throw error;
  });
  return data?.public ? petitionParts({ actor, data, similar: [] }) : null;
}
