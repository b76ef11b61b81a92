// The client components' strings come with the client code (components/IntlClientProvider.tsx,
// docs/decisions/029, issue 15): given only the language, the provider gives client components
// that language's client.json.
import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { useTranslations } from "next-intl";
import { describe, expect, it } from "vitest";
import { IntlClientProvider } from "@/components/IntlClientProvider";
import type { Locale } from "@/i18n/locales";
import deClient from "@/messages/de/client.json";
import enClient from "@/messages/en/client.json";

function Probe() {
  const interval = useTranslations("Interval");
  const copy = useTranslations("CopyLink");
  return createElement("p", null, `${interval("minutes", { count: 5 })} | ${copy("copy")}`);
}

// The provider's props type counts the children among them; createElement passes them after.
const render = (locale: Locale) => renderToStaticMarkup(createElement(IntlClientProvider, { locale } as ComponentProps<typeof IntlClientProvider>, createElement(Probe)));

describe("the client components' messages", () => {
  it("are the language's client.json, from the language alone", () => {
    expect(render("en")).toBe(`<p>5 minutes | ${enClient.CopyLink.copy}</p>`);
    expect(render("de")).toBe(`<p>5 Minuten | ${deClient.CopyLink.copy}</p>`);
  });
});
