"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { roundUp } from "./chart-scale";
import { useFormat } from "./format";

type Props = {
  daily: { day: string; count: number; cumulative: number }[];
  hourly: { hour: string; count: number }[];
  /** Drawn as labelled dashed lines on the running total (decision 022). */
  goal?: number;
  threshold?: number;
};

const GOAL_COLOUR = "#b45309";
/** Axis ticks only: "9 Nov" (the table underneath has the full date). */

const THRESHOLD_COLOUR = "#1e3a8a";

/**
 * Signatures over time: the running total of all of them per complete day, with the response
 * threshold and the goal marked, or named ones per hour over the last two days (decision 017).
 */
export function SignatureChart({ daily, hourly, goal, threshold }: Props) {
  const t = useTranslations("SignatureChart");
  const f = useFormat();
  const [view, setView] = useState<"daily" | "hourly">("daily");
  const lines = [
    threshold ? { y: threshold, label: t("threshold", { count: f.count(threshold) }), colour: THRESHOLD_COLOUR, dash: "4 3" } : null,
    goal ? { y: goal, label: t("goal", { count: f.count(goal) }), colour: GOAL_COLOUR, dash: "8 4" } : null,
  ].filter((l): l is NonNullable<typeof l> => l !== null);
  const top = Math.max(0, ...lines.map((l) => l.y));
  return (
    <div>
      <div role="group" aria-label={t("period")} className="flex gap-2">
        {(["daily", "hourly"] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={view === v}
            onClick={() => setView(v)}
            className={`rounded-md border px-3 py-1 text-sm font-semibold ${view === v ? "border-brand bg-brand text-white" : "border-gray-400 bg-white"}`}
          >
            {v === "daily" ? t("perDay") : t("perHour")}
          </button>
        ))}
      </div>
      <div className="mt-3 h-64 w-full" data-testid="signature-chart">
        <ResponsiveContainer width="100%" height="100%">
          {view === "daily" ? (
            <AreaChart data={daily} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} tickFormatter={f.shortDay} />
              <YAxis tick={{ fontSize: 11 }} allowDecimals={false} domain={[0, (max: number) => roundUp(Math.max(max, top) * 1.04)]} tickCount={6} />
              <Tooltip />
              {lines.map((l) => (
                <ReferenceLine key={l.label} y={l.y} stroke={l.colour} strokeDasharray={l.dash} strokeWidth={2} ifOverflow="extendDomain" label={{ value: l.label, position: "insideTopLeft", fill: l.colour, fontSize: 12 }} />
              ))}
              <Area type="monotone" dataKey="cumulative" name={t("signatures")} stroke="#0b5d4b" fill="#0b5d4b33" isAnimationActive={false} />
            </AreaChart>
          ) : (
            <BarChart data={hourly} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="hour" tick={{ fontSize: 11 }} minTickGap={24} tickFormatter={(h: string) => h.slice(11, 16)} />
              <YAxis tick={{ fontSize: 11 }} allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="count" name={t("namedSignatures")} fill="#0b5d4b" isAnimationActive={false} />
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
      {view === "daily" && lines.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="chart-lines">
          {lines.map((l) => (
            <li key={l.label} className="flex items-center gap-2">
              <svg aria-hidden="true" width="24" height="8"><line x1="0" y1="4" x2="24" y2="4" stroke={l.colour} strokeWidth="2" strokeDasharray={l.dash} /></svg>
              {t("dashed", { label: l.label })}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-2 text-sm text-muted">
        {view === "daily"
          ? t("dailyNote")
          : t("hourlyNote")}
      </p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer">{t("table")}</summary>
        <table className="mt-2 text-left">
          <thead><tr><th scope="col" className="pr-4">{view === "daily" ? t("day") : t("hour")}</th><th scope="col">{view === "daily" ? t("signatures") : t("namedSignatures")}</th></tr></thead>
          <tbody>
            {(view === "daily"
              ? daily.map((d) => [d.day, f.date(d.day), t("dayValue", { count: f.count(d.count), cumulative: f.count(d.cumulative) })])
              : hourly.map((h) => [h.hour, f.dateTime(h.hour), f.count(h.count)])
            ).map(([key, label, value]) => (
              <tr key={key}><td className="pr-4">{label}</td><td>{value}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
