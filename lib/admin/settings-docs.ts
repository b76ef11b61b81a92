// What each platform setting means, in words, for the settings form, its messages and the
// audit log: one label and one help text per setting.
import type { Settings } from "@/lib/settings";

export const SETTING_DOCS: Record<keyof Settings, { label: string; help: string }> = {
  coSponsorsNeeded: {
    label: "Co-sponsors needed to open a petition",
    help: "Colleagues who must co-sponsor a petition through its private link before it becomes public. 0 opens petitions at once. From 0 to 50.",
  },
  responseThreshold: {
    label: "Signatures that oblige a leadership response",
    help: "When a petition reaches this many signatures, leadership owes it a public response. Applies to petitions opened after the change.",
  },
  responseDueDays: {
    label: "Days leadership has to respond",
    help: "Counted from the day a petition reaches the response threshold; after it the petition shows as overdue. From 1 to 365.",
  },
  closingDaysDefault: {
    label: "Default days until a petition closes",
    help: "The closing date a new petition starts with. Must lie between the shortest and the longest closing time.",
  },
  closingDaysMin: { label: "Shortest closing time (days)", help: "Organizers cannot pick a closing date sooner than this." },
  closingDaysMax: { label: "Longest closing time (days)", help: "Organizers cannot pick a closing date later than this. At most 730 (two years)." },
  anonymityK: {
    label: "Smallest group shown in breakdowns (k)",
    help: "A department or location with fewer signers than this is folded into “Other”, so nobody can be singled out. At least 2; 5 or more is safer.",
  },
  weeklyTokenAllowance: {
    label: "Anonymous comments per person per week",
    help: "How many anonymous comments one person can post in a week. Limits flooding without knowing who posts. From 1 to 100.",
  },
  retentionMonths: {
    label: "Months after closing before signatures are removed (counts kept)",
    help: "After this many months a closed petition's individual signatures are deleted; its count stays. From 1 to 120.",
  },
};

/** A setting's label, or the key itself for one no longer known. */
export const settingLabel = (key: string) => (key in SETTING_DOCS ? SETTING_DOCS[key as keyof Settings].label : key);
