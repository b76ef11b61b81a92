// The rules a moderator can cite; each hide names one.
export const MODERATION_REASONS = {
  harassment: "Harassment or insults",
  identifies: "Identifies a person",
  confidential: "Confidential information",
  spam: "Spam or off topic",
  illegal: "Against the law or company policy",
} as const;
export type ReasonCode = keyof typeof MODERATION_REASONS;

