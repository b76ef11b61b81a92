// The labels defined in lib/ (program statuses, consent models, event kinds, moderation and flag
// reasons, setting docs, audit sentences) are shown in the reader's language, while the English
// values the record and the JSON API keep stay word for word what they were (issue 17 point 4).
import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator, NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { ProgramStatusBadge } from "@/components/ProgramBadge";
import { ReasonFields } from "@/components/ReasonFields";
import { TimelineList } from "@/components/TimelineList";
import type { Locale } from "@/i18n/locales";
import { messagesFor } from "@/i18n/messages";
import { SETTING_DOCS, settingLabel } from "@/lib/admin/settings-docs";
import { describeAudit } from "@/lib/audit";
import { FLAG_REASON_KEYS, FLAG_REASONS, flagReasonKey } from "@/lib/comments";
import { eventLabel } from "@/lib/mail";
import { MODERATION_REASONS, publicReason, translatedReason } from "@/lib/moderation/reasons";
import { CONSENT_LABELS, STATUS_LABELS, STATUS_NOW_LABELS } from "@/lib/programs";
import { EVENT_LABELS } from "@/lib/timeline/record";
import type { TimelineItem } from "@/lib/timeline/queries";

function html(locale: Locale, element: ReactElement): string {
  const props = { locale, messages: messagesFor(locale), timeZone: "UTC" } as ComponentProps<typeof NextIntlClientProvider>;
  return renderToStaticMarkup(createElement(NextIntlClientProvider, props, element));
}
const text = (locale: Locale, element: ReactElement) => html(locale, element).replace(/<[^>]+>/g, "");

const names = { petitions: new Map([["p1", "Stop the keystroke logger"]]), programs: new Map([["g1", "Badge tracking"]]) };

describe("labels from lib/ in English and German", () => {
  it("keeps the English values the record and the JSON API use", () => {
    expect(STATUS_LABELS).toEqual({ proposed: "Proposed", active: "Active", paused: "Paused", ended: "Ended" });
    expect(STATUS_NOW_LABELS.not_started).toBe("Not started");
    expect(CONSENT_LABELS).toEqual({ "opt-in": "Opt-in", "opt-out": "Opt-out", mandatory: "Mandatory" });
    expect(EVENT_LABELS.petition_delivered).toBe("Delivered to leadership");
    expect(MODERATION_REASONS).toEqual({
      harassment: "Harassment or insults",
      identifies: "Identifies a person",
      confidential: "Confidential information",
      spam: "Spam or off topic",
      illegal: "Against the law or company policy",
    });
    expect(SETTING_DOCS.anonymityK.label).toBe("Smallest group shown in breakdowns (k)");
    expect(Object.keys(FLAG_REASON_KEYS).sort()).toEqual([...FLAG_REASONS].sort());
    expect(flagReasonKey("Other")).toBe("other");
    expect(flagReasonKey("toString")).toBeNull();
  });

  it("names the rule of a recorded hide in German and keeps the moderator's explanation", () => {
    const german = createTranslator({ locale: "de", messages: messagesFor("de"), namespace: "ModerationReason" });
    const recorded = publicReason("identifies", "Names a colleague.");
    expect(recorded).toBe("Identifies a person: Names a colleague.");
    expect(translatedReason(recorded, german)).toBe("Identifiziert eine Person: Names a colleague.");
    expect(translatedReason("Something older", german)).toBe("Something older");
  });

  it("names a program's status in the reader's language", () => {
    expect(text("en", createElement(ProgramStatusBadge, { status: "not_started" }))).toBe("Not started");
    expect(text("de", createElement(ProgramStatusBadge, { status: "not_started" }))).toBe("Noch nicht begonnen");
    expect(text("de", createElement(ProgramStatusBadge, { status: "active" }))).toBe("Aktiv");
  });

  it("offers the moderation rules in German, with their codes as values", () => {
    const fields = html("de", createElement(ReasonFields, { id: "x", defaultCode: "spam" }));
    expect(fields).toContain('<option value="identifies">Identifiziert eine Person</option>');
    expect(fields).toContain('<option value="harassment">Belästigung oder Beleidigung</option>');
    expect(html("en", createElement(ReasonFields, { id: "x" }))).toContain('<option value="illegal">Against the law or company policy</option>');
  });

  it("marks a timeline event with its kind in German; the summary stays as recorded", () => {
    const item: TimelineItem = { id: "e1", kind: "commitment_kept", label: "Commitment kept", summary: "Leadership kept its word", at: "2026-12-10T09:00:00.000Z", href: null, subject: null };
    const de = text("de", createElement(TimelineList, { items: [item] }));
    expect(de).toContain("Zusage eingehalten");
    expect(de).toContain("Leadership kept its word");
    expect(de).toContain("10. Dezember 2026");
    expect(text("en", createElement(TimelineList, { items: [item] }))).toContain("Commitment kept");
    expect(eventLabel("commitment_kept", "de")).toBe("Zusage eingehalten");
    expect(eventLabel("organizer_update", "en")).toBe("Organizer update");
  });

  it("writes the audit log in English word for word, and in German", () => {
    const role = { action: "role.change", target: "u1", details: { name: "Jonas Berg", from: "employee", to: "moderator" } };
    expect(describeAudit("Maya Chen", role, names)).toBe("Maya Chen changed Jonas Berg's role from Employee to Moderator.");
    expect(describeAudit("Maya Chen", role, names, "de")).toBe("Maya Chen hat die Rolle von Jonas Berg von Beschäftigte zu Moderation geändert.");

    const sso = { action: "role.sso", target: "u2", details: { name: "Ada Quist", from: "admin", to: "employee" } };
    expect(describeAudit("Ada Quist", sso, names)).toBe("Single sign-on changed Ada Quist's role from Admin to Employee, following the identity provider's groups.");
    expect(describeAudit("Ada Quist", sso, names, "de")).toBe("Die einmalige Anmeldung (SSO) hat die Rolle von Ada Quist nach den Gruppen des Identitätsanbieters von Verwaltung zu Beschäftigte geändert.");

    const hide = { action: "moderation.hide", target: "p1", details: { type: "petition", reasonCode: "spam", reasonText: "An advert." } };
    expect(describeAudit("Maya Chen", hide, names)).toBe("Maya Chen hid the petition “Stop the keystroke logger” for Spam or off topic: An advert.");
    expect(describeAudit("Maya Chen", hide, names, "de")).toBe("Maya Chen hat die Petition „Stop the keystroke logger“ wegen Spam oder themenfremd ausgeblendet: An advert.");

    const setting = { action: "setting.change", target: "anonymityK", details: { from: 5, to: 7 } };
    expect(describeAudit("Maya Chen", setting, names)).toBe("Maya Chen changed “Smallest group shown in breakdowns (k)” from 5 to 7.");
    expect(describeAudit("Maya Chen", setting, names, "de")).toBe("Maya Chen hat „Kleinste Gruppe, die in Aufschlüsselungen erscheint (k)“ von 5 auf 7 geändert.");
    expect(settingLabel("gone", "de")).toBe("gone");

    const dismiss = (flags: number) => ({ action: "moderation.dismiss", target: "c1", details: { type: "comment", flags } });
    expect(describeAudit("Maya Chen", dismiss(1), names)).toBe("Maya Chen dismissed 1 flag on a comment that breaks no rule.");
    expect(describeAudit("Maya Chen", dismiss(3), names)).toBe("Maya Chen dismissed 3 flags on a comment that breaks no rule.");
    expect(describeAudit("Maya Chen", dismiss(3), names, "de")).toBe("Maya Chen hat 3 Meldungen zu einem Kommentar verworfen, der gegen keine Regel verstößt.");

    const edit = (details: Record<string, unknown>) => ({ action: "program.edit", target: "g1", details });
    expect(describeAudit("Ana", edit({}), names)).toBe("Ana edited the program “Badge tracking”.");
    expect(describeAudit("Ana", edit({ policyChanged: true, status: { from: "proposed", to: "active" } }), names)).toBe(
      "Ana edited the program “Badge tracking” and published a new version of its policy and changed its status from Proposed to Active.",
    );
    expect(describeAudit("Ana", edit({ status: { from: "active", to: "paused" } }), { ...names, programs: new Map() }, "de")).toBe(
      "Ana hat das Programm „ein entferntes Programm“ bearbeitet und seinen Status von Aktiv auf Pausiert geändert.",
    );
    expect(describeAudit("Ana", { action: "program.create", target: "g1", details: { name: "Badge tracking", status: "proposed" } }, names)).toBe(
      "Ana registered the program “Badge tracking” as proposed.",
    );
    expect(describeAudit("Ana", { action: "appeal.decide", target: "a1", details: { outcome: "overturned", petitionId: "p1", note: "Fair point." } }, names)).toBe(
      "Ana granted the appeal and restored the petition “Stop the keystroke logger”: Fair point.",
    );
  });
});
