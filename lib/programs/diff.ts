// The difference between two versions of a policy text, with bounded work. A word diff of two
// very different 48,000-character texts took 6.6 s (Myers' algorithm costs about the text's
// length times the number of edits), so the diff is made in two passes under one budget:
// lines first, then words inside each changed run of lines. A pass that would go over the
// budget shows that part as replaced in full, which is still a true difference, just coarser.
// Diffs are computed when a version is written and stored with it (docs/decisions/006).
import { diffArrays } from "diff";
import { escapeHtml } from "@/lib/markdown";

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

export const DIFF_LIMITS = {
  /** Most changed lines (removed plus added) a line pass looks for before giving up. */
  lineEdits: 700,
  /** Most changed words a word pass over one changed run looks for. */
  wordEdits: 600,
  /** Units of work for a whole diff: one per token comparison, plus the edit search's steps. */
  work: 2_000_000,
} as const;

/** Work spent and left; tests read `spent` to check the bound. */
export type DiffWork = { spent: number; limit: number };

class OverBudget extends Error {}

/**
 * One diffArrays pass, or null when it would take more than `maxEdits` edits or the budget. The
 * search loop visits at most about maxEdits² diagonals, charged before it starts; each token
 * comparison is charged as it happens.
 */
function boundedPass(before: string[], after: string[], maxEdits: number, work: DiffWork) {
  const edits = Math.min(maxEdits, before.length + after.length);
  const steps = (edits + 1) * (edits + 1);
  if (work.spent + steps > work.limit) return null;
  work.spent += steps;
  try {
    return diffArrays(before, after, {
      maxEditLength: edits,
      comparator: (a: string, b: string) => {
        if (++work.spent > work.limit) throw new OverBudget();
        return a === b;
      },
    }) ?? null;
  } catch (error) {
    if (error instanceof OverBudget) return null;
    throw error;
  }
}

const lines = (s: string) => s.match(/[^\n]*\n|[^\n]+/g) ?? [];
/** Runs of letters and digits, runs of white space, and each other character on its own. */
const words = (s: string) => s.match(/[\p{L}\p{N}\p{M}_]+|\s+|[^]/gu) ?? [];

function push(out: DiffPart[], kind: DiffPart["kind"], text: string) {
  if (!text) return;
  const last = out.at(-1);
  if (last?.kind === kind) last.text += text;
  else out.push({ kind, text });
}

/** Word-level difference between two policy texts, within DIFF_LIMITS.work units of work. */
export function policyDiff(before: string, after: string, work: DiffWork = { spent: 0, limit: DIFF_LIMITS.work }): DiffPart[] {
  const out: DiffPart[] = [];
  const byLine = boundedPass(lines(before), lines(after), DIFF_LIMITS.lineEdits, work);
  if (!byLine) {
    push(out, "removed", before);
    push(out, "added", after);
    return out;
  }
  for (let i = 0; i < byLine.length; i++) {
    const change = byLine[i]!;
    const text = change.value.join("");
    if (!change.added && !change.removed) {
      push(out, "same", text);
      continue;
    }
    const next = byLine[i + 1];
    // A removed run followed by an added one is an edit: look at it word by word.
    if (change.removed && next?.added) {
      const added = next.value.join("");
      const byWord = boundedPass(words(text), words(added), DIFF_LIMITS.wordEdits, work);
      if (byWord) {
        for (const w of byWord) push(out, w.added ? "added" : w.removed ? "removed" : "same", w.value.join(""));
      } else {
        push(out, "removed", text);
        push(out, "added", added);
      }
      i++;
      continue;
    }
    push(out, change.added ? "added" : "removed", text);
  }
  return out;
}

/** What a screen reader is told around a change, which sighted readers see as its colour. */
export type DiffMarks = { added: string; removed: string; end: string };

/**
 * A stored diff as HTML, every text escaped: inserted text in <ins>, removed in <del>, each with
 * its marks for screen readers. One string instead of a React element per part: a long diff has
 * thousands of parts, and rendering them as elements was most of a 50,000-character program
 * page's server time (issue 15, point 7).
 */
export function diffHtml(parts: readonly DiffPart[], marks: DiffMarks): string {
  const mark = (text: string) => `<span class="sr-only">${escapeHtml(text)}</span>`;
  const [added, removed, end] = [mark(marks.added), mark(marks.removed), mark(marks.end)];
  let html = "";
  for (const part of parts) {
    const text = escapeHtml(part.text);
    if (part.kind === "added") html += `<ins class="bg-emerald-100 text-emerald-900 no-underline">${added}${text}${end}</ins>`;
    else if (part.kind === "removed") html += `<del class="bg-red-100 text-red-900">${removed}${text}${end}</del>`;
    else html += `<span>${text}</span>`;
  }
  return html;
}
