// Hostile Markdown for property tests: deep nesting of every construct, long runs of every
// special character, mixed raw HTML, huge tables, many links, and all of these combined.
import fc from "fast-check";

const OPENERS = ["> ", ">", "- ", "* ", "+ ", "1. ", "9) ", "- > ", "> - ", "**", "*", "_", "__", "***", "~~", "~", "[", "![", "`", "<", "<blockquote>", "<ul><li>", "<em>", "<strong>", "<a href=\"https://a.example\">", "<div>", "<table><tr><td>", "<!--", "&", "\\", "#", "|", "(", "    "];
const CLOSERS = ["", "x", "**", "*", "_", "__", "~~", "](https://a.example)", "](<x>)", "]", ")", "`", "</blockquote>", "</li></ul>", "</em>", "</a>", "-->", " x\n"];
const RUN_CHARS = ["*", "_", "~", "[", "]", "(", ")", "<", ">", "`", "|", "#", "!", "\\", "&", "-", "=", "+", ":", " ", "\n", "\t", "a", "é", "🧑‍💻", "[](", "*a", "_a_", "<a>", "&amp;", "\\*", "www.a.example ", "|a", "- ", "1. "];

const nested = fc
  .record({ open: fc.constantFrom(...OPENERS), close: fc.constantFrom(...CLOSERS), depth: fc.integer({ min: 1, max: 30_000 }), between: fc.constantFrom("", " ", "\n", "a ") })
  .map(({ open, close, depth, between }) => (open + between).repeat(depth) + "x" + (between + close).repeat(depth));

/** Lists nested by indentation, one level per line. */
const indented = fc
  .record({ depth: fc.integer({ min: 1, max: 300 }), marker: fc.constantFrom("- ", "* ", "1. ", "> ") })
  .map(({ depth, marker }) => Array.from({ length: depth }, (_, i) => " ".repeat(i * marker.length) + marker + "item").join("\n"));

const run = fc.record({ ch: fc.constantFrom(...RUN_CHARS), n: fc.integer({ min: 1, max: 60_000 }) }).map(({ ch, n }) => ch.repeat(n));

const table = fc
  .record({ cols: fc.integer({ min: 1, max: 800 }), rows: fc.integer({ min: 0, max: 30_000 }), cell: fc.constantFrom("", "a", "**b**", "[l](https://a.example)", "|") })
  .map(({ cols, rows, cell }) => `|${"h|".repeat(cols)}\n|${"-|".repeat(cols)}\n` + `${cell}\n`.repeat(rows));

const links = fc
  .record({ n: fc.integer({ min: 1, max: 20_000 }), kind: fc.constantFrom("inline", "ref", "auto", "www", "image", "mail") })
  .map(({ n, kind }) => {
    const one = { inline: "[a](https://a.example/x) ", ref: "[r] ", auto: "<https://a.example> ", www: "www.a.example ", image: "![i](https://a.example/i.png) ", mail: "a@b.example " }[kind]!;
    return (kind === "ref" ? `[r]: https://a.example/${"y".repeat(2000)}\n\n` : "") + one.repeat(n);
  });

const prose = fc.lorem({ maxCount: 200, mode: "sentences" });

const chunk = fc.oneof(nested, indented, run, table, links, prose, fc.string({ maxLength: 500 }), fc.string({ unit: "grapheme", maxLength: 200 }));

/** One hostile text: a few chunks joined by line breaks or nothing. */
export const hostileMarkdown = fc
  .record({ parts: fc.array(chunk, { minLength: 1, maxLength: 4 }), glue: fc.constantFrom("", "\n", "\n\n", " ") })
  .map(({ parts, glue }) => parts.join(glue));

/** The case and its relatives, checked every run. */
export const KNOWN_ATTACKS = [
  ">".repeat(3_999) + "x",
  "> ".repeat(1_999) + "x",
  "- ".repeat(1_999) + "x",
  "1. ".repeat(1_333) + "x",
  "**a ".repeat(1_000) + "x" + " a**".repeat(1_000),
  "*_".repeat(1_000) + "x" + "_*".repeat(1_000),
  "[".repeat(2_000) + "a" + "](x)".repeat(500),
  `|${"h|".repeat(200)}\n|${"-|".repeat(200)}\n` + "x\n".repeat(1_500),
  `[r]: https://a.example/${"y".repeat(1_000)}\n\n` + "[r]".repeat(1_000),
  "<blockquote>".repeat(330),
];
