// Every operation of the JSON API under /api, with the zod schemas its route handler reads and
// answers with: the OpenAPI document (./openapi.ts) and the /developers page are made from this
// list, and the contract test (test/e2e/api-contract.spec.ts) fails when a route under app/api is
// neither here nor in UNDOCUMENTED_ROUTES (docs/decisions/023).
import type { z } from "zod";
import { issueInputSchema, tokenSchema } from "@/lib/anonymity/tokens";
import { postCommentSchema } from "@/lib/comments";
import { answerInputSchema } from "@/lib/comments/conversation";
import { COUNT_CACHE_CONTROL } from "@/lib/petitions/count-freshness";
import { listQuerySchema } from "@/lib/petitions/schema";
import { collectInputSchema, MAX_COLLECT } from "@/lib/signatures/tokens";
import { timelineQuerySchema } from "@/lib/timeline/queries";
import {
  allowanceSchema,
  anonymousSignatureAnswerSchema,
  anonymousSignatureInputSchema,
  collectableSignTokensSchema,
  collectedSignTokensSchema,
  commentPageQuerySchema,
  commentPageSchema,
  issuedTokensSchema,
  petitionDetailSchema,
  petitionPageSchema,
  petitionQuerySchema,
  postedAnswerSchema,
  postedCommentSchema,
  programDetailSchema,
  programListQuerySchema,
  programListSchema,
  publicCountSchema,
  publishedKeysSchema,
  signRequestSchema,
  signResultSchema,
  streamQuerySchema,
  meQuerySchema,
  personalViewSchema,
  timelinePageSchema,
  unsubscribedSchema,
  unsubscribeQuerySchema,
  withdrawResultSchema,
} from "./schemas";

export type Method = "get" | "post" | "put" | "delete";

/** An answer: a JSON body of this schema, an error (the API's error object), or a stream. */
export type Answer = { description: string; schema?: z.ZodType; error?: true; eventStream?: true; empty?: true; headers?: Record<string, string> };

export type Operation = {
  method: Method;
  /** OpenAPI path, e.g. /api/petitions/{id}; the route is app/api/petitions/[id]/route.ts. */
  path: string;
  id: string;
  tag: "Account" | "Petitions" | "Signatures" | "Signing tokens" | "Comments" | "Programs" | "Timeline" | "Anonymous tokens" | "Mail" | "This document";
  summary: string;
  description: string;
  /** none: public; session: a signed-in person's session cookie; no-credentials: refused with any cookie. */
  auth: "none" | "session" | "optional-session" | "no-credentials";
  pathParams?: Record<string, string>;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; maxBytes: number; description?: string };
  responses: Record<string, Answer>;
};

/** Routes under app/api that are not part of this API, and why. */
export const UNDOCUMENTED_ROUTES: Record<string, string> = {
  "/api/auth/[...nextauth]":
    "Auth.js's sign-in protocol (OAuth callbacks, CSRF token, session): used by the sign-in page and the identity provider, not a stable API; its own documentation describes it.",
  "/api/[...rest]": "The fallback for addresses no route handles: it answers every method with 404 and the error object.",
};

const error = (description: string): Answer => ({ description, error: true });
const BAD_ADDRESS = "The address's percent-encoding does not decode to UTF-8 (`%zz`).";
const notFoundPetition = error("No public petition with this id (drafts and petitions gathering co-sponsors are not public).");
const mutationErrors = {
  "403": error("Cross-site request: the Origin header or Sec-Fetch-Site names another site."),
  "413": error("The body is larger than 1 MB, the limit of every request."),
};
const PETITION_ID = { id: "The petition's id (not its slug)." };
const PROGRAM_SLUG = { slug: "The program's slug, as in /programs/{slug}." };

export const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/petitions",
    id: "listPetitions",
    tag: "Petitions",
    summary: "List public petitions",
    description: "Public petitions in one list, newest first (trending: most signatures in the last week), with keyset pagination. `state` is accepted as another name for `list`.",
    auth: "none",
    query: listQuerySchema,
    responses: { "200": { description: "A page of petitions.", schema: petitionPageSchema }, "400": error(`A parameter is not valid (unknown list, limit out of range, broken cursor), or ${BAD_ADDRESS}`) },
  },
  {
    method: "get",
    path: "/api/petitions/{id}",
    id: "getPetition",
    tag: "Petitions",
    summary: "A petition, its named signers and your own signature",
    description: "The petition with its background, organizers, named signers and what the requester may do. With a session cookie, `viewer` describes that person.",
    auth: "optional-session",
    pathParams: PETITION_ID,
    query: petitionQuerySchema,
    responses: {
      "200": { description: "The petition.", schema: petitionDetailSchema, headers: { "Cache-Control": "private, no-store" } },
      "400": error(BAD_ADDRESS),
      "404": error("No petition the requester may see has this id: drafts are visible to their organizers only, and petitions gathering co-sponsors to holders of the co-sponsor link."),
    },
  },
  {
    method: "get",
    path: "/api/petitions/{id}/count",
    id: "getPetitionCount",
    tag: "Petitions",
    summary: "The live signature count",
    description:
      "The same for everyone, so browsers, proxies and CDNs may keep it for 2 seconds (max-age), which is also how long a server keeps it in memory. Send the ETag back in If-None-Match (or the Last-Modified date in If-Modified-Since) to get 304 while it has not changed; /api/stream pushes changes instead.",
    auth: "none",
    pathParams: PETITION_ID,
    responses: {
      "200": {
        description: "The count.",
        schema: publicCountSchema,
        headers: {
          ETag: "A strong tag of this body.",
          "Last-Modified": "When the count or state last changed (whole seconds); sent once that is 2 seconds past.",
          "Cache-Control": COUNT_CACHE_CONTROL,
        },
      },
      "304": { description: "Not modified: If-None-Match holds the current ETag, or (without If-None-Match) If-Modified-Since is not before Last-Modified.", empty: true },
      "400": error(BAD_ADDRESS),
      "404": notFoundPetition,
    },
  },
  {
    method: "post",
    path: "/api/petitions/{id}/signature",
    id: "signPetition",
    tag: "Signatures",
    summary: "Sign a petition",
    description:
      "Signs by name as the signed-in person. Anonymous signatures do not come here (`\"anonymous\"` is refused with 400): the browser spends the petition's signing token at POST /api/petitions/{id}/anonymous-signature without cookies. Once you collected the petition's signing token, send it as `token`: the named signature spends it, so you count once. Signing again answers 200 with `already_signed`. While a petition gathers co-sponsors, only holders of the co-sponsor link (`invite`) can sign. 30 signature changes a minute per person.",
    auth: "session",
    pathParams: PETITION_ID,
    body: { schema: signRequestSchema, maxBytes: 16_384 },
    responses: {
      "201": { description: "Signed.", schema: signResultSchema },
      "200": { description: "Already signed: nothing changed.", schema: signResultSchema },
      "400": error("The body is not JSON, not sent as application/json, or a field is not valid (see `fields`): `visibility` \"anonymous\", or a `token` that is not this petition's."),
      "401": error("Not signed in."),
      ...mutationErrors,
      "403": error("Cross-site request, or an organizer tries to co-sponsor their own petition."),
      "404": error("No petition the requester may see has this id; a petition gathering co-sponsors needs its co-sponsor link in `invite`."),
      "409": error("The petition is a draft, hidden by a moderator, or closed (code `closed`); the person withdrew a named signature and may sign again only by name; or the person collected the petition's token and sent none, or a token already spent."),
      "429": error("Too many signature changes in a minute; Retry-After says when to try again."),
    },
  },
  {
    method: "delete",
    path: "/api/petitions/{id}/signature",
    id: "withdrawSignature",
    tag: "Signatures",
    summary: "Withdraw your signature",
    description: "Withdraws the signed-in person's signature while the petition is open. `not_signed` when another request withdrew it at the same moment.",
    auth: "session",
    pathParams: PETITION_ID,
    responses: {
      "200": { description: "Withdrawn.", schema: withdrawResultSchema },
      "400": error(BAD_ADDRESS),
      "401": error("Not signed in."),
      ...mutationErrors,
      "404": error("No public petition with this id, or the requester has not signed it."),
      "409": error("The petition is closed; signatures stay as they were when it closed."),
      "429": error("Too many signature changes in a minute; Retry-After says when to try again."),
    },
  },
  {
    method: "get",
    path: "/api/petitions/tokens",
    id: "listCollectableSignTokens",
    tag: "Signing tokens",
    summary: "Petitions whose signing token you can collect",
    description: `The open petitions whose signing token the signed-in person has not collected, with each petition's public key (made on first use), at most ${MAX_COLLECT} at a time. Browsers ask on every page load and collect them all, whether or not the person will sign, so a collection says nothing about signing.`,
    auth: "session",
    responses: { "200": { description: "The petitions and their keys.", schema: collectableSignTokensSchema, headers: { "Cache-Control": "private, no-store" } }, "401": error("Not signed in.") },
  },
  {
    method: "post",
    path: "/api/petitions/tokens",
    id: "collectSignTokens",
    tag: "Signing tokens",
    summary: "Collect signing tokens (blind signatures, one per petition)",
    description: `Blind-signs one token per asked petition with the petition's key (RFC 9474, RSABSSA-SHA384-PSS-Deterministic), all in one transaction and in random order: the server signs messages it cannot read, so the token spent later cannot be linked to this request. Each person gets one token per petition, ever; petitions already collected, closed, or asked with a stale key are left out of the answer. At most ${MAX_COLLECT} petitions per request; 10 token requests a minute per person, shared with POST /api/tokens.`,
    auth: "session",
    body: { schema: collectInputSchema, maxBytes: 64_000 },
    responses: {
      "200": { description: "The blind signatures.", schema: collectedSignTokensSchema, headers: { "Cache-Control": "no-store" } },
      "400": error(`Not JSON, no petition asked or more than ${MAX_COLLECT}, a keyId that is not 16 hex digits, or a blinded message that is not base64 of the key's size.`),
      "401": error("Not signed in."),
      ...mutationErrors,
      "429": error("Too many token requests in a minute; Retry-After says when to try again."),
    },
  },
  ...(["post", "delete", "put"] as const).map(
    (method): Operation => ({
      method,
      path: "/api/petitions/{id}/anonymous-signature",
      id: { post: "signAnonymously", delete: "withdrawAnonymousSignature", put: "attachSignToken" }[method],
      tag: "Signatures",
      summary: {
        post: "Sign anonymously with the petition's signing token",
        delete: "Withdraw an anonymous signature",
        put: "Attach a token to an anonymous signature made before tokens existed",
      }[method],
      description:
        {
          post: "Spends the token on an anonymous signature with no account: no author, no time of day.",
          delete: "Proves possession of the token that signed and withdraws its signature.",
          put: "Links the token to one of the petition's anonymous signatures from before tokens existed (when the collection answered `legacy`), so that it can be withdrawn later.",
        }[method] +
        " The anonymous door: send it with no cookie and no Authorization header (`credentials: \"omit\"`), or it is refused. It is queued in memory and written with everyone else's in the next batch (one transaction, random order), so the answer is 202 `queued` until then; send the same request again after `publishAt` to learn the outcome (200). Re-sending is safe: a token counts once.",
      auth: "no-credentials",
      pathParams: PETITION_ID,
      body: { schema: anonymousSignatureInputSchema, maxBytes: 4_000 },
      responses: {
        "202": { description: "Queued for the next batch (or re-sent while it waits).", schema: anonymousSignatureAnswerSchema, headers: { "Cache-Control": "no-store" } },
        "200": { description: method === "delete" ? "Withdrawn: no signature of this token is counted." : "Counted: the token's signature is in the count.", schema: anonymousSignatureAnswerSchema, headers: { "Cache-Control": "no-store" } },
        "400": error("Sent with a cookie or credentials, not JSON, larger than 4,000 bytes, or a token that is not valid for this petition."),
        ...mutationErrors,
        "404": notFoundPetition,
        "409": error("The petition is hidden by a moderator or closed (code `closed`); the token signed by name (it cannot also sign anonymously); or it is waiting in the batch for another operation."),
        "429": error("Too many anonymous signatures across everyone are waiting for the next batch; try again in a few minutes."),
      },
    }),
  ),
  {
    method: "get",
    path: "/api/petitions/{id}/comments",
    id: "listPetitionComments",
    tag: "Comments",
    summary: "A petition's anonymous discussion",
    description: "Top-level comments, newest day first, each with its replies. Within a day the order is random, so it says nothing about who wrote first.",
    auth: "none",
    pathParams: PETITION_ID,
    query: commentPageQuerySchema,
    responses: { "200": { description: "A page of comments.", schema: commentPageSchema }, "400": error(`The cursor is broken, or ${BAD_ADDRESS}`), "404": notFoundPetition },
  },
  {
    method: "post",
    path: "/api/comments",
    id: "postComment",
    tag: "Comments",
    summary: "Post an anonymous comment",
    description:
      "The anonymous door: send it with no cookie and no Authorization header (`credentials: \"omit\"`), or it is refused. `token` is an anonymous token (keyId, nonce, signature) collected beforehand through /api/tokens; each is spent once. Comments wait in memory and are published in batches once the crowd they hide in is large enough; re-sending the same comment with the same token is safe.",
    auth: "no-credentials",
    body: { schema: postCommentSchema, maxBytes: 32_000, description: "`token` has this shape: " + JSON.stringify(Object.keys(tokenSchema.shape)) },
    responses: {
      "202": { description: "Accepted: queued for the next batch (or re-sent while it waits).", schema: postedCommentSchema },
      "200": { description: "A re-send of a comment already published.", schema: postedCommentSchema },
      "400": error("Sent with a cookie or credentials, not JSON, or a field is not valid: an empty or too long body, a reply to a reply, a token that is forged or for an expired key."),
      ...mutationErrors,
      "404": error("No program or public petition to discuss at this thread, or the comment replied to is not in it."),
      "409": error("The token was already spent, or is waiting with another comment: each token pays for one comment."),
      "429": error("Too many anonymous comments across everyone in a minute, or too many waiting for their batch; Retry-After says when to try again."),
    },
  },
  {
    method: "post",
    path: "/api/comments/answers",
    id: "answerAsAuthor",
    tag: "Comments",
    summary: "Answer a question as the comment's author",
    description:
      "Only the writer of an anonymous comment can answer as its author. Send it like a comment, with no cookie and no Authorization header. `signature` is an ECDSA P-256 (SHA-256, IEEE P1363) signature, by the private half of the comment's `answerKey`, over the UTF-8 of the JSON array [\"undersigned/answer-as-author/v1\", commentId, questionId, body, nonce], the body normalized (NFC, LF line ends, trimmed). Answers wait in memory and are published with the comment batches; each question takes one answer.",
    auth: "no-credentials",
    body: { schema: answerInputSchema, maxBytes: 32_000 },
    responses: {
      "202": { description: "Accepted: queued for the next batch (or re-sent while it waits).", schema: postedAnswerSchema },
      "400": error("Sent with a cookie or credentials, not JSON, or a field is not valid: an empty or too long answer, or a signature that does not verify with the comment's key for this question and text."),
      ...mutationErrors,
      "404": error("No question with this id."),
      "409": error("The question was already answered (a replay, or a second answer), another answer to it is waiting, or the comment was hidden."),
      "429": error("Too many anonymous comments and answers across everyone in a minute, or too many waiting; Retry-After says when to try again."),
    },
  },
  {
    method: "get",
    path: "/api/programs",
    id: "listPrograms",
    tag: "Programs",
    summary: "List monitoring programs",
    description: "Every monitoring program, by name, optionally of one status.",
    auth: "none",
    query: programListQuerySchema,
    responses: { "200": { description: "The programs.", schema: programListSchema }, "400": error("`status` is not proposed, active, paused or ended.") },
  },
  {
    method: "get",
    path: "/api/programs/{slug}",
    id: "getProgram",
    tag: "Programs",
    summary: "A monitoring program",
    description: "Its facts, every policy version with the difference from the one before, its status history and its public petitions.",
    auth: "none",
    pathParams: PROGRAM_SLUG,
    responses: { "200": { description: "The program.", schema: programDetailSchema }, "400": error(BAD_ADDRESS), "404": error("No monitoring program at this address.") },
  },
  {
    method: "get",
    path: "/api/programs/{slug}/comments",
    id: "listProgramComments",
    tag: "Comments",
    summary: "A program's anonymous discussion",
    description: "As for a petition's discussion.",
    auth: "none",
    pathParams: PROGRAM_SLUG,
    query: commentPageQuerySchema,
    responses: { "200": { description: "A page of comments.", schema: commentPageSchema }, "400": error(`The cursor is broken, or ${BAD_ADDRESS}`), "404": error("No monitoring program at this address.") },
  },
  {
    method: "get",
    path: "/api/timeline",
    id: "listTimeline",
    tag: "Timeline",
    summary: "The public timeline",
    description: "Every public event (petitions opening, responses, commitments, program changes), newest first; /timeline.atom is the same as a feed.",
    auth: "none",
    query: timelineQuerySchema,
    responses: { "200": { description: "A page of events.", schema: timelinePageSchema }, "400": error("A parameter is not valid (unknown kind, limit out of range, broken cursor).") },
  },
  {
    method: "get",
    path: "/api/stream",
    id: "stream",
    tag: "Timeline",
    summary: "Live counts and events (Server-Sent Events)",
    description:
      "A stream that never ends: `count` events carry `{\"id\", \"signatureCount\"}` when a petition's count changes, `event` events carry a timeline item (as in /api/timeline) when one is recorded. `retry: 3000` asks browsers to wait 3 s before reconnecting; a comment line every 20 s keeps proxies from closing it. No session is read.",
    auth: "none",
    query: streamQuerySchema,
    responses: { "200": { description: "The event stream.", eventStream: true }, "400": error("`petition` is longer than any petition id (100 characters).") },
  },
  {
    method: "get",
    path: "/api/me",
    id: "getPersonalView",
    tag: "Account",
    summary: "Your view of a page",
    description:
      "The signed-in person's account and, on a public petition's page, their own standing there: what a page served from the shared cache asks for once to show its personal parts. Never cached.",
    auth: "session",
    query: meQuerySchema,
    responses: {
      "200": { description: "The view.", schema: personalViewSchema, headers: { "Cache-Control": "private, no-store" } },
      "400": error("`path` is not an address on this site (a path from /, at most 512 characters)."),
      "401": error("Not signed in, or the session has ended."),
    },
  },
  {
    method: "get",
    path: "/api/tokens",
    id: "getTokenAllowance",
    tag: "Anonymous tokens",
    summary: "Your anonymous-token allowance this week",
    description: "How many anonymous tokens the signed-in person may still collect this ISO week.",
    auth: "session",
    responses: { "200": { description: "The allowance.", schema: allowanceSchema }, "401": error("Not signed in.") },
  },
  {
    method: "post",
    path: "/api/tokens",
    id: "issueTokens",
    tag: "Anonymous tokens",
    summary: "Collect anonymous tokens (blind signatures)",
    description:
      "Blind-signs up to the rest of the week's allowance (RFC 9474, RSABSSA-SHA384-PSS-Deterministic): the server signs messages it cannot read, so a token spent later cannot be linked to this request. Blind each message for this week's key from /api/tokens/keys. 10 requests a minute per person.",
    auth: "session",
    body: { schema: issueInputSchema, maxBytes: 64_000 },
    responses: {
      "200": { description: "The blind signatures.", schema: issuedTokensSchema },
      "400": error("Not JSON, or a message is not base64 of the key's size, or not valid for this week's key."),
      "401": error("Not signed in."),
      ...mutationErrors,
      "409": error("`keyId` is not this week's key (fetch the keys again), or another request was collecting at the same moment."),
      "429": error("Too many token requests in a minute (Retry-After says when to try again), or this week's allowance is used up."),
    },
  },
  {
    method: "get",
    path: "/api/tokens/keys",
    id: "listTokenKeys",
    tag: "Anonymous tokens",
    summary: "The keys that verify anonymous tokens",
    description: "This week's and last week's public keys: a token collected late on Sunday can still be spent on Monday. Compare the fingerprint with the one the site shows to check that everyone gets the same key.",
    auth: "none",
    responses: { "200": { description: "The keys.", schema: publishedKeysSchema } },
  },
  {
    method: "post",
    path: "/api/unsubscribe",
    id: "unsubscribe",
    tag: "Mail",
    summary: "One-click unsubscribe (RFC 8058)",
    description: "What mail clients call from a notification's List-Unsubscribe header; turns the recipient's mail off. No sign-in; the token says whose.",
    auth: "none",
    query: unsubscribeQuerySchema,
    responses: {
      "200": { description: "Mail is off.", schema: unsubscribedSchema },
      "400": error("The token is missing, forged or for nobody."),
      "413": mutationErrors["413"],
    },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    id: "openApiDocument",
    tag: "This document",
    summary: "This API's OpenAPI 3.1 document",
    description: "Generated from the same zod schemas the route handlers use; /developers shows it as a page.",
    auth: "none",
    responses: { "200": { description: "The OpenAPI document." } },
  },
];

/** The folder under app/ that holds an operation's route handler: /api/petitions/{id} → /api/petitions/[id]. */
export const routeOf = (path: string) => path.replace(/\{([^}]+)\}/g, "[$1]");
