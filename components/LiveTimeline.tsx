"use client";

import { useEffect, useState } from "react";
import type { TimelineItem } from "@/lib/timeline/queries";
import { followLive } from "./follow-live";
import { TimelineList } from "./TimelineList";

/**
 * New events appear at the top as they happen (Server-Sent Events); if the stream drops, the
 * JSON timeline is polled until it comes back.
 */
export function LiveTimeline({ filters, pollMs = 10_000 }: { filters: { petition?: string; program?: string; kind?: string }; pollMs?: number }) {
  const [fresh, setFresh] = useState<TimelineItem[]>([]);
  useEffect(() => {
    let newestSeen = new Date().toISOString();
    const matches = (e: TimelineItem) =>
      (!filters.kind || e.kind === filters.kind) &&
      (!filters.petition || e.subject?.id === filters.petition || e.href?.endsWith(`/${filters.petition}`)) &&
      (!filters.program || e.href === `/programs/${filters.program}`);
    const add = (events: TimelineItem[]) => {
      const wanted = events.filter((e) => matches(e) && e.at >= newestSeen);
      if (wanted.length === 0) return;
      newestSeen = wanted.reduce((m, e) => (e.at > m ? e.at : m), newestSeen);
      setFresh((old) => {
        const ids = new Set(old.map((e) => e.id));
        return [...wanted.filter((e) => !ids.has(e.id)).reverse(), ...old];
      });
    };
    const poll = async () => {
      try {
        const params = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
        const res = await fetch(`/api/timeline?${params.toString()}`, { cache: "no-store" });
        if (res.ok) add(((await res.json()) as { items: TimelineItem[] }).items.reverse());
      } catch {
        // try again on the next tick
      }
    };
    return followLive("/api/stream", { event: (e) => add([e as TimelineItem]) }, poll, pollMs);
  }, [filters, pollMs]);
  if (fresh.length === 0) return <div aria-live="polite" />;
  return (
    <div aria-live="polite" data-testid="live-events">
      <TimelineList items={fresh} />
    </div>
  );
}
