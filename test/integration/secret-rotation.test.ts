// The auth secret is read through one rotation-aware reader (lib/config's authSecrets). With only
// AUTH_SECRET_1 set, mail must still go out, and its unsubscribe link must verify where the
// unsubscribe page and the one-click route check it; before, both read AUTH_SECRET alone, so mail
// silently stopped and links were checked against an empty key.
import { afterAll, describe, expect, it } from "vitest";
import { authSecrets, parseServerEnv } from "@/lib/config";
import { follow } from "@/lib/follows";
import { setEmailMode, unsubscribe, unsubscribeToken } from "@/lib/notifications";
import { postOrganizerUpdate } from "@/lib/responses";
import { scheduledRound, scheduledWorkFromConfig } from "@/lib/scheduler/work";
import { startSmtpCapture } from "../e2e/support/smtp-capture";
import { makeUser, openPetitionFor, testDatabase } from "./db";

const { db } = testDatabase();
const NEW = "the-new-secret-after-rotation-0123456789abcdef";
const OLD = "the-old-secret-before-rotation-0123456789abcdef";

async function smtpServer() {
  const smtp = await startSmtpCapture();
  afterAll(smtp.close);
  return smtp;
}

describe("the auth secret in rotation", async () => {
  const organizer = await makeUser(db);
  const petition = await openPetitionFor(db, organizer);
  const smtp = await smtpServer();

  it("sends mail with only AUTH_SECRET_1 set, and its unsubscribe link works", async () => {
    const config = parseServerEnv({ AUTH_SECRET_1: NEW, SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, AUTH_URL: "http://localhost:3100/" });
    const work = scheduledWorkFromConfig(config);
    expect(work).toMatchObject({ secret: NEW, appUrl: "http://localhost:3100", digestHourUtc: 7 });
    expect(work.mailer).not.toBeNull();

    const reader = await makeUser(db, { email: "rotation.reader@example.com" });
    await setEmailMode(db, reader, { emailMode: "instant" });
    await follow(db, reader, { targetType: "petition", targetId: petition.id });
    await postOrganizerUpdate(db, organizer, petition.id, { body: "News while the secret rotates." });

    expect(await scheduledRound(db, work)()).toBe(true);
    const mail = smtp.received.find((m) => m.to.includes("rotation.reader@example.com"));
    expect(mail, "the round sent no mail").toBeDefined();
    const token = /http:\/\/localhost:3100\/unsubscribe\?token=(\S+)/.exec(mail!.text)![1]!;
    expect(token).toBe(unsubscribeToken(reader.id, NEW));

    // What the page and the one-click route pass: authSecrets() of the same configuration.
    await expect(unsubscribe(db, token, [""])).rejects.toMatchObject({ status: 400 });
    await unsubscribe(db, token, authSecrets(config));
    expect((await db.user.findUniqueOrThrow({ where: { id: reader.id } })).emailMode).toBe("off");
  });

  it("keeps links minted under the previous secret working while both are set, and refuses them once it is removed", async () => {
    const person = await makeUser(db);
    const oldLink = unsubscribeToken(person.id, OLD);
    const rotating = parseServerEnv({ AUTH_SECRET: OLD, AUTH_SECRET_1: NEW });
    expect(authSecrets(rotating)).toEqual([NEW, OLD]);
    // New mail is signed with the new secret.
    expect(scheduledWorkFromConfig(rotating).secret).toBe(NEW);

    await expect(unsubscribe(db, oldLink, authSecrets(parseServerEnv({ AUTH_SECRET_1: NEW })))).rejects.toMatchObject({ status: 400 });
    await unsubscribe(db, oldLink, authSecrets(rotating));
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).emailMode).toBe("off");
  });

  it("sends no mail and accepts no link when no secret is set at all", async () => {
    const none = parseServerEnv({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    expect(scheduledWorkFromConfig(none).secret).toBe("");
    const person = await makeUser(db);
    // A link made with the empty key would otherwise verify on every server without a secret.
    await expect(unsubscribe(db, unsubscribeToken(person.id, ""), authSecrets(none))).rejects.toMatchObject({ status: 400 });
    await expect(unsubscribe(db, unsubscribeToken(person.id, ""), "")).rejects.toMatchObject({ status: 400 });
  });
});
