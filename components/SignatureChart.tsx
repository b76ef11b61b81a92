"use client";

import { useState } from "react";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDate, formatDateTime } from "./format";

type Props = {
  daily: { day: string; count: number; cumulative: number }[];
  hourly: { hour: string; count: number }[];
};

/** Signatures over time: all of them per complete day, or named ones per hour over the last two days (decision 017). */
export function SignatureChart({ daily, hourly }: Props) {
  const [view, setView] = useState<"daily" | "hourly">("daily");
  return (
    <div>
      <div role="group" aria-label="Chart period" className="flex gap-2">
        {(["daily", "hourly"] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={view === v}
            onClick={() => setView(v)}
            className={`rounded-md border px-3 py-1 text-sm font-semibold ${view === v ? "border-brand bg-brand text-white" : "border-gray-400 bg-white"}`}
          >
            {v === "daily" ? "Per day" : "Named, per hour (48 h)"}
          </button>
        ))}
      </div>
      <div className="mt-3 h-64 w-full" data-testid="signature-chart">
        <ResponsiveContainer width="100%" height="100%">
          {view === "daily" ? (
            <AreaChart data={daily} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} />
              <YAxis tick={{ fontSize: 11 }} allowDecimals={false} />
              <Tooltip />
              <Area type="monotone" dataKey="cumulative" name="Signatures" stroke="#0b5d4b" fill="#0b5d4b33" isAnimationActive={false} />
            </AreaChart>
          ) : (
            <BarChart data={hourly} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="hour" tick={{ fontSize: 11 }} minTickGap={24} tickFormatter={(h: string) => h.slice(11, 16)} />
              <YAxis tick={{ fontSize: 11 }} allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="count" name="Named signatures" fill="#0b5d4b" isAnimationActive={false} />
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
      <p className="mt-2 text-sm text-muted">
        {view === "daily"
          ? "Every signature, per day, for days that are over: today's appear tomorrow."
          : "Named signatures only: anonymous ones are counted in the total, never by the hour."}
      </p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer">The numbers as a table</summary>
        <table className="mt-2 text-left">
          <thead><tr><th scope="col" className="pr-4">{view === "daily" ? "Day" : "Hour (UTC)"}</th><th scope="col">{view === "daily" ? "Signatures" : "Named signatures"}</th></tr></thead>
          <tbody>
            {(view === "daily" ? daily.map((d) => [formatDate(d.day), d.count]) : hourly.map((h) => [formatDateTime(h.hour), h.count])).map(([k, v]) => (
              <tr key={String(k)}><td className="pr-4">{k}</td><td>{v}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
