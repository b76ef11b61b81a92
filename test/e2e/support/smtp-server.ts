// A real SMTP server for the end-to-end tests: the app sends through it, and each received mail
// is written as JSON to test/.tmp/mail/ for the tests to read.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startSmtpCapture } from "./smtp-capture";

const port = Number(process.env.SMTP_PORT ?? 3125);
const dir = path.resolve(process.env.MAIL_DIR ?? "test/.tmp/mail");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

void startSmtpCapture({
  port,
  onMail: ({ to, subject, text }) =>
    writeFileSync(path.join(dir, `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`), JSON.stringify({ to, subject, text })),
}).then(() => console.log(`[smtp] test server listening on 127.0.0.1:${port}`));
