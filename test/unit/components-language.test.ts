// The components speak the page's language: the same component renders English or German from
// the message files, with numbers and dates formatted for that language (docs/decisions/029).
import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { TotalsExplained } from "@/components/BreakdownBars";
import { ProgressBar } from "@/components/ProgressBar";
import { SimilarPetitionList } from "@/components/SimilarPetitionList";
import { ResponseBadge, StateBadge } from "@/components/StateBadge";
import type { Locale } from "@/i18n/locales";
import { messagesFor } from "@/i18n/messages";
import type { PetitionSummary } from "@/lib/petitions/queries";

function html(locale: Locale, element: ReactElement): string {
  // The provider's props type counts the children among them; createElement passes them after.
  const props = { locale, messages: messagesFor(locale), timeZone: "UTC" } as ComponentProps<typeof NextIntlClientProvider>;
  return renderToStaticMarkup(createElement(NextIntlClientProvider, props, element));
}

/** The text people read, without the markup. */
function render(locale: Locale, element: ReactElement): string {
  return html(locale, element).replace(/<[^>]+>/g, "");
}

function attribute(locale: Locale, element: ReactElement, name: string): string | undefined {
  return html(locale, element).match(new RegExp(`${name}="([^"]*)"`))?.[1];
}

describe("components in English and German", () => {
  it("names a petition's state and an overdue response in each language, the count pluralised", () => {
    expect(render("en", createElement(StateBadge, { state: "collecting" }))).toBe("Gathering co-sponsors");
    expect(render("de", createElement(StateBadge, { state: "collecting" }))).toBe("Sucht Mitinitiator:innen");
    const overdue = (days: number) => ({ response: { status: "overdue", overdueDays: days }, responseDueAt: null }) as unknown as PetitionSummary;
    expect(render("en", createElement(ResponseBadge, { petition: overdue(1) }))).toBe("Response overdue by 1 day");
    expect(render("en", createElement(ResponseBadge, { petition: overdue(3) }))).toBe("Response overdue by 3 days");
    expect(render("de", createElement(ResponseBadge, { petition: overdue(3) }))).toBe("Antwort seit 3 Tagen überfällig");
  });

  it("formats the numbers of a progress bar for the language", () => {
    const bar = createElement(ProgressBar, { count: 2500, goal: 2000, label: "x" });
    expect(attribute("en", bar, "aria-valuetext")).toBe("2,500 of 2,000 signatures, goal reached");
    expect(attribute("de", bar, "aria-valuetext")).toBe("2.500 von 2.000 Unterschriften, Ziel erreicht");
    const coSponsors = createElement(ProgressBar, { count: 1, goal: 3, label: "x", unit: "co-sponsors" });
    expect(attribute("en", coSponsors, "aria-valuetext")).toBe("1 of 3 co-sponsors");
    expect(attribute("de", coSponsors, "aria-valuetext")).toBe("1 von 3 Mitinitiator:innen");
  });

  it("explains the dashboard's totals in one sentence per language, with its counts", () => {
    const totals = createElement(TotalsExplained, { headline: 1234, breakdownTotal: 1000, named: 1100, anonymous: 134, k: 5, suppressed: false });
    expect(render("en", totals)).toBe(
      "The petition has 1,234 signatures; the bars below count 1,000 of them. The other 234 are 134 anonymous signatures, which are never broken down, and 100 named signatures from today, which appear here tomorrow.",
    );
    expect(render("de", totals)).toContain("Die Petition hat 1.234 Unterschriften; die Balken unten zählen 1.000 davon.");
  });

  it("dates a closed similar petition in the language, and keeps the petition's own words", () => {
    const list = createElement(SimilarPetitionList, {
      id: "similar",
      petitions: [{ slug: "s", title: "Stop the keystroke logger", ask: "End it.", signable: false, closedOn: "2026-12-10", signatureCount: 1 } as never],
    });
    expect(render("en", list)).toContain("See what came of it (closed on 10 December 2026) · 1 signature");
    const german = render("de", list);
    expect(german).toContain("Sehen, was daraus wurde (geschlossen am 10. Dezember 2026) · 1 Unterschrift");
    expect(german).toContain("Stop the keystroke logger");
  });
});
