// Reads prisma/schema.prisma and its `///` descriptions: the "What we store" page is generated
// from it, and a test fails when a stored model or field has no description. The descriptions are
// written in English in the schema; their German text is in i18n/schema-docs.de.json, keyed
// "Model" and "Model.field", and test/unit/schema-docs-language.test.ts fails on a missing or a
// stale entry (docs/decisions/029).
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Locale } from "@/i18n/locales";
import germanDocs from "@/i18n/schema-docs.de.json";

/** `lang` is the language the description is written in (English unless translated). */
export type StoredField = { name: string; type: string; description: string | null; relation: boolean; lang?: Locale };
export type StoredModel = { name: string; description: string | null; fields: StoredField[]; lang?: Locale };
/** Descriptions in one language, keyed "Model" and "Model.field". */
export type SchemaTranslations = Readonly<Record<string, string>>;

const TRANSLATIONS: Partial<Record<Locale, SchemaTranslations>> = { de: germanDocs };

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"]);

export function parseSchemaDocs(source: string): StoredModel[] {
  const models: StoredModel[] = [];
  const lines = source.split("\n");
  let current: StoredModel | null = null;
  let doc: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line.startsWith("///")) {
      doc.push(line.slice(3).trim());
      continue;
    }
    const model = /^model (\w+) \{/.exec(line);
    if (model) {
      current = { name: model[1]!, description: doc.length ? doc.join(" ") : null, fields: [] };
      models.push(current);
    } else if (current && line === "}") {
      current = null;
    } else if (current && /^\w+\s+\S/.test(line) && !line.startsWith("@@")) {
      const [name, type] = line.split(/\s+/) as [string, string];
      const base = type.replace(/[?[\]]/g, "");
      current.fields.push({ name, type, description: doc.length ? doc.join(" ") : null, relation: !SCALARS.has(base) });
    }
    if (!line.startsWith("///")) doc = [];
  }
  return models;
}

export function undocumented(models: StoredModel[]): string[] {
  return models.flatMap((m) => [
    ...(m.description ? [] : [m.name]),
    ...m.fields.filter((f) => !f.description).map((f) => `${m.name}.${f.name}`),
  ]);
}

export function readSchemaDocs(file = path.join(process.cwd(), "prisma", "schema.prisma")): StoredModel[] {
  return parseSchemaDocs(readFileSync(file, "utf8"));
}

/** The keys a translation must have: every model and field that has a description. */
export function describedKeys(models: StoredModel[]): string[] {
  return models.flatMap((m) => [
    ...(m.description ? [m.name] : []),
    ...m.fields.filter((f) => f.description).map((f) => `${m.name}.${f.name}`),
  ]);
}

/** Described models and fields the translation has no text for. */
export function untranslated(models: StoredModel[], translations: SchemaTranslations): string[] {
  return describedKeys(models).filter((key) => !translations[key]?.trim());
}

/** Entries of the translation that name no described model or field (left behind by a removal or a rename). */
export function staleTranslations(models: StoredModel[], translations: SchemaTranslations): string[] {
  const keys = new Set(describedKeys(models));
  return Object.keys(translations).filter((key) => !keys.has(key));
}

/**
 * The models with their descriptions in a language: English as the schema says it, another
 * language from its translation file. Each description carries the language it is in; a test makes
 * sure no German one is missing, and were one missing, it would show in English, marked as such,
 * rather than be made up.
 */
export function localizeSchemaDocs(models: StoredModel[], locale: Locale, translations = TRANSLATIONS[locale]): StoredModel[] {
  const text = (key: string, english: string | null): { description: string | null; lang: Locale } => {
    const translated = translations?.[key]?.trim();
    return english !== null && translated ? { description: translated, lang: locale } : { description: english, lang: "en" };
  };
  return models.map((m) => ({
    ...m,
    ...text(m.name, m.description),
    fields: m.fields.map((f) => ({ ...f, ...text(`${m.name}.${f.name}`, f.description) })),
  }));
}

/** The schema's models with their descriptions in the request's language. */
export function schemaDocsIn(locale: Locale, file?: string): StoredModel[] {
  return localizeSchemaDocs(readSchemaDocs(file), locale);
}
