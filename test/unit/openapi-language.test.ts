// The API page in German: every text /developers shows from the OpenAPI document has a German text
// in i18n/openapi.de.json, none is left for a place the document no longer has, none is an
// untranslated copy, the numbers, `code` spans and routes of each survive the translation, and the
// German document differs from the English one in its texts only (docs/decisions/029). The
// document /api/openapi.json serves stays English.
import { describe, expect, it } from "vitest";
import german from "@/i18n/openapi.de.json";
import sameInBoth from "@/i18n/openapi.same-in-both.json";
import { openApiDocument } from "@/lib/api/openapi";
import { documentTexts, localizeDocument, openApiDocumentIn, staleTexts, untranslatedTexts } from "@/lib/api/openapi-language";

const doc = openApiDocument();
const english = documentTexts(doc);
const translations: Record<string, string> = german;
const exempt: Record<string, string> = sameInBoth.keys;

const numbers = (text: string): string[] => text.match(/\d+/g) ?? [];
const codeSpans = (text: string): string[] => text.match(/`[^`]+`/g) ?? [];
const routes = (text: string): string[] => text.match(/\/[\w{}.-]+(?:\/[\w{}.-]+)*/g) ?? [];

/** What of the English text a translation must keep, as "key: lost part". */
function lost(pick: (text: string) => string[], entries: Record<string, string>): string[] {
  return Object.entries(entries).flatMap(([key, text]) => {
    const kept = pick(text);
    return pick(english.get(key) ?? "").filter((part) => !kept.includes(part)).map((part) => `${key}: ${part}`);
  });
}

describe("i18n/openapi.de.json", () => {
  it("has a German text for every text of the document the page shows", () => {
    // The page shows the API's description, each operation's summary and description, its
    // parameters', body's and answers' descriptions, each schema's and field's, why a route is left
    // out, and each tag's name as a heading.
    expect(english.get("/info/description")).toMatch(/ApiError/);
    expect(english.get("/paths/~1api~1petitions/get/summary")).toBe("List public petitions");
    expect(english.get("/paths/~1api~1petitions~1{id}/get/parameters/invite/description")).toMatch(/co-sponsor/);
    expect(english.get("/components/schemas/PetitionSummary/properties/responseThreshold/description")).toMatch(/leadership/);
    expect([...english.keys()].filter((k) => k.startsWith("/x-undocumented-routes/")).length).toBeGreaterThan(0);
    expect(english.get("/tags/Petitions/name")).toBe("Petitions");
    expect(english.size).toBeGreaterThan(250);
    expect(untranslatedTexts(doc, translations)).toEqual([]);
  });

  it("has no entry for a place the document does not have", () => {
    expect(staleTexts(doc, translations)).toEqual([]);
  });

  it("has only non-empty texts", () => {
    for (const [key, text] of Object.entries(translations)) expect(text.trim(), key).not.toBe("");
  });

  it("translates every text: none equals its English unless listed with a reason", () => {
    const same = Object.entries(translations).filter(([key, text]) => text === english.get(key) && !exempt[key]?.trim());
    expect(same).toEqual([]);
    // An exemption is for an entry that exists and really is the same.
    for (const key of Object.keys(exempt)) expect(translations[key], key).toBe(english.get(key));
  });

  it("keeps every number, `code` span and route of the English text", () => {
    expect(lost(numbers, translations)).toEqual([]);
    expect(lost(codeSpans, translations)).toEqual([]);
    expect(lost(routes, translations)).toEqual([]);
  });
});

describe("the checks notice", () => {
  const thing = { info: { description: "An API with 2 `routes`." }, paths: { "/api/x": { get: { summary: "Get x", parameters: [{ name: "id", description: "The id." }] } } } };

  it("a missing, an empty and a stale entry, with parameters named by name", () => {
    expect([...documentTexts(thing).keys()]).toEqual(["/info/description", "/paths/~1api~1x/get/summary", "/paths/~1api~1x/get/parameters/id/description"]);
    expect(untranslatedTexts(thing, { "/info/description": "Eine API mit 2 `routes`.", "/paths/~1api~1x/get/summary": " " })).toEqual([
      "/paths/~1api~1x/get/summary",
      "/paths/~1api~1x/get/parameters/id/description",
    ]);
    expect(staleTexts(thing, { "/info/description": "Eine API.", "/paths/~1api~1y/get/summary": "Weg." })).toEqual(["/paths/~1api~1y/get/summary"]);
  });
});

describe("localizeDocument", () => {
  const thing = { info: { title: "Thing API", description: "An API." }, paths: { "/api/x": { get: { summary: "Get x", operationId: "getX" } } } };

  it("gives English as generated, with no lang needed on an English page", () => {
    const { document, langOf, tagName } = localizeDocument(thing, "en");
    expect(document).toEqual(thing);
    expect(langOf("An API.")).toBeUndefined();
    expect(tagName("Petitions")).toBe("Petitions");
  });

  it("keeps a tag's name in the document, which operations refer to, and gives its text apart", () => {
    const tagged = { tags: [{ name: "Petitions" }, { name: "Mail" }], paths: { "/api/x": { get: { tags: ["Petitions"] } } } };
    expect([...documentTexts(tagged).keys()]).toEqual(["/tags/Petitions/name", "/tags/Mail/name"]);
    const { document, langOf, tagName } = localizeDocument(tagged, "de", { "/tags/Petitions/name": "Petitionen" });
    expect(document).toEqual(tagged);
    expect([tagName("Petitions"), langOf("Petitionen")]).toEqual(["Petitionen", undefined]);
    expect([tagName("Mail"), langOf("Mail")]).toEqual(["Mail", "en"]);
  });

  it("gives the translation, and marks lang=\"en\" only on a text still in English", () => {
    const { document, langOf } = localizeDocument(thing, "de", { "/info/description": "Eine API." });
    expect(document).toEqual({ info: { title: "Thing API", description: "Eine API." }, paths: { "/api/x": { get: { summary: "Get x", operationId: "getX" } } } });
    expect(langOf("Eine API.")).toBeUndefined();
    expect(langOf("Get x")).toBe("en");
    expect(thing.info.description).toBe("An API.");
  });

  it("shows the whole real document in German, with the English one's structure", () => {
    const { document, langOf, tagName } = openApiDocumentIn("de");
    const de = documentTexts(document);
    expect([...de.keys()]).toEqual([...english.keys()]);
    const tags = [...de.keys()].filter((key) => key.startsWith("/tags/"));
    expect(tags.length).toBeGreaterThan(5);
    // Texts are in German in the document; tag names keep their identity and are shown through tagName.
    expect([...de].filter(([key]) => !tags.includes(key)).every(([, text]) => langOf(text) === undefined)).toBe(true);
    for (const key of tags) {
      const shown = tagName(de.get(key)!);
      expect([shown, langOf(shown)], key).toEqual([translations[key], undefined]);
    }
    expect(tagName("Petitions")).toBe("Petitionen");
    expect(de.get("/tags/Petitions/name")).toBe("Petitions");
    expect(de.get("/paths/~1api~1petitions/get/summary")).toBe("Öffentliche Petitionen auflisten");
    // Put the English texts back in their places: what comes out is the English document, so the
    // German one differs in its texts only (same keys, types, routes, examples).
    expect(localizeDocument(document, "de", Object.fromEntries(english)).document).toEqual(doc);
  });

  it("leaves the document /api/openapi.json serves in English", () => {
    openApiDocumentIn("de");
    expect(openApiDocument()).toBe(doc);
    expect(documentTexts(openApiDocument())).toEqual(english);
    expect(openApiDocumentIn("en").document).toBe(doc);
  });
});
