import { z } from "zod";
import enClient from "@/messages/en/client.json";
// A program's status: the recorded one, and the one shown, which its dates decide.
export const PROGRAM_STATUSES = ["proposed", "active", "paused", "ended"] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

const { not_started: notStarted, ...recorded } = enClient.ProgramStatus;
/**
 * The statuses' names in English, from the "ProgramStatus" namespace (messages/en/client.json),
 * for text recorded once for everyone (event summaries) and the JSON API. Pages show a status in
 * the reader's language with `useTranslations("ProgramStatus")`, from the status's key.
 */
export const STATUS_LABELS: Record<ProgramStatus, string> = recorded;
/** What a program is doing now: its recorded status, corrected by its dates. */
export const PROGRAM_STATUSES_NOW = ["proposed", "not_started", "active", "paused", "ended"] as const;
export type ProgramStatusNow = (typeof PROGRAM_STATUSES_NOW)[number];
/** The list filter (`?status=`) matches the status shown, so it takes the shown statuses. */
export const programStatusFilterSchema = z.enum(PROGRAM_STATUSES_NOW, { error: `status must be one of ${PROGRAM_STATUSES_NOW.join(", ")}.` });
/** A recorded status from the database, narrowed (a value from an older version is not one). */
export const isProgramStatus = (v: string): v is ProgramStatus => (PROGRAM_STATUSES as readonly string[]).includes(v);
export const STATUS_NOW_LABELS: Record<ProgramStatusNow, string> = { ...STATUS_LABELS, not_started: notStarted };

/**
 * The one place a program's shown status comes from: "Active" only while its dates say it is
 * running. Recorded active before its start date is "Not started"; recorded active or paused
 * after its end date is "Ended". Proposed and ended stay as recorded.
 */
export function programStatusNow(p: { status: string; startedOn: Date | null; endedOn: Date | null }, now: Date = new Date()): ProgramStatusNow {
  const status = (PROGRAM_STATUSES as readonly string[]).includes(p.status) ? (p.status as ProgramStatus) : "proposed";
  if (status === "proposed" || status === "ended") return status;
  if (p.endedOn && p.endedOn.getTime() <= now.getTime()) return "ended";
  if (status === "active" && p.startedOn && p.startedOn.getTime() > now.getTime()) return "not_started";
  return status;
}

