// The pages under app/ speak both languages (issue 17.4): none is left on the list of files ESLint
// still exempts, no page keeps an English title in a static `metadata` export, and the pages'
// plurals, choices and counts read right in German.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "@/i18n/messages";
import notYetTranslated from "@/i18n/not-yet-translated.json";

const APP = path.join(process.cwd(), "app");

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(full);
    return entry.name.endsWith(".tsx") ? [full] : [];
  });
}

describe("app/ pages", () => {
  it("are all translated: none is exempt from the rule against words in JSX", () => {
    expect((notYetTranslated as string[]).filter((file) => file.startsWith("app/"))).toEqual([]);
  });

  it("take their titles from the messages, never from a static English metadata export", () => {
    const staticTitles = tsxFiles(APP)
      .filter((file) => /export const metadata\b[^;]*title:\s*"/s.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(process.cwd(), file));
    expect(staticTitles).toEqual([]);
  });
});

describe("the pages' German", () => {
  const de = createTranslator({ locale: "de", messages: messagesFor("de") });
  const en = createTranslator({ locale: "en", messages: messagesFor("en") });

  it("counts in the plural messages with German digit grouping", () => {
    expect(de("PetitionPage.named", { count: 1 })).toBe("1 Person hat mit Namen unterschrieben.");
    expect(de("PetitionPage.named", { count: 1234 })).toBe("1.234 Personen haben mit Namen unterschrieben.");
    expect(en("PetitionPage.named", { count: 1234 })).toBe("1,234 people signed with their names.");
    expect(de("PetitionPage.overdue", { days: 1 })).toBe("Antwort seit 1 Tag überfällig");
    expect(de("PetitionPage.overdue", { days: 3 })).toBe("Antwort seit 3 Tagen überfällig");
  });

  it("keeps each English sentence the tests and people know, word for word", () => {
    expect(en("PetitionsPage.noMatch", { list: "awaiting", q: "x" })).toBe("No awaiting response petition matches “x”.");
    expect(en("DashboardPage.pendingInvitations", { count: 1 })).toMatch(/^1 invitation waits for an answer\./);
    expect(en("PetitionPage.outcome", { count: "228", goal: "200", reached: "yes" })).toBe("Closed with 228 of 200, goal reached.");
  });

  it("chooses words by the list, the role and the outcome", () => {
    expect(de("PetitionsPage.noMatch", { list: "closed", q: "Bibliothek" })).toBe("Keine geschlossene Petition passt zu „Bibliothek“.");
    expect(de("DashboardPage.organizer", { name: "Maya", role: "starter" })).toBe("Maya (hat sie gestartet)");
    expect(de("PetitionPage.outcome", { count: "228", goal: "200", reached: "no" })).toBe("Geschlossen mit 228 von 200, Ziel nicht erreicht.");
    expect(de("SignArea.signInTo", { action: "coSponsor" })).toBe("Anmelden, um mitzuinitiieren");
  });

  it("says on What we store that the schema's descriptions are translated from its English", () => {
    expect(de("WhatWeStorePage.schemaLanguage")).toBe("Die Beschreibungen der Tabellen und Felder unten stammen aus dem Datenbankschema; sie sind aus dessen englischem Text übersetzt.");
  });
});
