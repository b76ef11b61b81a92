import Link from "next/link";
import { useTranslations } from "next-intl";
import { EVENT_KINDS, type EventKind } from "@/lib/timeline/record";
import type { TimelineItem } from "@/lib/timeline/queries";
import { useFormat } from "./format";
import { Badge, type Glyph, type Tone } from "./StateBadge";

/**
 * Each kind of event has its own mark: a tone, a glyph and its label in words, so a kept
 * commitment and a missed one never look alike (decision 022).
 */
export const EVENT_MARKS: Record<EventKind, { tone: Tone; glyph: Glyph }> = {
  petition_opened: { tone: "positive", glyph: "dot" },
  threshold_reached: { tone: "info", glyph: "flag" },
  response_posted: { tone: "answered", glyph: "note" },
  response_edited: { tone: "answered", glyph: "draft" },
  program_status_changed: { tone: "progress", glyph: "arrow" },
  commitment_made: { tone: "info", glyph: "promise" },
  commitment_kept: { tone: "positive", glyph: "check" },
  commitment_missed: { tone: "negative", glyph: "cross" },
  petition_closed: { tone: "neutral", glyph: "square" },
  organizer_update: { tone: "neutral", glyph: "note" },
  petition_delivered: { tone: "answered", glyph: "arrow" },
  petition_moderated: { tone: "neutral", glyph: "alert" },
  petition_duplicate: { tone: "neutral", glyph: "arrow" },
};

/**
 * One layout for every event: from the small breakpoint up a fixed 10 rem date column; on a
 * phone the date and the mark share a line above the summary, so the summary gets the full width.
 */
export function TimelineList({ items, testId }: { items: TimelineItem[]; testId?: string }) {
  const f = useFormat();
  const kindName = useTranslations("EventKind");
  return (
    <ol className="grid" data-testid={testId}>
      {items.map((e) => {
        const mark = EVENT_MARKS[e.kind] ?? EVENT_MARKS.organizer_update;
        return (
          <li key={e.id} className="grid gap-x-4 gap-y-1 border-b border-gray-200 py-3 sm:grid-cols-[10rem_minmax(0,1fr)]" data-kind={e.kind} data-tone={mark.tone}>
            <time dateTime={e.at} className="text-sm text-muted sm:pt-0.5" data-testid="event-date">{f.date(e.at)}</time>
            <p className="min-w-0 break-words">
              <span className="mr-2 align-[0.1em]"><Badge tone={mark.tone} glyph={mark.glyph}>{(EVENT_KINDS as readonly string[]).includes(e.kind) ? kindName(e.kind) : e.label}</Badge></span>
              {e.href ? <Link href={e.href} className="hover:underline">{e.summary}</Link> : e.summary}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
