// Looks for people in what the app answers: names, email addresses (or their local part) and
// account ids, however the answer writes them (JSON with \u escapes, HTML entities, CSV, odd
// whitespace, any letter case or Unicode normalization form).
//
// Matching is by lookup, not by searching every name in every body: the text is cut into words,
// every run of words as long as the longest name is looked up in a set, and every email-like or
// id-like token too. That keeps thousands of names against megabytes of answers fast.

export type Person = { id: string; name: string; email: string };
export type Finding = { where: string; kind: "name" | "email" | "id"; value: string; context: string };

// Words are letters, marks, digits and apostrophes; names and text are cut the same way.
const WORD = /[\p{L}\p{M}\p{N}'’]+/gu;
const WORD_BREAK = /[^\p{L}\p{M}\p{N}'’]+/u;
const fold = (s: string) => s.normalize("NFC").toLocaleLowerCase("en");

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Every string inside a JSON value, so escaped characters are compared as characters. */
function jsonStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) jsonStrings(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      jsonStrings(v, out);
    }
  }
  return out;
}

/** The readable text of a body: raw, plus decoded JSON strings (or SSE data lines) and entities. */
export function readable(body: string): string {
  const parts = [body];
  const tryJson = (s: string) => {
    try {
      parts.push(jsonStrings(JSON.parse(s)).join("\n"));
    } catch {
      // not JSON
    }
  };
  tryJson(body);
  for (const line of body.split("\n")) if (line.startsWith("data: ")) tryJson(line.slice(6));
  return decodeEntities(parts.join("\n"));
}

export class LeakScanner {
  private names = new Map<string, string>();
  private emails = new Map<string, string>();
  private ids = new Map<string, string>();
  private longest = 1;

  constructor(people: Person[]) {
    for (const p of people) {
      const words = fold(p.name).split(WORD_BREAK).filter(Boolean);
      if (words.length > 0) {
        this.names.set(words.join(" "), p.name);
        this.longest = Math.max(this.longest, words.length);
      }
      const email = fold(p.email);
      this.emails.set(email, p.email);
      // The local part alone identifies a person just as well ("ana.silva.17").
      this.emails.set(email.split("@")[0]!, p.email);
      this.ids.set(p.id, p.id);
    }
  }

  get size() {
    return this.ids.size;
  }

  scan(where: string, body: string): Finding[] {
    const text = fold(readable(body));
    const found = new Map<string, Finding>();
    const add = (kind: Finding["kind"], value: string, index: number) => {
      const key = `${kind}:${value}`;
      if (!found.has(key)) found.set(key, { where, kind, value, context: text.slice(Math.max(0, index - 80), index + 80).replace(/\s+/g, " ") });
    };
    // Names: every run of up to `longest` consecutive words.
    const words = [...text.matchAll(WORD)];
    for (let i = 0; i < words.length; i++) {
      let run = "";
      for (let n = 0; n < this.longest && i + n < words.length; n++) {
        run = n === 0 ? words[i]![0] : `${run} ${words[i + n]![0]}`;
        const hit = this.names.get(run);
        if (hit) add("name", hit, words[i]!.index);
      }
    }
    // Email addresses and their local parts.
    for (const m of text.matchAll(/[\p{L}\p{N}._%+-]+(@[\p{L}\p{N}.-]+)?/gu)) {
      const hit = this.emails.get(m[0]) ?? this.emails.get(m[0].replace(/^[._-]+|[._-]+$/g, ""));
      if (hit) add("email", hit, m.index);
    }
    // Account ids (case-sensitive, as stored).
    const raw = readable(body);
    for (const m of raw.matchAll(/[A-Za-z0-9]{16,}/g)) {
      const hit = this.ids.get(m[0]);
      if (hit) add("id", hit, m.index);
    }
    return [...found.values()];
  }
}
