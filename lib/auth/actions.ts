// What someone must sign in (or hold a role) to do, as the messages name it: one ICU select per
// message in domain.json ("Errors.auth.signInTo"), so each language words the whole sentence.
export const SIGN_IN_ACTIONS = [
  "do this",
  "see the dashboard",
  "collect signing tokens",
  "collect anonymous tokens",
  "see flagged comments",
  "hide petitions",
  "post official responses",
  "correct official responses",
  "see appeals",
  "read the audit log",
  "list accounts",
  "edit monitoring programs",
  "decide appeals",
  "change settings",
  "change roles",
  "add monitoring programs",
  "withdraw a signature",
  "unfollow",
  "submit a petition",
  "start a petition",
  "sign a petition",
  "see the petitions you signed",
  "see similar petitions",
  "see notifications",
  "remove a co-organizer",
  "put your name on a comment",
  "post updates",
  "mark notifications read",
  "mark a petition as a duplicate",
  "manage organizers",
  "invite a co-organizer",
  "follow",
  "flag a comment",
  "edit a petition",
  "deliver a petition",
  "close a petition",
  "choose email settings",
  "appeal",
  "answer an invitation",
  "see this petition",
  "see who signed",
  "hide comments",
  "undo a hide",
  "dismiss flags",
  "change a program's status",
  "mark commitments kept or missed",
  "see the responses owed",
  "ask the writer of an anonymous comment a question",
] as const;
export type SignInAction = (typeof SIGN_IN_ACTIONS)[number];

/** What only a petition's organizers may do ("Errors.auth.onlyOrganizers"). */
export const ORGANIZER_ACTIONS = [
  "edit it",
  "close it",
  "deliver it",
  "appeal",
  "post updates to its signers",
  "see its dashboard",
  "submit it",
  "invite co-organizers",
  "remove co-organizers",
  "manage organizers",
] as const;
export type OrganizerAction = (typeof ORGANIZER_ACTIONS)[number];

/** The select case of an action in the messages: "see the dashboard" → "seeTheDashboard". */
export function actionId(action: SignInAction | OrganizerAction): string {
  return action.replace(/[^A-Za-z]+([A-Za-z])?/g, (_, c: string | undefined) => (c ?? "").toUpperCase());
}
