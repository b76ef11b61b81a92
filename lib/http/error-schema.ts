// The error object every /api answer below 200 or above 399 carries, as a zod schema: the
// OpenAPI document (lib/api) describes errors with it and JsonError is its type.
import { z } from "zod";

export const ERROR_CODES = ["unauthenticated", "forbidden", "not_found", "invalid_input", "conflict", "closed", "rate_limited", "too_large", "internal"] as const;

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES).describe("Stable and machine-readable; the status code says the same in HTTP terms."),
    message: z.string().describe("What went wrong and what to do, in words a person can act on."),
    fields: z.record(z.string(), z.string()).optional().describe("For invalid input: what is wrong with each field, by its path (`thread.petitionId`)."),
  }),
});

export type JsonError = z.infer<typeof apiErrorSchema>;
