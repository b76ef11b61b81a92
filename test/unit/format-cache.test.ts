// The compiled messages of each language are kept across requests (i18n/format-cache.ts, issue 15).
import { describe, expect, it } from "vitest";
import { _createCache, _createIntlFormatters, createTranslator, initializeConfig } from "next-intl";
import { formatCacheFor } from "@/i18n/format-cache";
import { messagesFor } from "@/i18n/messages";
import { msg, renderMessage } from "@/lib/i18n/message";

/** A translator as next-intl makes one for a request: the request's own formatters, the language's kept cache. */
function requestTranslator(locale: "en" | "de", namespace: "Interval") {
  return createTranslator({ locale, messages: messagesFor(locale), namespace, timeZone: "UTC", _cache: formatCacheFor(locale), _formatters: _createIntlFormatters(_createCache()) });
}

const compiled = (locale: "en" | "de") => Object.entries(formatCacheFor(locale).message);

describe("the per-language cache of compiled messages", () => {
  it("is one object per language, and the languages' differ", () => {
    expect(formatCacheFor("en")).toBe(formatCacheFor("en"));
    expect(formatCacheFor("de")).toBe(formatCacheFor("de"));
    expect(formatCacheFor("en")).not.toBe(formatCacheFor("de"));
  });

  it("compiles a message with values once, and the next request's translator reuses it", () => {
    const source = messagesFor("en").Interval.minutes;
    const first = requestTranslator("en", "Interval");
    expect(first("minutes", { count: 5 })).toBe("5 minutes");
    const entries = compiled("en").filter(([key]) => key.includes(JSON.stringify(source)));
    expect(entries).toHaveLength(1);
    const [key, format] = entries[0]!;

    const second = requestTranslator("en", "Interval");
    expect(second("minutes", { count: 1 })).toBe("1 minute");
    expect(compiled("en").filter(([k]) => k.includes(JSON.stringify(source)))).toHaveLength(1);
    expect(formatCacheFor("en").message[key]).toBe(format);
  });

  it("keeps each language's compiled messages apart", () => {
    expect(requestTranslator("de", "Interval")("minutes", { count: 5 })).toBe("5 Minuten");
    expect(requestTranslator("en", "Interval")("minutes", { count: 5 })).toBe("5 minutes");
    const german = messagesFor("de").Interval.minutes;
    expect(compiled("de").some(([key]) => key.includes(JSON.stringify(german)))).toBe(true);
    expect(compiled("en").some(([key]) => key.includes(JSON.stringify(german)))).toBe(false);
  });

  it("is shared by the domain's messages (renderMessage)", () => {
    const source = messagesFor("de").Errors.admin.alreadyHasRole;
    expect(renderMessage(msg("Errors.admin.alreadyHasRole", { name: "Xaver" }), "de")).toContain("Xaver");
    expect(compiled("de").some(([key]) => key.includes(JSON.stringify(source)))).toBe(true);
  });

  it("reaches next-intl's server translators: the request config passes `_cache` through", () => {
    // next-intl's getConfig spreads initializeConfig(our request config) into every server
    // translator's options; i18n/request.ts relies on `_cache` surviving it.
    const cache = formatCacheFor("en");
    expect(initializeConfig({ locale: "en", messages: {}, _cache: cache } as Parameters<typeof initializeConfig>[0])).toMatchObject({ _cache: cache });
  });
});
