// The policy diff does bounded work at any allowed size (issue 15.7): two 50,000-character
// versions are diffed within DIFF_LIMITS.work units (token comparisons plus the edit search's
// steps), counted, not timed. The result is always a true difference: the unchanged and removed
// parts spell the old text, the unchanged and added parts the new one.
import { describe, expect, it } from "vitest";
import { DIFF_LIMITS, diffHtml, policyDiff, type DiffWork } from "@/lib/programs/diff";

const MAX = 50_000;
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const word = () => Math.floor(random() * 1e6).toString(36);
/** About `chars` characters of paragraphs of `words` random words. */
function text(words: number, separator = "\n\n") {
  let s = "";
  while (s.length < MAX) s += Array.from({ length: words }, word).join(" ") + separator;
  return s.slice(0, MAX);
}

const paragraphs = text(12);
const otherParagraphs = text(12);
const oneLine = text(100_000, " ");
const otherLine = text(100_000, " ");

const CASES: [string, string, string][] = [
  ["different paragraphs", paragraphs, otherParagraphs],
  ["one line each, different", oneLine, otherLine],
  ["every seventh paragraph edited", paragraphs, paragraphs.split("\n").map((l, i) => (i % 7 ? l : l.replace(/\w+/, "changed"))).join("\n")],
  ["one line, every fiftieth word edited", oneLine, oneLine.split(" ").map((w, i) => (i % 50 ? w : "changed")).join(" ")],
  ["25,000 short lines, all different", "a\n".repeat(MAX / 2), "b\n".repeat(MAX / 2)],
  ["25,000 short lines, every other changed", "a\n".repeat(MAX / 2), Array.from({ length: MAX / 2 }, (_, i) => (i % 2 ? "a\n" : "b\n")).join("")],
  ["a paragraph appended", paragraphs.slice(0, MAX - 100), paragraphs.slice(0, MAX - 100) + "\n\nOne more paragraph."],
  ["everything removed", paragraphs, "Nothing."],
];

const spell = (parts: ReturnType<typeof policyDiff>, skip: "added" | "removed") => parts.filter((p) => p.kind !== skip).map((p) => p.text).join("");

describe("policyDiff", () => {
  it.each(CASES)("%s: within the work bound, and a true difference", (_name, before, after) => {
    expect(before.length).toBeGreaterThan(MAX - 1_000);
    const work: DiffWork = { spent: 0, limit: DIFF_LIMITS.work };
    const parts = policyDiff(before, after, work);
    expect(work.spent).toBeLessThanOrEqual(DIFF_LIMITS.work);
    expect(spell(parts, "added")).toBe(before);
    expect(spell(parts, "removed")).toBe(after);
  });

  it("stays word by word where the budget allows", () => {
    const edited = CASES[2]![2];
    const parts = policyDiff(paragraphs, edited);
    expect(parts.filter((p) => p.kind === "added").every((p) => p.text === "changed")).toBe(true);
    expect(parts.length).toBeGreaterThan(100);
  });

  it("falls back to replaced in full when the budget runs out", () => {
    const work: DiffWork = { spent: 0, limit: 1_000 };
    expect(policyDiff(paragraphs, CASES[2]![2], work)).toEqual([
      { kind: "removed", text: paragraphs },
      { kind: "added", text: CASES[2]![2] },
    ]);
    expect(work.spent).toBeLessThanOrEqual(1_000);
  });

  it("marks punctuation and words, not whole lines, in a small edit", () => {
    expect(policyDiff("Flow records clicks and keystrokes.\n", "Flow records clicks only.\n")).toEqual([
      { kind: "same", text: "Flow records clicks " },
      { kind: "removed", text: "and keystrokes" },
      { kind: "added", text: "only" },
      { kind: "same", text: ".\n" },
    ]);
  });
});

describe("a stored diff as HTML (diffHtml)", () => {
  const marks = { added: "[added:", removed: "[removed:", end: "]" };

  it("wraps insertions and removals with their screen-reader marks, and keeps the rest as text", () => {
    const html = diffHtml(
      [
        { kind: "same", text: "Keep " },
        { kind: "removed", text: "ten" },
        { kind: "added", text: "five" },
        { kind: "same", text: " days." },
      ],
      marks,
    );
    expect(html).toBe(
      '<span>Keep </span><del class="bg-red-100 text-red-900"><span class="sr-only">[removed:</span>ten<span class="sr-only">]</span></del>' +
        '<ins class="bg-emerald-100 text-emerald-900 no-underline"><span class="sr-only">[added:</span>five<span class="sr-only">]</span></ins><span> days.</span>',
    );
  });

  it("escapes every text, the marks included, so a policy cannot write markup", () => {
    const html = diffHtml([{ kind: "added", text: '<img src=x onerror="alert(1)"> & </ins><script>' }], { ...marks, end: "</span><b>" });
    expect(html).not.toMatch(/<img|<script|<b>|<\/ins><script/);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;/ins&gt;&lt;script&gt;");
    expect(html).toContain("&lt;/span&gt;&lt;b&gt;");
  });

  it("gives the same text as the policy when the marks are taken out", () => {
    const before = "Line one\nLine two & three\n<tag>";
    const after = "Line one\nLine 2 & three\n<tag>\nNew";
    const text = diffHtml(policyDiff(before, after), { added: "", removed: "", end: "" })
      .replace(/<del[^>]*>.*?<\/del>/g, "")
      .replace(/<[^>]+>/g, "")
      .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    expect(text).toBe(after);
  });
});
