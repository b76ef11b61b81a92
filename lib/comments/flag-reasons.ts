// The flag reasons, apart from the comments' domain module so that the flag form (a client part,
// components/anonymous/DiscussionForms.tsx) can list them without the database code.
import enClient from "@/messages/en/client.json";

/**
 * The reasons a flag can give. The English text is the value a form submits and the record keeps;
 * FLAG_REASON_KEYS names each one's message in the "FlagReason" namespace (messages/<locale>/client.json),
 * so a page shows it in its reader's language.
 */
export const FLAG_REASONS = ["Identifies a person", "Harassment or insult", "Spam or off topic", "Confidential information", "Other"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
export const FLAG_REASON_KEYS: Record<FlagReason, keyof typeof enClient.FlagReason> = {
  "Identifies a person": "identifies",
  "Harassment or insult": "harassment",
  "Spam or off topic": "spam",
  "Confidential information": "confidential",
  Other: "other",
};
/** A flag reason's message key, or null for a value from before the list changed. */
export const flagReasonKey = (reason: string) => (Object.hasOwn(FLAG_REASON_KEYS, reason) ? FLAG_REASON_KEYS[reason as FlagReason] : null);
