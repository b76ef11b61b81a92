// Markdown to safe HTML: marked parses, sanitize-html keeps only an allow-list of tags and
// attributes, so a script, event handler or javascript: link in user text never reaches a page
// (docs/decisions/006).
//
// Nothing a person writes can break a page: every writer validates its Markdown with
// `markdownText` (or `markdownSchema`), which renders the text once, with limits on what makes
// the renderer recurse or blow up, and refuses what goes past them with a message. Rendering
// itself (`renderMarkdown`) never throws: a stored text that fails anyway is shown as escaped
// plain text. Results are kept in a small in-process cache keyed by the source, so a page that
// shows the same text again does not render it again.
import { Marked, Tokenizer, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { z } from "zod";
import { renderMessage, msg, zodMessage, type DomainMessage } from "@/lib/i18n/message";
import { multilineText, type FieldLabel } from "@/lib/validation";
import type enDomain from "@/messages/en/domain.json";

/**
 * What the renderer accepts. Every Markdown text people write is checked against these when it
 * is written; the same limits guard rendering, so a text within them renders in bounded time and
 * stack depth (a text past them is refused, never stored).
 */
export const MARKDOWN_LIMITS = {
  /** Quotes and lists inside one another. */
  blockDepth: 16,
  /** Emphasis, strong, strikethrough and links inside one another. */
  inlineDepth: 16,
  /** Links, images and bare addresses that become links, in one text. */
  links: 1_000,
  /** Table cells (rows × columns, header included) over all tables of one text. */
  tableCells: 5_000,
  /** The rendered HTML, as a multiple of the source length (plus a constant for short texts). */
  htmlPerSourceChar: 12,
  htmlBase: 20_000,
  /**
   * CPU the lexer may spend on a text when it is written: a backstop for patterns the limits
   * above do not name (marked's emphasis and plain-text rules are quadratic on some runs, e.g.
   * `_a__a_` or `!` repeated: 20,000 characters took 0.2–0.3 s). An ordinary text needs a small
   * part of it. The clock is the process's CPU time, which other threads and a cold start also
   * spend, so the budget is generous (CI refused the demo's own policy text at 30 ms + 5 ms per
   * 1,000 characters) and the lexer is warmed up when this module loads. Reading allows a fifth
   * more, so a text accepted on a busy moment still renders.
   */
  cpuMsBase: 100,
  cpuMsPerThousandChars: 10,
} as const;

const writeBudgetMs = (length: number) => MARKDOWN_LIMITS.cpuMsBase + (MARKDOWN_LIMITS.cpuMsPerThousandChars * length) / 1000;
const READ_BUDGET_FACTOR = 1.2;

const cpuNowMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

/**
 * Why a text cannot be rendered, shown to the person who wrote it: a message of
 * "Validation.markdown" (domain.json), which names the text. Kept in `problem`: marked appends a
 * plea to report the bug to the message of anything thrown inside it.
 */
type ProblemKey = keyof (typeof enDomain)["Validation"]["markdown"];
type Problem = { key: ProblemKey; max?: number };
class MarkdownLimitError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.key);
  }
}

/**
 * marked's tokenizer with the limits above. Nested quotes, lists, emphasis and links recurse
 * (blockquote and list items call blockTokens; emphasis, strikethrough and link text call
 * inlineTokens), so counting the constructs open around each attempt bounds both the stack and
 * the work: the lexer gives up at the first construct past the limit instead of descending
 * thousands of levels (a comment of 3,999 `>` used to overflow the stack on every read).
 */
class GuardedTokenizer extends Tokenizer {
  private blocks = 0;
  private inlines = 0;
  private linkCount = 0;
  private cells = 0;
  private calls = 0;
  private deadline = Infinity;

  /** Starts a text: counters at zero, and the CPU time (ms) it may use. */
  reset(budgetMs: number) {
    this.blocks = this.inlines = this.linkCount = this.cells = this.calls = 0;
    this.deadline = cpuNowMs() + budgetMs;
  }

  /** Every wrapped tokenizer call; one in 64 reads the CPU clock. */
  private tick() {
    if ((++this.calls & 63) === 0 && cpuNowMs() > this.deadline) {
      throw new MarkdownLimitError({ key: "tooSlow" });
    }
  }

  private block<T>(run: () => T): T {
    this.tick();
    // An attempt at depth d means d constructs around it matched and are being lexed.
    if (this.blocks > MARKDOWN_LIMITS.blockDepth) {
      throw new MarkdownLimitError({ key: "blockDepth", max: MARKDOWN_LIMITS.blockDepth });
    }
    this.blocks++;
    try {
      return run();
    } finally {
      this.blocks--;
    }
  }

  private inline<T extends Tokens.Generic | undefined>(run: () => T): T {
    this.tick();
    if (this.inlines > MARKDOWN_LIMITS.inlineDepth) {
      throw new MarkdownLimitError({ key: "inlineDepth", max: MARKDOWN_LIMITS.inlineDepth });
    }
    this.inlines++;
    let token: T;
    try {
      token = run();
    } finally {
      this.inlines--;
    }
    return this.counted(token);
  }

  private counted<T extends Tokens.Generic | undefined>(token: T): T {
    if (token && (token.type === "link" || token.type === "image") && ++this.linkCount > MARKDOWN_LIMITS.links) {
      throw new MarkdownLimitError({ key: "links", max: MARKDOWN_LIMITS.links });
    }
    return token;
  }

  override blockquote(src: string) {
    return this.block(() => super.blockquote(src));
  }
  override list(src: string) {
    return this.block(() => super.list(src));
  }
  override table(src: string) {
    this.tick();
    // Checked before marked splits the rows: every row is padded to the header's width, so a
    // wide header over many short lines would otherwise make millions of cells.
    const cap = this.rules.block.table.exec(src);
    if (cap) {
      const columns = cap[1]!.split("|").length;
      const rows = 1 + (cap[3] ? cap[3].split("\n").length : 0);
      this.cells += columns * rows;
      if (this.cells > MARKDOWN_LIMITS.tableCells) {
        throw new MarkdownLimitError({ key: "tableCells", max: MARKDOWN_LIMITS.tableCells });
      }
    }
    return super.table(src);
  }
  override emStrong(src: string, maskedSrc: string, prevChar?: string) {
    return this.inline(() => super.emStrong(src, maskedSrc, prevChar));
  }
  override del(src: string, maskedSrc: string, prevChar?: string) {
    return this.inline(() => super.del(src, maskedSrc, prevChar));
  }
  override link(src: string) {
    return this.inline(() => super.link(src));
  }
  override reflink(src: string, links: Parameters<Tokenizer["reflink"]>[1]) {
    return this.inline(() => super.reflink(src, links));
  }
  override autolink(src: string) {
    this.tick();
    return this.counted(super.autolink(src));
  }
  override url(src: string) {
    this.tick();
    return this.counted(super.url(src));
  }
  override inlineText(src: string) {
    this.tick();
    return super.inlineText(src);
  }
}

const tokenizer = new GuardedTokenizer();
// setOptions, not the constructor: `use` would treat the tokenizer as an extension's overrides.
const marked = new Marked().setOptions({ gfm: true, breaks: false, async: false, tokenizer });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: { a: ["href", "title", "rel"], th: ["align"], td: ["align"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  // Headings in user text start at h2: the page's own title is the only h1.
  transformTags: {
    h1: "h2",
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: "noopener noreferrer nofollow" },
    }),
  },
  disallowedTagsMode: "escape",
  // Raw HTML nests without the lexer's help; tags deeper than this are shown escaped, as text.
  nestingLimit: 2 * (MARKDOWN_LIMITS.blockDepth + MARKDOWN_LIMITS.inlineDepth),
};

type Rendered = { html: string } | { problem: Problem };

/** Renders with the limits; a text past them gives the reason instead of HTML. */
function renderChecked(source: string, budgetMs: number): Rendered {
  tokenizer.reset(budgetMs);
  let html: string;
  try {
    html = sanitizeHtml(marked.parse(source) as string, SANITIZE);
  } catch (error) {
    if (error instanceof MarkdownLimitError) return { problem: error.problem };
    // The limits should make this unreachable; refusing is still better than storing a text
    // that cannot be shown.
    if (error instanceof RangeError) return { problem: { key: "tooDeep" } };
    throw error;
  }
  if (html.length > MARKDOWN_LIMITS.htmlBase + MARKDOWN_LIMITS.htmlPerSourceChar * source.length) {
    return { problem: { key: "tooLarge" } };
  }
  return { html };
}

/** Text for HTML: the characters that could start markup or end an attribute, escaped. */
export const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A text shown as it was written, every character escaped: paragraphs and line breaks only. */
export function plainTextHtml(source: string): string {
  return source
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br />")}</p>`)
    .join("\n");
}

/** Rendered HTML by source text, least recently used dropped first, bounded in characters. */
const CACHE_CHARS = 8_000_000;
const cache = new Map<string, string>();
let cachedChars = 0;

function remember(source: string, html: string) {
  const size = source.length + html.length;
  if (size > CACHE_CHARS / 8) return;
  cache.set(source, html);
  cachedChars += size;
  for (const [key, value] of cache) {
    if (cachedChars <= CACHE_CHARS) break;
    cache.delete(key);
    cachedChars -= key.length + value.length;
  }
}

/**
 * Markdown to safe HTML. Never throws: a text the renderer refuses (only possible for a text
 * stored before the limits, or written around the domain layer) comes back as escaped plain text.
 */
export function renderMarkdown(source: string): string {
  const hit = cache.get(source);
  if (hit !== undefined) {
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  let html: string;
  try {
    const rendered = renderChecked(source, READ_BUDGET_FACTOR * writeBudgetMs(source.length));
    html = "html" in rendered ? rendered.html : plainTextHtml(source);
  } catch {
    html = plainTextHtml(source);
  }
  remember(source, html);
  return html;
}

// Compile marked's rules and warm the JIT once, outside any budget, so the first text a process
// checks is not charged for the start-up.
try {
  renderChecked("# Warm up\n\n*One* _two_ **three** [four](https://example.com) `five`\n\n> six\n\n- seven\n\n| a | b |\n| - | - |\n| 1 | 2 |", Number.POSITIVE_INFINITY);
} catch {
  // Rendering is checked again for every real text.
}

/**
 * Why this Markdown cannot be accepted, as a message naming the text by its `label`
 * ("Validation.labels"), or null when it renders within the limits. The rendering is kept, so
 * showing the text right after costs nothing.
 */
export function markdownProblemMessage(source: string, label: FieldLabel = "text"): DomainMessage | null {
  let rendered: Rendered;
  try {
    rendered = renderChecked(source, writeBudgetMs(source.length));
  } catch {
    rendered = { problem: { key: "cannotDisplay" } };
  }
  if ("problem" in rendered) {
    const { key, max } = rendered.problem;
    const name = msg(`Validation.labels.${label}`);
    return msg(`Validation.markdown.${key}`, max === undefined ? { label: name } : { label: name, max });
  }
  remember(source, rendered.html);
  return null;
}

/** The same, in English: "This text nests quotes or lists too deeply (…)". */
export function markdownProblem(source: string, label: FieldLabel = "text"): string | null {
  const problem = markdownProblemMessage(source, label);
  return problem && renderMessage(problem);
}

/** A zod check that a string is Markdown the renderer accepts; chain it after length checks. */
export const markdownSchema = (label: FieldLabel = "text") =>
  z.string().superRefine((s, ctx) => {
    const problem = markdownProblemMessage(s, label);
    if (problem) ctx.addIssue({ code: "custom", message: zodMessage(problem) });
  });

/** Markdown people write (multilineText's rules), checked by the renderer once it passes them. */
export const markdownText = (label: FieldLabel, min: number, max: number) => multilineText(label, min, max).pipe(markdownSchema(label));

/** Empties the rendering cache: for tests that measure a first rendering. */
export function forgetRenderedMarkdown() {
  cache.clear();
  cachedChars = 0;
}
