// The consent models a monitoring program can have. A leaf module with no imports of the domain, so
// the API's schemas and the program form read it without loading the programs' commands.
import enClient from "@/messages/en/client.json";

export const CONSENT_MODELS = ["opt-in", "opt-out", "mandatory"] as const;

export type ConsentModel = (typeof CONSENT_MODELS)[number];
export const isConsentModel = (v: string): v is ConsentModel => (CONSENT_MODELS as readonly string[]).includes(v);
/** The consent models' names in English ("ConsentModel" in messages/en/client.json); pages show them with `useTranslations("ConsentModel")`. */
export const CONSENT_LABELS: Record<ConsentModel, string> = enClient.ConsentModel;
