// One real SMTP server that captures what it receives, for every test that sends mail: the
// end-to-end suite runs it as a process (smtp-server.ts writes each mail to a file), integration
// tests start it in-process on a free port and read `received`.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type CapturedMail = { to: string[]; subject: string; text: string; headerLines: string[] };

export type SmtpCapture = { port: number; received: CapturedMail[]; close: () => Promise<void> };

export async function startSmtpCapture(options: { port?: number; onMail?: (mail: CapturedMail) => void } = {}): Promise<SmtpCapture> {
  const received: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: CapturedMail = {
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            headerLines: parsed.headerLines.map((h) => h.line),
          };
          received.push(mail);
          options.onMail?.(mail);
          callback();
        })
        .catch(callback);
    },
  });
  server.listen(options.port ?? 0, "127.0.0.1");
  await once(server.server, "listening");
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
