// Every interface string exists in every language, with the same placeholders, and no German
// string is an untranslated copy of the English (docs/decisions/029).
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/i18n/locales";
import { MESSAGE_FILES } from "@/i18n/messages";
import sameInBoth from "@/i18n/same-in-both.json";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

/** The ICU arguments a message uses ("{count, plural, …}" -> count), and its rich-text tags. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: unknown[]) => {
    for (const el of elements as { type: number; value?: string; options?: Record<string, { value: unknown[] }>; children?: unknown[] }[]) {
      if (el.value !== undefined && el.type !== 0) names.add(`${el.type === 8 ? "<>" : ""}${el.value}`);
      for (const option of Object.values(el.options ?? {})) walk(option.value);
      if (el.children) walk(el.children);
    }
  };
  walk(new IntlMessageFormat(message, "en").getAst() as unknown[]);
  return [...names].sort();
}

const files = Object.keys(MESSAGE_FILES.en) as (keyof typeof MESSAGE_FILES.en)[];
const english = new Map(files.map((f) => [f, leaves(MESSAGE_FILES.en[f] as Tree)]));

describe("message files", () => {
  it.each(LOCALES.filter((l) => l !== "en"))("%s has exactly English's keys, each with the same arguments", (locale) => {
    for (const file of files) {
      const theirs = leaves(MESSAGE_FILES[locale][file] as Tree);
      const ours = english.get(file)!;
      expect([...theirs.keys()].filter((k) => !ours.has(k)), `${locale}/${file}.json keys English lacks`).toEqual([]);
      expect([...ours.keys()].filter((k) => !theirs.has(k)), `${locale}/${file}.json keys missing`).toEqual([]);
      for (const [key, message] of ours) {
        expect(argumentsOf(theirs.get(key)!), `${locale}/${file}.json ${key}`).toEqual(argumentsOf(message));
      }
    }
  });

  it.each(LOCALES.filter((l) => l !== "en"))("%s translates every string (except the listed few that are the same word)", (locale) => {
    const allowed = new Set(sameInBoth.keys);
    const untranslated: string[] = [];
    for (const file of files) {
      const theirs = leaves(MESSAGE_FILES[locale][file] as Tree);
      for (const [key, message] of english.get(file)!) if (theirs.get(key) === message && !allowed.has(key)) untranslated.push(key);
    }
    expect(untranslated).toEqual([]);
    const every = new Set(files.flatMap((f) => [...english.get(f)!.keys()]));
    expect(sameInBoth.keys.filter((k) => !every.has(k)), "listed keys that no longer exist").toEqual([]);
  });

  it("puts each namespace in exactly one file", () => {
    for (const locale of LOCALES) {
      const seen = new Map<string, string>();
      for (const file of files) {
        for (const namespace of Object.keys(MESSAGE_FILES[locale][file])) {
          expect(seen.get(namespace), `${locale}: ${namespace} in ${seen.get(namespace)} and ${file}`).toBeUndefined();
          seen.set(namespace, file);
        }
      }
    }
  });

  it("parses every message as ICU in its own language", () => {
    for (const locale of LOCALES) {
      for (const file of files) {
        for (const [key, message] of leaves(MESSAGE_FILES[locale][file] as Tree)) {
          expect(() => new IntlMessageFormat(message, locale), `${locale}/${file}.json ${key}`).not.toThrow();
        }
      }
    }
  });
});
