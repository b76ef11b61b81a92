import { msg, zodMessage } from "@/lib/i18n/message";
import { z } from "zod";
import { markdownText } from "@/lib/markdown";
import { queryText, singleLineText, storableString } from "@/lib/validation";

export const PETITION_STATES = ["draft", "collecting", "open", "closed"] as const;
export type PetitionState = (typeof PETITION_STATES)[number];

export const PETITION_LISTS = ["open", "awaiting", "responded", "closed", "trending"] as const;
export type PetitionList = (typeof PETITION_LISTS)[number];

/** Orders a list can be put in besides its own (trending is a ranking and has only its own). */
export const PETITION_SORTS = ["newest", "signed", "closing"] as const;
export type PetitionSort = (typeof PETITION_SORTS)[number];

/** The fields an organizer writes. Dates arrive as YYYY-MM-DD from forms or ISO from the API. */
export const petitionInputSchema = z.object({
  title: singleLineText("title", 10, 120),
  ask: singleLineText("ask", 10, 280).refine(
    (s) => !/[.!?]\s+\S/.test(s.replace(/\b(e\.g|i\.e|etc|Mr|Ms|Dr)\./g, "")),
    zodMessage(msg("Validation.petitions.askOneSentence")),
  ),
  background: markdownText("background", 20, 20_000),
  addressedTo: singleLineText("addressedTo", 2, 120),
  goal: z.coerce
    .number({ error: zodMessage(msg("Validation.petitions.goalMustNumber")) })
    .int(zodMessage(msg("Validation.petitions.goalMustWholeNumber")))
    .min(10, zodMessage(msg("Validation.petitions.goalMustLeast10")))
    .max(1_000_000, zodMessage(msg("Validation.petitions.goalAtMost", { max: 1_000_000 }))),
  // Forms send "" for "not about a program".
  programId: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((s) => s || undefined),
  closesOn: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, zodMessage(msg("Validation.petitions.closingDateMustDate")))
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type PetitionInput = z.input<typeof petitionInputSchema>;

export const listQuerySchema = z.object({
  list: z.enum(PETITION_LISTS, { error: `list must be one of ${PETITION_LISTS.join(", ")}.` }).default("open"),
  q: queryText("search", 100).optional(),
  sort: z.enum(PETITION_SORTS, { error: `sort must be one of ${PETITION_SORTS.join(", ")}.` }).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListQuery = z.input<typeof listQuerySchema>;

export const signatureInputSchema = z.object({
  visibility: z.enum(["named", "anonymous"], {
    error: 'visibility must be "named" or "anonymous".',
  }),
  invite: storableString(z.string().max(100), "text").optional(),
  /**
   * A named signature follows the petition unless the signer says otherwise. An anonymous one
   * never does: a follow is stored with the account, so it would say who signed (decision 017).
   */
  follow: z
    .union([z.boolean(), z.enum(["true", "false", "on", "off"])])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === true || v === "true" || v === "on")),
}).superRefine((v, ctx) => {
  if (v.visibility === "anonymous" && v.follow === true) {
    ctx.addIssue({
      code: "custom",
      path: ["follow"],
      message: zodMessage(msg("Validation.petitions.signingAnonymouslyCannotFollow")),
    });
  }
}).transform((v) => ({ ...v, follow: v.visibility === "named" && v.follow !== false }));
export type SignatureInput = z.input<typeof signatureInputSchema>;

export const coOrganizerInputSchema = z.object({
  email: z.string({ error: zodMessage(msg("Validation.petitions.enterWorkEmailAddress")) }).trim().toLowerCase().pipe(z.email(zodMessage(msg("Validation.petitions.enterWorkEmailAddress")))),
});
