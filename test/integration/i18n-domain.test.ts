// What the domain and its adapters say, in the person's language (docs/decisions/029): an /api
// route and a server action answer a German request in German and an English one exactly as
// before, with the same codes and field paths; mail goes out in its recipient's language.
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { parseServerEnv } from "@/lib/config";
import { follow } from "@/lib/follows";
import { initialActionState } from "@/lib/http/action";
import { localeOfRequest } from "@/lib/http/json";
import { createMailer, sendPendingEmails } from "@/lib/mail";
import { setEmailMode } from "@/lib/notifications";
import { postOrganizerUpdate, postResponse } from "@/lib/responses";
import { listTimeline } from "@/lib/timeline/queries";
import { mailLocale, rememberLocaleIfUnset, setPreferredLocale } from "@/lib/users";
import { startSmtpCapture } from "../e2e/support/smtp-capture";
import { makeUser, openPetitionFor, testDatabase } from "./db";
import { formOf as form } from "./form-action-mock";

const { db, url } = testDatabase();
// The route's own database client (lib/db/server) reads DATABASE_URL when it is first imported.
process.env.DATABASE_URL = url;
delete (globalThis as { undersignedServerConfig?: unknown }).undersignedServerConfig;

const GERMAN = { "accept-language": "de-DE,de;q=0.9,en;q=0.5" };
const ENGLISH = { "accept-language": "en-US,en;q=0.9" };

// The server action's request: its headers decide the language, as requestLocale() does in Next.js.
const state = vi.hoisted(() => ({ actor: null as Actor | null, headers: {} as Record<string, string> }));
vi.mock("@/lib/http/form-action", async () => {
  const json = await vi.importActual<typeof import("@/lib/http/json")>("@/lib/http/json");
  return (await import("./form-action-mock")).formActionModule({
    db,
    actor: () => state.actor,
    locale: async () => json.localeOfRequest(new Request("http://localhost/", { headers: state.headers })),
  });
});


describe("the request's language", () => {
  it("comes from the remembered choice, else Accept-Language, else English", () => {
    expect(localeOfRequest(new Request("http://localhost/", { headers: GERMAN }))).toBe("de");
    expect(localeOfRequest(new Request("http://localhost/", { headers: { ...GERMAN, cookie: "theme=x; lang=en" } }))).toBe("en");
    expect(localeOfRequest(new Request("http://localhost/", { headers: { ...ENGLISH, cookie: "lang=de" } }))).toBe("de");
    expect(localeOfRequest(new Request("http://localhost/", { headers: { cookie: "lang=fr" } }))).toBe("en");
    expect(localeOfRequest(new Request("http://localhost/"))).toBe("en");
  });
});

describe("an /api route", () => {
  const get = async (path: string, headers: Record<string, string>) => {
    const { GET } = await import("@/app/api/petitions/route");
    const res = await GET(new Request(`http://localhost${path}`, { headers }));
    return { status: res.status, body: (await res.json()) as { error: { code: string; message: string; fields?: Record<string, string> } } };
  };

  it("answers a German request's domain error in German, with the same status, code and fields", async () => {
    const en = await get("/api/petitions?list=trending&sort=newest", ENGLISH);
    const de = await get("/api/petitions?list=trending&sort=newest", GERMAN);
    expect(en).toEqual({ status: 400, body: { error: { code: "invalid_input", message: "Trending is ranked by signatures in the last 24 hours and cannot be sorted another way." } } });
    expect(de).toEqual({ status: 400, body: { error: { code: "invalid_input", message: "„Im Trend“ ist nach den Unterschriften der letzten 24 Stunden geordnet und kann nicht anders sortiert werden." } } });
  });

  it("says a validation message for a field in German, under the same path", async () => {
    const q = "x".repeat(101);
    const en = await get(`/api/petitions?q=${q}`, ENGLISH);
    const de = await get(`/api/petitions?q=${q}`, { ...ENGLISH, cookie: "lang=de" });
    expect(en.body.error).toEqual({ code: "invalid_input", message: "The search text can be at most 100 characters.", fields: { q: "The search text can be at most 100 characters." } });
    expect(de.body.error).toEqual({ code: "invalid_input", message: "Der Suchtext darf höchstens 100 Zeichen lang sein.", fields: { q: "Der Suchtext darf höchstens 100 Zeichen lang sein." } });
  });

  it("words zod's own messages in German too, naming the field by its path", async () => {
    const { POST } = await import("@/app/api/comments/route");
    const res = await POST(new Request("http://localhost/api/comments", { method: "POST", headers: { "content-type": "application/json", host: "localhost", ...GERMAN }, body: JSON.stringify({ thread: 5 }) }));
    const body = (await res.json()) as { error: { code: string; message: string; fields?: Record<string, string> } };
    expect(res.status).toBe(400);
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.message).not.toMatch(/Invalid input|expected/);
    expect(Object.values(body.error.fields ?? {}).join(" ")).toMatch(/Ungültige Eingabe|Feld/);
  });
});

describe("a server action", () => {
  it("answers in the request's language: its refusal and its success message", async () => {
    const { closePetitionAction } = await import("@/app/petitions/actions");
    const organizer = await makeUser(db);
    const petition = await openPetitionFor(db, organizer);
    state.actor = await makeUser(db);

    state.headers = ENGLISH;
    expect(await closePetitionAction(initialActionState, form({ petitionId: petition.id }))).toMatchObject({ ok: false, message: "Only this petition's organizers can close it." });
    state.headers = GERMAN;
    expect(await closePetitionAction(initialActionState, form({ petitionId: petition.id }))).toMatchObject({ ok: false, message: "Nur die Organisator:innen dieser Petition können sie schließen." });
    expect(await closePetitionAction(initialActionState, form({}))).toMatchObject({
      ok: false,
      message: "Das Formular sagt nicht, um welche Petition es geht; laden Sie die Seite neu und versuchen Sie es erneut.",
      fields: { petitionId: "Das Formular sagt nicht, um welche Petition es geht; laden Sie die Seite neu und versuchen Sie es erneut." },
    });

    state.actor = organizer;
    expect(await closePetitionAction(initialActionState, form({ petitionId: petition.id }))).toEqual({ ok: true, message: "Die Petition ist geschlossen." });
  });
});

describe("the timeline", () => {
  it("shows each event's summary in the reader's language and keeps the English as recorded", async () => {
    const organizer = await makeUser(db);
    const petition = await openPetitionFor(db, organizer);
    await postOrganizerUpdate(db, organizer, petition.id, { body: "Wir haben die Petition übergeben." });
    const leader = await makeUser(db, { role: "leadership" });
    await postResponse(db, leader, { target: { petitionId: petition.id }, body: "We will publish the list.", commitments: [{ text: "Publish the list", ownerRole: "CIO", dueOn: "2027-01-15" }] });

    const german = (await listTimeline(db, { petition: petition.id }, "de")).items.map((e) => e.summary);
    expect(german).toEqual([
      `Zusage zu „${petition.title}“: Publish the list (CIO, fällig am 15. Januar 2027)`,
      `Geschäftsleitung hat auf „${petition.title}“ geantwortet (${leader.name})`,
      `Neuigkeit von den Organisator:innen von „${petition.title}“`,
      `Petition eröffnet: ${petition.title}`,
    ]);
    // English reads what was recorded, word for word: the API, the feed and search use it.
    const english = (await listTimeline(db, { petition: petition.id })).items.map((e) => e.summary);
    const stored = await db.timelineEvent.findMany({ where: { petitionId: petition.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(english).toEqual(stored.map((e) => e.summary));
    expect(english).toEqual([
      `Commitment on “${petition.title}”: Publish the list (CIO, due 15 January 2027)`,
      `Leadership responded to “${petition.title}” (${leader.name})`,
      `Update from the organizers of “${petition.title}”`,
      `Petition opened: ${petition.title}`,
    ]);
  });

  it("shows an event recorded before messages were kept, or with one that no longer renders, as recorded", async () => {
    const organizer = await makeUser(db);
    const petition = await openPetitionFor(db, organizer);
    await db.timelineEvent.updateMany({ where: { petitionId: petition.id }, data: { message: null } });
    await db.timelineEvent.create({ data: { kind: "organizer_update", petitionId: petition.id, summary: "An older event", message: '{"key":"Timeline.gone"}', createdAt: new Date(Date.now() + 1000) } });
    expect((await listTimeline(db, { petition: petition.id }, "de")).items.map((e) => e.summary)).toEqual(["An older event", `Petition opened: ${petition.title}`]);
  });
});

describe("mail", () => {
  it("is written in each recipient's language, through a real SMTP server", async () => {
    const smtp = await startSmtpCapture();
    afterAll(smtp.close);
    const mailer = createMailer(parseServerEnv({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: "Undersigned <noreply@example.com>" }))!;
    const organizer = await makeUser(db);
    const petition = await openPetitionFor(db, organizer);
    const german = await makeUser(db, { email: "deutsch.leserin@example.com" });
    const english = await makeUser(db, { email: "english.reader@example.com" });
    await setPreferredLocale(db, german, "de");
    // Signing in later with an English browser does not undo the choice.
    await rememberLocaleIfUnset(db, german.id, "en");
    for (const u of [german, english]) {
      await setEmailMode(db, u, { emailMode: "daily" });
      await follow(db, u, { targetType: "petition", targetId: petition.id });
    }
    await postOrganizerUpdate(db, organizer, petition.id, { body: "Neuigkeiten für alle, die folgen." });

    expect(await sendPendingEmails(db, mailer, { mode: "daily", appUrl: "http://localhost:3100", secret: "s" })).toBe(2);
    const de = smtp.received.find((m) => m.to.includes(german.email))!;
    const en = smtp.received.find((m) => m.to.includes(english.email))!;
    expect(de.subject).toBe("Undersigned: 1 Neuigkeit zu Petitionen und Programmen, denen Sie folgen");
    expect(de.text).toContain("Das ist heute bei den Petitionen und Programmen passiert, denen Sie folgen:");
    expect(de.text).toContain(`- Neuigkeit der Organisator:innen: Neuigkeit von den Organisator:innen von „${petition.title}“`);
    expect(de.text).toMatch(/Diese E-Mails abbestellen: http:\/\/localhost:3100\/unsubscribe\?token=/);
    expect(en.subject).toBe("Undersigned: 1 update on what you follow");
    expect(en.text).toContain("Here is what happened today to what you follow:");
    expect(en.text).toContain(`- Organizer update: Update from the organizers of “${petition.title}”`);
    expect(en.text).toMatch(/Stop these emails: http:\/\/localhost:3100\/unsubscribe\?token=/);
  });

  it("takes the language someone signed in with when they never chose one", async () => {
    const person = await makeUser(db);
    expect(mailLocale((await db.user.findUniqueOrThrow({ where: { id: person.id } })).locale)).toBe("en");
    await rememberLocaleIfUnset(db, person.id, "de");
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).locale).toBe("de");
    await rememberLocaleIfUnset(db, person.id, "en");
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).locale).toBe("de");
  });
});
