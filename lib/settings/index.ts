// Platform settings: stored as JSON per key, validated, with defaults for anything unset.
import { msg, zodMessage } from "@/lib/i18n/message";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { readSettingRows } from "@/lib/db/direct";
import { formatCount } from "@/lib/format";

const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${formatCount(min)}.`)
    .max(max, `${label} can be at most ${formatCount(max)}.`);

export const settingsFields = z.object({
    /** Co-sponsor signatures a petition needs before it opens. */
    coSponsorsNeeded: whole("Co-sponsors needed", 0, 50),
    /** Signatures after which leadership owes a response. */
    responseThreshold: whole("The response threshold", 1, 1_000_000),
    /** Days leadership has to respond once the threshold is reached. */
    responseDueDays: whole("Days to respond", 1, 365),
    /** Default, shortest and longest time a petition stays open, in days. */
    closingDaysDefault: whole("The default closing time", 1, 730),
    closingDaysMin: whole("The shortest closing time", 1, 730),
    closingDaysMax: whole("The longest closing time", 1, 730),
    /** Smallest group shown in breakdowns (k-anonymity). */
    anonymityK: whole("The smallest group shown (k)", 2, 1000),
    /** Anonymous comment tokens per person per week. */
    weeklyTokenAllowance: whole("The weekly token allowance", 1, 100),
    /** Months after closing when signatures are removed (the count is kept). */
    retentionMonths: whole("The retention period in months", 1, 120),
  });

export const settingsSchema = settingsFields.refine((s) => s.closingDaysMin <= s.closingDaysDefault && s.closingDaysDefault <= s.closingDaysMax, {
    message: zodMessage(msg("Validation.settings.closingDateBoundsMust")),
    path: ["closingDaysDefault"],
  });

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  coSponsorsNeeded: 2,
  responseThreshold: 500,
  responseDueDays: 14,
  closingDaysDefault: 60,
  closingDaysMin: 7,
  closingDaysMax: 180,
  anonymityK: 5,
  weeklyTokenAllowance: 10,
  retentionMonths: 24,
};

type SettingsReader = Pick<Db, "setting">;

export async function getSettings(db: SettingsReader): Promise<Settings> {
  // Read by most pages and commands: one prepared statement on SQLite (decision 015).
  const rows = await readSettingRows(db);
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (row.key in DEFAULT_SETTINGS) {
      try {
        merged[row.key] = JSON.parse(row.value);
      } catch {
        // A corrupt value falls back to the default rather than breaking every page.
      }
    }
  }
  const parsed = settingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Writes settings directly (seed, tests). The admin screen with audit log builds on this. */
export async function writeSettings(db: SettingsReader, values: Partial<Settings>): Promise<Settings> {
  const next = settingsSchema.parse({ ...(await getSettings(db)), ...values });
  for (const [key, value] of Object.entries(values)) {
    await db.setting.upsert({
      where: { key },
      create: { key, value: JSON.stringify(value) },
      update: { value: JSON.stringify(value) },
    });
  }
  return next;
}
