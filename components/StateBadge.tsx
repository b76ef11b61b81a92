import { useTranslations } from "next-intl";
import type { PetitionSummary } from "@/lib/petitions/queries";
import { useFormat } from "./format";

/**
 * Status badges: a tone (colour), a glyph (shape) and words, so a state never rests on colour
 * alone (decision 022). The tones are the theme's --color-tone-* tokens in app/globals.css.
 */
export type Tone = "neutral" | "progress" | "positive" | "info" | "negative" | "answered";
export type Glyph = "draft" | "half" | "dot" | "square" | "clock" | "alert" | "check" | "cross" | "flag" | "arrow" | "note" | "promise";

const TONES: Record<Tone, string> = {
  neutral: "bg-tone-neutral-bg text-tone-neutral-fg ring-tone-neutral-ring",
  progress: "bg-tone-progress-bg text-tone-progress-fg ring-tone-progress-ring",
  positive: "bg-tone-positive-bg text-tone-positive-fg ring-tone-positive-ring",
  info: "bg-tone-info-bg text-tone-info-fg ring-tone-info-ring",
  negative: "bg-tone-negative-bg text-tone-negative-fg ring-tone-negative-ring",
  answered: "bg-tone-answered-bg text-tone-answered-fg ring-tone-answered-ring",
};

const PATHS: Record<Glyph, React.ReactNode> = {
  draft: <path d="M3 13l1-3 6-6 2 2-6 6-3 1z" />,
  half: <><circle cx="8" cy="8" r="5" /><path d="M8 3a5 5 0 0 1 0 10z" fill="currentColor" /></>,
  dot: <circle cx="8" cy="8" r="4" fill="currentColor" />,
  square: <rect x="4" y="4" width="8" height="8" fill="currentColor" />,
  clock: <><circle cx="8" cy="8" r="5.5" /><path d="M8 5v3l2 2" /></>,
  alert: <><path d="M8 2l6.5 11h-13z" /><path d="M8 6.5v3M8 11.5v.5" /></>,
  check: <path d="M3 8.5l3 3 7-7" />,
  cross: <path d="M4 4l8 8M12 4l-8 8" />,
  flag: <path d="M4 14V2.5h7l-1.5 3 1.5 3H4" />,
  arrow: <path d="M3 8h9M8.5 4.5L12 8l-3.5 3.5" />,
  note: <path d="M4 3h8v10H4zM6 6h4M6 8.5h4" />,
  promise: <path d="M8 2.5l1.7 3.5 3.8.5-2.8 2.6.7 3.8L8 11.1l-3.4 1.8.7-3.8L2.5 6.5l3.8-.5z" />,
};

export function GlyphIcon({ glyph, className = "h-3.5 w-3.5" }: { glyph: Glyph; className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className={`shrink-0 ${className}`} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      {PATHS[glyph]}
    </svg>
  );
}

export function Badge({ tone, glyph, children, testId }: { tone: Tone; glyph: Glyph; children: React.ReactNode; testId?: string }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ${TONES[tone]}`} data-tone={tone} data-testid={testId}>
      <GlyphIcon glyph={glyph} />
      {children}
    </span>
  );
}

const STATES: Record<PetitionSummary["state"], { tone: Tone; glyph: Glyph }> = {
  draft: { tone: "neutral", glyph: "draft" },
  collecting: { tone: "progress", glyph: "half" },
  open: { tone: "positive", glyph: "dot" },
  closed: { tone: "neutral", glyph: "square" },
};

export function StateBadge({ state }: { state: PetitionSummary["state"] }) {
  const t = useTranslations("StateBadge");
  const s = STATES[state];
  return <Badge tone={s.tone} glyph={s.glyph} testId="state-badge">{t(state)}</Badge>;
}

/** The response status; "Leadership responded" links to the response when `responseHref` is given. */
export function ResponseBadge({ petition, responseHref }: { petition: PetitionSummary; responseHref?: string }) {
  const t = useTranslations("StateBadge");
  const f = useFormat();
  const { status, overdueDays } = petition.response;
  if (status === "due" && petition.responseDueAt) {
    return <Badge tone="info" glyph="clock" testId="response-badge">{t("responseDue", { date: f.date(petition.responseDueAt) })}</Badge>;
  }
  if (status === "overdue") {
    return <Badge tone="negative" glyph="alert" testId="response-badge">{t("responseOverdue", { days: overdueDays })}</Badge>;
  }
  if (status === "responded") {
    const badge = <Badge tone="answered" glyph="check" testId="response-badge">{t("responded")}</Badge>;
    return responseHref ? (
      <a href={responseHref} className="rounded-full underline">{badge}</a>
    ) : (
      badge
    );
  }
  return null;
}
