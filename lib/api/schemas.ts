// The shapes of the JSON API's answers, as zod schemas. The route handlers send their answers
// through reply() (./reply.ts), which does not compile when a value does not fit its schema, and
// the OpenAPI document (./openapi.ts) is generated from these same objects, so the two cannot
// drift apart (docs/decisions/023). Request bodies and queries use the domain's own schemas.
import { z } from "zod";
import { ROLES } from "@/lib/auth/actor";
import { EVENT_KINDS } from "@/lib/timeline/record";
import { PETITION_STATES } from "@/lib/petitions/schema";
import { PETITION_ACTIONS } from "@/lib/petitions/policy";
// The leaf modules, not "@/lib/programs": its commands import the petition caches, which import this file.
import { CONSENT_MODELS } from "@/lib/programs/consent";
import { PROGRAM_STATUSES, PROGRAM_STATUSES_NOW, programStatusFilterSchema } from "@/lib/programs/status";
import { signatureInputSchema } from "@/lib/petitions/schema";
import { signTokenSchema } from "@/lib/signatures/tokens";
import type { PublicComment } from "@/lib/comments";

const instant = z.iso.datetime().describe("An instant in UTC, ISO 8601.");
const day = z.iso.date().describe("A calendar day, YYYY-MM-DD.");
const nextCursor = z.string().nullable().describe("Pass as `cursor` to get the next page; null on the last page.");

export { apiErrorSchema, ERROR_CODES } from "@/lib/http/error-schema";

export const petitionSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  ask: z.string(),
  addressedTo: z.string(),
  state: z.enum(PETITION_STATES),
  signatureCount: z.int().min(0),
  goal: z.int(),
  responseThreshold: z.int().describe("Signatures at which leadership owes a public response."),
  openedAt: instant.nullable(),
  closesAt: instant,
  closedAt: instant.nullable(),
  thresholdReachedAt: instant.nullable(),
  responseDueAt: instant.nullable(),
  respondedAt: instant.nullable(),
  response: z.object({ status: z.enum(["not_due", "due", "overdue", "responded"]), overdueDays: z.int().min(0) }),
  hidden: z.object({ reason: z.string() }).nullable().describe("Set when a moderator hid the petition, with the public reason."),
  deliveredAt: instant.nullable(),
});

export const petitionPageSchema = z.object({ items: z.array(petitionSummarySchema), nextCursor });

const ownSignatureSchema = z.object({ visibility: z.enum(["named", "anonymous"]), coSponsor: z.boolean(), createdAt: instant });

export const petitionDetailSchema = petitionSummarySchema.extend({
  background: z.string().describe("Markdown, as the organizers wrote it."),
  backgroundHtml: z.string().describe("The background rendered to sanitized HTML."),
  organizers: z.array(z.object({ name: z.string(), role: z.string() })),
  coSponsors: z.object({ count: z.int().min(0), needed: z.int().min(0) }),
  program: z.object({ slug: z.string(), name: z.string() }).nullable(),
  namedSigners: z.array(z.object({ name: z.string(), signedAt: instant })).describe("The newest 50 people who signed by name; empty unless `viewer.can.signers` (a public petition that no moderator hid). Anonymous signatures are only counted."),
  viewer: z
    .object({
      isOrganizer: z.boolean(),
      coSponsorToken: z.string().nullable().describe("The co-sponsor link's token; only organizers see it."),
      can: z.record(z.enum(PETITION_ACTIONS), z.boolean()).describe("What the requester may do with this petition."),
      signature: ownSignatureSchema.nullable().describe("The requester's own signature; null when signed out or not signed."),
    })
    .describe("About whoever sent the request."),
});

export const publicCountSchema = z.object({ id: z.string(), signatureCount: z.int().min(0), goal: z.int(), state: z.enum(PETITION_STATES) });

export const signResultSchema = z.object({
  status: z.enum(["signed", "already_signed"]),
  signature: ownSignatureSchema,
  petition: z.object({ id: z.string(), state: z.string(), signatureCount: z.int().min(0) }),
});

export const withdrawResultSchema = z.object({
  status: z.enum(["withdrawn", "not_signed"]),
  petition: z.object({ id: z.string(), state: z.string(), signatureCount: z.int().min(0) }),
});

const publicQuestionSchema = z.object({
  id: z.string(),
  day: day.describe("The day it was asked."),
  askedBy: z.object({ name: z.string(), role: z.enum(["leadership", "organizer"]) }).describe("Who asked, on the record, and under which role."),
  bodyHtml: z.string().describe("Sanitized HTML."),
  answer: z.object({ day, bodyHtml: z.string() }).nullable().describe("The author's answer, proven by the comment's key; null until one is published."),
});
export const publicCommentSchema: z.ZodType<PublicComment> = z.object({
  id: z.string(),
  day: day.describe("The day it was published; comments carry no time, so their order says nothing about who wrote first."),
  bodyHtml: z.string().nullable().describe("Sanitized HTML; null when a moderator hid the comment."),
  hidden: z.object({ reason: z.string(), day }).nullable(),
  answerKey: z.string().nullable().describe("The public key (ECDSA P-256, raw point, base64url) the writer's browser made for this comment alone; answers as the author verify against it. Null for comments written before keys."),
  revealed: z.object({ name: z.string(), day }).nullable().describe("The writer's name, only when they chose to reveal it (for good), and the day they did; null otherwise."),
  questions: z.array(publicQuestionSchema).describe("Questions asked of the writer, oldest first."),
  get replies() {
    return z.array(publicCommentSchema);
  },
});
export const commentPageSchema = z.object({ items: z.array(publicCommentSchema), nextCursor });

const crowdSchema = z.object({
  people: z.int().min(0).describe("People who collected tokens in the weeks a comment may be written in."),
  k: z.int().min(0).describe("The smallest crowd the batch waits for."),
  weeks: z.array(z.string()),
});
export const postedAnswerSchema = z.object({ status: z.literal("queued"), publishAt: instant });
export const postedCommentSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("published") }),
  z.object({ status: z.literal("queued"), publishAt: instant, crowd: crowdSchema }),
]);

const programSummaryShape = {
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  owningTeam: z.string(),
  purpose: z.string(),
  collects: z.array(z.string()),
  consentModel: z.string().describe(`One of ${CONSENT_MODELS.join(", ")}.`),
  status: z.enum(PROGRAM_STATUSES).describe("The status leadership recorded."),
  statusNow: z.enum(PROGRAM_STATUSES_NOW).describe("The status shown: the recorded one corrected by the program's dates (not_started before its start date, ended after its end date)."),
  updatedAt: instant,
};
export const programListSchema = z.object({ items: z.array(z.object(programSummaryShape)) });
export const programDetailSchema = z.object({
  ...programSummaryShape,
  retention: z.string(),
  dataAccess: z.string(),
  policyText: z.string().describe("Markdown."),
  policyHtml: z.string().describe("The policy rendered to sanitized HTML."),
  startedOn: day.nullable(),
  endedOn: day.nullable(),
  createdAt: instant,
  versions: z.array(
    z.object({
      version: z.int().min(1),
      note: z.string(),
      createdAt: instant,
      policyText: z.string(),
      diff: z.array(z.object({ kind: z.enum(["same", "added", "removed"]), text: z.string() })).nullable().describe("The change from the previous version; null for the first."),
    }),
  ),
  statusHistory: z.array(z.object({ from: z.string().nullable().describe("null for the status it was created with."), to: z.string(), reason: z.string(), at: instant })),
  petitions: z.array(petitionSummarySchema),
});

export const timelineItemSchema = z.object({
  id: z.string(),
  kind: z.enum(EVENT_KINDS),
  label: z.string(),
  summary: z.string().describe("What happened, in English; pages and the live stream show it in their reader's language."),
  at: instant,
  href: z.string().nullable().describe("The page of the petition or program it is about."),
  subject: z.object({ type: z.enum(["petition", "program"]), id: z.string(), title: z.string() }).nullable(),
});
export const timelinePageSchema = z.object({ items: z.array(timelineItemSchema), nextCursor });

export const allowanceSchema = z.object({
  week: z.string().describe("ISO week, e.g. 2026-W49."),
  allowance: z.int().min(0),
  issued: z.int().min(0),
  remaining: z.int().min(0),
  renewsOn: day,
});
export const issuedTokensSchema = z.object({
  week: z.string(),
  keyId: z.string(),
  blindSignatures: z.array(z.string()).describe("Base64, in the order of the blinded messages; fewer when the allowance ran out."),
  remaining: z.int().min(0),
});
export const publishedKeysSchema = z.object({
  keys: z.array(z.object({ id: z.string().describe("16 hex digits."), week: z.string(), publicKey: z.string().describe("SubjectPublicKeyInfo, base64 DER."), fingerprint: z.string() })),
});

export const unsubscribedSchema = z.object({ status: z.literal("unsubscribed") });

// Signing tokens and anonymous signatures (docs/decisions/018).
export const collectableSignTokensSchema = z.object({
  petitions: z
    .array(
      z.object({
        petitionId: z.string(),
        keyId: z.string().describe("16 hex digits: the petition's own key."),
        publicKey: z.string().describe("SubjectPublicKeyInfo, base64 DER: blind a random nonce for it."),
        legacy: z.boolean().describe("You signed this petition anonymously before tokens existed: attach the token to that signature (PUT .../anonymous-signature) once collected."),
      }),
    )
    .describe("Open petitions whose signing token you have not collected, at most 100; the rest on the next request."),
});
export const collectedSignTokensSchema = z.object({
  issued: z
    .array(z.object({ petitionId: z.string(), blindSignature: z.string().describe("Base64; unblind it to get the token's signature."), legacy: z.boolean() }))
    .describe("One per asked petition that is open and not yet issued to you, in random order; the others are left out (stale key, already collected, closed)."),
});
export const anonymousSignatureAnswerSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("queued"),
    op: z.enum(["sign", "withdraw", "attach"]),
    publishAt: instant.describe("The next batch; send the same request again after it to learn the outcome."),
  }),
  z.object({ status: z.literal("counted").describe("The token's signature is in the count (sign, attach).") }),
  z.object({ status: z.literal("withdrawn").describe("No signature of this token is counted (withdraw).") }),
]);

// Request bodies as the document describes them: the domain reads the token field loosely and
// checks it against the petition's key (lib/signatures/tokens.ts checkSignToken).
export const signRequestSchema = signatureInputSchema.in.extend({
  token: signTokenSchema.optional().describe("The petition's signing token this browser holds: required once you collected it, and spent by this named signature."),
});
export const anonymousSignatureInputSchema = z.object({ token: signTokenSchema.describe("The petition's signing token, unblinded.") });

// Queries the route handlers read with these schemas (the others are the domain's own).
export const commentPageQuerySchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).catch(20).default(20).describe("1 to 100; anything else means 20."),
});
export const programListQuerySchema = z.object({ status: programStatusFilterSchema.optional().describe("Programs whose shown status (statusNow) is this.") });
export const petitionQuerySchema = z.object({ invite: z.string().max(100).optional().describe("A co-sponsor link's token, to see a petition gathering co-sponsors.") });
export const meQuerySchema = z.object({
  path: z.string().max(512).regex(/^\//).optional().describe("The address of the page the view is for (its path, from /); on a petition's page the view includes the person's standing there."),
});
export const personalViewSchema = z.object({
  account: z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), unread: z.int().min(0).describe("Unread notifications.") }),
  petition: z
    .object({
      petitionId: z.string(),
      signature: ownSignatureSchema.omit({ createdAt: true }).nullable().describe("The person's own signature; null when not signed."),
      following: z.boolean(),
      namedOnly: z.string().nullable().describe("Why this person may sign only by name, if so."),
      serverParts: z.boolean().describe("The page has parts for this person that only the server renders (organizers', moderators' and the leadership's tools)."),
      signatureCount: z.int().min(0).describe("The petition's count now."),
    })
    .optional()
    .describe("On a public petition's page only."),
});
export const streamQuerySchema = z.object({ petition: z.string().max(100).optional().describe("Only this petition's counts and events.") });
export const unsubscribeQuerySchema = z.object({ token: z.string().describe("The token from the mail's List-Unsubscribe link.") });
