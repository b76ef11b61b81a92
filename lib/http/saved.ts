// A save that leaves its form (a new or edited draft, a program) redirects to the saved thing's
// page with `?saved=<kind>`, and that page says in words that it was saved, where it is and who
// can see it (components/SavedNotice.tsx). The parameter only chooses a sentence: the page shows
// it only to someone who could have made the save (an organizer of a draft, an admin).
export const SAVED_KINDS = ["draft", "program"] as const;
export type SavedKind = (typeof SAVED_KINDS)[number];

/** The page to go to after saving `kind`. */
export const savedPath = (path: string, kind: SavedKind) => `${path}?saved=${kind}`;

/** Which save the page was reached after, if any. */
export function savedKind(query: Record<string, string | string[] | undefined>): SavedKind | null {
  const value = query.saved;
  return typeof value === "string" && (SAVED_KINDS as readonly string[]).includes(value) ? (value as SavedKind) : null;
}
