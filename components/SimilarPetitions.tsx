"use client";

// Similar petitions as someone types a title and ask (docs/decisions/024). Mounted inside the
// petition form; it reads the form's title and ask fields, waits until typing pauses, and asks
// the server. Without script the draft page shows the same list after the first save (app/petitions/[slug]/page.tsx).
import { useEffect, useRef, useState } from "react";
import { similarPetitionsAction } from "@/app/petitions/new/similar-action";
import type { SimilarPetition } from "@/lib/petitions/similar";
import { SimilarPetitionList } from "./SimilarPetitionList";

const PAUSE_MS = 400;

export function SimilarPetitions({ excludeId }: { excludeId?: string }) {
  const anchor = useRef<HTMLDivElement>(null);
  const [petitions, setPetitions] = useState<SimilarPetition[]>([]);

  useEffect(() => {
    const form = anchor.current?.closest("form");
    if (!form) return;
    const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let sent = 0;
    let last = "";
    const check = () => {
      const title = field("title")?.value ?? "";
      const ask = field("ask")?.value ?? "";
      const key = `${title}\n${ask}`;
      if (key === last) return;
      last = key;
      const mine = ++sent;
      // Only the two fields compared, not the whole draft.
      const asked = new FormData();
      asked.set("title", title);
      asked.set("ask", ask);
      if (excludeId) asked.set("excludeId", excludeId);
      similarPetitionsAction(asked)
        .then((found) => {
          if (mine === sent) setPetitions(found);
        })
        .catch(() => {
          // Suggestions are a help, not a step: when they fail, the form still works.
          if (mine === sent) setPetitions([]);
        });
    };
    const onInput = (event: Event) => {
      const name = (event.target as HTMLInputElement | null)?.name;
      if (name !== "title" && name !== "ask") return;
      clearTimeout(timer);
      timer = setTimeout(check, PAUSE_MS);
    };
    form.addEventListener("input", onInput);
    // A form shown again with text in it (after an error, or editing a draft).
    if (field("title")?.value || field("ask")?.value) check();
    return () => {
      form.removeEventListener("input", onInput);
      clearTimeout(timer);
    };
  }, [excludeId]);

  return (
    <div ref={anchor} aria-live="polite">
      {/* Inside the ask's own grid item, so that no list leaves no gap. */}
      <SimilarPetitionList petitions={petitions} id="similar-heading" className="mt-4" />
    </div>
  );
}
