// Nothing a person writes can break a page (issue 14.3): every kind of Markdown text is either
// refused when written, with a DomainError (4xx) and a message, or accepted and then renders
// within a CPU bound. Rendering never throws, even for a text stored around the checks.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { postCommentSchema } from "@/lib/comments";
import { DomainError, parseInput } from "@/lib/errors";
import { fromZodMessage, renderMessage } from "@/lib/i18n/message";
import { forgetRenderedMarkdown, MARKDOWN_LIMITS, markdownProblem, plainTextHtml, renderMarkdown } from "@/lib/markdown";
import { petitionInputSchema } from "@/lib/petitions/schema";
import { programInputSchema } from "@/lib/programs";
import { editInputSchema, responseInputSchema, updateInputSchema } from "@/lib/responses";
import { hostileMarkdown, KNOWN_ATTACKS } from "./hostile-markdown";

/** Every Markdown field people write, with its largest allowed length. */
const KINDS = [
  { kind: "comment", schema: postCommentSchema.shape.body, max: 4_000 },
  { kind: "petition background", schema: petitionInputSchema.shape.background, max: 20_000 },
  { kind: "response", schema: responseInputSchema.shape.body, max: 20_000 },
  { kind: "response correction", schema: editInputSchema.shape.body, max: 20_000 },
  { kind: "organizer update", schema: updateInputSchema.shape.body, max: 10_000 },
  { kind: "program policy", schema: programInputSchema.shape.policyText, max: 50_000 },
] as const;

/**
 * CPU a first rendering may take. The lexer stops at its read budget (1.2 × (100 ms + 10 ms per
 * 1,000 characters), MARKDOWN_LIMITS), which is absolute. The HTML it then writes and sanitizes is
 * linear work that is not budgeted and costs what this machine makes it cost, so that part of the
 * bound is measured here: three times what an ordinary, markup-rich text of the same length takes
 * on the same machine, in the same run. A fixed allowance failed on a machine three times slower
 * than usual. It stays far below what the unbounded renderer took (2.5 s for 40,000 characters of
 * nested emphasis, a stack overflow for deep quotes).
 */
const readBudgetMs = (length: number) => 1.2 * (MARKDOWN_LIMITS.cpuMsBase + (MARKDOWN_LIMITS.cpuMsPerThousandChars * length) / 1000);
const ordinaryMs = new Map<number, number>();
function ordinaryRenderMs(length: number): number {
  const bucket = Math.ceil(length / 1000) * 1000;
  let ms = ordinaryMs.get(bucket);
  if (ms === undefined) {
    const text = "Some **bold**, _leaning_ and `code` words [with a link](https://a.example/page).\n\n".repeat(Math.ceil(bucket / 80)).slice(0, bucket);
    ms = Infinity;
    for (let i = 0; i < 3; i++) {
      forgetRenderedMarkdown();
      ms = Math.min(ms, cpuMs(() => renderMarkdown(text)));
    }
    ordinaryMs.set(bucket, ms);
  }
  return ms;
}
const cpuBoundMs = (length: number) => readBudgetMs(length) + 3 * ordinaryRenderMs(length) + 50;

function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Refused with a DomainError and a message, or accepted and rendered within the bound. */
function check(schema: (typeof KINDS)[number]["schema"], text: string) {
  let accepted: string | null = null;
  try {
    accepted = parseInput(schema, text);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(400);
    expect((error as DomainError).message.length).toBeGreaterThan(10);
  }
  // Accepted or not (a text stored before the checks), reading it never throws and stays cheap.
  const shown = accepted ?? text;
  forgetRenderedMarkdown();
  let html = "";
  const ms = cpuMs(() => {
    html = renderMarkdown(shown);
  });
  expect(ms).toBeLessThan(cpuBoundMs(shown.length));
  expect(typeof html).toBe("string");
  if (accepted !== null) expect(html.length).toBeLessThanOrEqual(MARKDOWN_LIMITS.htmlBase + MARKDOWN_LIMITS.htmlPerSourceChar * shown.length);
}

describe("Markdown limits", () => {
  it("refuses the quote bomb that took pages down, with a message a person can act on", () => {
    const bomb = ">".repeat(3_999) + "x";
    const result = postCommentSchema.shape.body.safeParse(bomb);
    expect(result.success).toBe(false);
    const problem = fromZodMessage(result.error!.issues[0]!.message)!;
    expect(renderMessage(problem)).toBe(`The comment nests quotes or lists too deeply (more than ${MARKDOWN_LIMITS.blockDepth} levels); flatten them.`);
    expect(renderMessage(problem, "de")).toBe(`Der Kommentar verschachtelt Zitate oder Listen zu tief (mehr als ${MARKDOWN_LIMITS.blockDepth} Ebenen); bitte gliedern Sie flacher.`);
    // Stored anyway (before this check existed): shown as escaped text, not a 500.
    expect(renderMarkdown(bomb)).toBe(plainTextHtml(bomb));
    expect(renderMarkdown(bomb)).toContain("&gt;&gt;&gt;x</p>");
  });

  it("accepts ordinary nesting up to the limit and refuses one level more", () => {
    const quotes = (n: number) => `${"> ".repeat(n)}deep`;
    expect(markdownProblem(quotes(MARKDOWN_LIMITS.blockDepth))).toBeNull();
    expect(markdownProblem(quotes(MARKDOWN_LIMITS.blockDepth + 1))).toMatch(/too deeply/);
    const lists = (n: number) => Array.from({ length: n }, (_, i) => `${"  ".repeat(i)}- level ${i + 1}`).join("\n");
    expect(markdownProblem(lists(MARKDOWN_LIMITS.blockDepth))).toBeNull();
    expect(markdownProblem(lists(MARKDOWN_LIMITS.blockDepth + 2))).toMatch(/quotes or lists too deeply/);
    expect(markdownProblem("**bold _and *nested ~~struck [link](https://a.example)~~*_**")).toBeNull();
    expect(markdownProblem("**a ".repeat(40) + "x" + " a**".repeat(40))).toMatch(/emphasis, strikethrough or links too deeply/);
  });

  it("refuses huge tables, too many links and texts that balloon when displayed", () => {
    expect(markdownProblem(`|${"h|".repeat(100)}\n|${"-|".repeat(100)}\n` + "x\n".repeat(100))).toMatch(/more than 5,000 cells/);
    expect(markdownProblem(`| a | b |\n|---|---|\n| 1 | 2 |\n`)).toBeNull();
    expect(markdownProblem("[a](https://a.example) ".repeat(MARKDOWN_LIMITS.links + 1))).toMatch(/more than 1,000 links/);
    expect(markdownProblem(`[r]: https://a.example/${"y".repeat(1_000)}\n\n` + "[r] ".repeat(500))).toMatch(/too large when displayed/);
  });

  it("refuses what would take too long to display, even where no named limit applies", () => {
    // Quadratic in marked's emphasis rules: about 1.6 s for 50,000 characters without the budget.
    expect(markdownProblem("_a__a_".repeat(50_000 / 6))).toMatch(/takes too long to display/);
    const cpu = cpuMs(() => markdownProblem("!a".repeat(25_000)));
    expect(cpu).toBeLessThan(cpuBoundMs(50_000));
  });

  it("keeps rendering what people write as before", () => {
    expect(markdownProblem("# Why\n\nWe ask **clearly**.\n\n- one\n- two\n\n> quoted\n\n1. first\n2. second")).toBeNull();
  });

  it.each(KINDS)("known attacks on a $kind are refused or render cheaply", ({ schema }) => {
    for (const attack of KNOWN_ATTACKS) check(schema, `Hostile text for the record. ${attack}`);
  });

  it.each(KINDS)("hostile Markdown in a $kind is refused with a DomainError or renders within the CPU bound", ({ schema, max }) => {
    fc.assert(
      fc.property(hostileMarkdown, (text) => {
        check(schema, `Hostile text for the record. ${text}`.slice(0, max));
      }),
      { numRuns: 25 },
    );
  }, 180_000);
});
