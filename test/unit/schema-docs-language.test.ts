// "What we store" in German: every description the schema gives in English has a German text in
// i18n/schema-docs.de.json, none is left for a model or field that no longer exists, none is an
// untranslated copy, and the numbers in each survive the translation (docs/decisions/029).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import german from "@/i18n/schema-docs.de.json";
import sameInBoth from "@/i18n/schema-docs.same-in-both.json";
import { describedKeys, localizeSchemaDocs, parseSchemaDocs, schemaDocsIn, staleTranslations, untranslated, type StoredModel } from "@/lib/privacy/schema-docs";

const schema = readFileSync(path.resolve(__dirname, "../../prisma/schema.prisma"), "utf8");
const models = parseSchemaDocs(schema);
const english = new Map<string, string>(
  models.flatMap((m) => [
    [m.name, m.description ?? ""] as const,
    ...m.fields.map((f) => [`${m.name}.${f.name}`, f.description ?? ""] as const),
  ]),
);
const exempt: Record<string, string> = sameInBoth.keys;
const numbers = (text: string): string[] => text.match(/\d+/g) ?? [];

describe("i18n/schema-docs.de.json", () => {
  it("has a German text for every model and field the schema describes", () => {
    expect(describedKeys(models).length).toBe(english.size);
    expect(untranslated(models, german)).toEqual([]);
  });

  it("has no entry for a model or field the schema does not have", () => {
    expect(staleTranslations(models, german)).toEqual([]);
  });

  it("has only non-empty texts", () => {
    for (const [key, text] of Object.entries(german)) expect(text.trim(), key).not.toBe("");
  });

  it("translates every text: none equals its English unless listed with a reason", () => {
    const same = Object.entries(german).filter(([key, text]) => text === english.get(key) && !exempt[key]?.trim());
    expect(same).toEqual([]);
    // An exemption is for an entry that exists and really is the same.
    for (const key of Object.keys(exempt)) expect((german as Record<string, string>)[key], key).toBe(english.get(key));
  });

  it("keeps every number of the English text (days, hours, decisions, key sizes)", () => {
    const lost = Object.entries(german).flatMap(([key, text]) => {
      const kept = numbers(text);
      return numbers(english.get(key) ?? "").filter((n) => !kept.includes(n)).map((n) => `${key}: ${n}`);
    });
    expect(lost).toEqual([]);
  });
});

describe("the checks notice", () => {
  const thing = parseSchemaDocs("/// A thing.\nmodel Thing {\n  /// Id.\n  id String @id\n  /// Kept 90 days.\n  kept String\n}\n");

  it("a missing, an empty and a stale entry", () => {
    expect(untranslated(thing, { Thing: "Ein Ding.", "Thing.id": "Kennung.", "Thing.kept": " " })).toEqual(["Thing.kept"]);
    expect(staleTranslations(thing, { Thing: "Ein Ding.", "Thing.gone": "Weg." })).toEqual(["Thing.gone"]);
  });
});

describe("localizeSchemaDocs", () => {
  const thing: StoredModel[] = parseSchemaDocs("/// A thing.\nmodel Thing {\n  /// Id.\n  id String @id\n  /// Kept 90 days.\n  kept String\n}\n");

  it("gives English as the schema says it, marked English", () => {
    const [model] = localizeSchemaDocs(thing, "en");
    expect(model!.description).toBe("A thing.");
    expect(model!.lang).toBe("en");
    expect(model!.fields.map((f) => [f.description, f.lang])).toEqual([["Id.", "en"], ["Kept 90 days.", "en"]]);
  });

  it("gives the translation, marked German, and English (marked English) only where a text is missing", () => {
    const [model] = localizeSchemaDocs(thing, "de", { Thing: "Ein Ding.", "Thing.id": "Kennung." });
    expect([model!.description, model!.lang]).toEqual(["Ein Ding.", "de"]);
    expect(model!.fields.map((f) => [f.description, f.lang])).toEqual([["Kennung.", "de"], ["Kept 90 days.", "en"]]);
  });

  it("invents nothing for a field the schema leaves undescribed", () => {
    const bare = parseSchemaDocs("/// A thing.\nmodel Thing {\n  id String @id\n}\n");
    const [model] = localizeSchemaDocs(bare, "de", { Thing: "Ein Ding.", "Thing.id": "Kennung." });
    expect(model!.fields[0]!.description).toBeNull();
  });

  it("shows the whole real schema in German", () => {
    const de = schemaDocsIn("de", path.resolve(__dirname, "../../prisma/schema.prisma"));
    expect(de.map((m) => m.name)).toEqual(models.map((m) => m.name));
    expect(de.flatMap((m) => [m.lang, ...m.fields.map((f) => f.lang)]).every((lang) => lang === "de")).toBe(true);
    expect(de.find((m) => m.name === "CoOrganizerAddressInvite")!.description).toMatch(/90 Tagen/);
  });
});
