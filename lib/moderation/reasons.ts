// The rules a moderator can cite; each hide names one. Their names in English, from the
// "ModerationReason" namespace (messages/en/client.json), are what the record and the JSON API
// keep; pages show them with `useTranslations("ModerationReason")`, from the code.
import enClient from "@/messages/en/client.json";

const en = enClient.ModerationReason;
export const MODERATION_REASONS = {
  harassment: en.harassment,
  identifies: en.identifies,
  confidential: en.confidential,
  spam: en.spam,
  illegal: en.illegal,
} as const;
export type ReasonCode = keyof typeof MODERATION_REASONS;
/** What the public log names a duplicate closing, which cites no rule. */
export const DUPLICATE_REASON = en.duplicate;
/** A code the "ModerationReason" namespace names: a rule, or "duplicate". */
export const isModerationReasonKey = (code: string): code is keyof typeof en => Object.hasOwn(en, code);

/** The public reason a hide records: the rule's English name and the moderator's explanation. */
export const publicReason = (code: ReasonCode, text: string) => `${MODERATION_REASONS[code]}: ${text}`;

/**
 * A recorded public reason with its rule named in the reader's language ("Spam oder themenfremd:
 * …"): the record keeps the English, the explanation is the moderator's own words. A reason in no
 * known form stays as recorded.
 */
export function translatedReason(recorded: string, name: (code: ReasonCode) => string): string {
  for (const code of Object.keys(MODERATION_REASONS) as ReasonCode[]) {
    const prefix = `${MODERATION_REASONS[code]}: `;
    if (recorded.startsWith(prefix)) return `${name(code)}: ${recorded.slice(prefix.length)}`;
  }
  return recorded;
}
