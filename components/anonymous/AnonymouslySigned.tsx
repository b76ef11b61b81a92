"use client";
// "Petitions I signed" for anonymous signatures: only this browser knows them (decision 018), so
// the list is built here from the signing wallet. Titles come from the public petition API,
// fetched without cookies, as anyone signed out would read them: no request tells the server
// whose list it is.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState, useSyncExternalStore } from "react";
import { useFormat } from "@/components/format";
import { serverSnapshot, snapshot, subscribe } from "./sign-wallet";

type Summary = { slug: string; title: string } | "gone";

export function AnonymouslySigned() {
  const t = useTranslations("AnonymouslySigned");
  const f = useFormat();
  const wallet = useSyncExternalStore(subscribe, snapshot, serverSnapshot);
  const waiting = new Map(wallet.outbox.filter((o) => o.op === "sign").map((o) => [o.petitionId, o.publishAt]));
  const signed = Object.entries(wallet.held)
    .filter(([id, h]) => h.signed === "anonymously" && !wallet.outbox.some((o) => o.petitionId === id && o.op === "withdraw"))
    .map(([id]) => id);
  const ids = [...new Set([...signed, ...waiting.keys()])].sort();
  const [summaries, setSummaries] = useState<Record<string, Summary>>({});
  const key = ids.join(",");

  useEffect(() => {
    let cancelled = false;
    for (const id of key ? key.split(",") : []) {
      void fetch(`/api/petitions/${encodeURIComponent(id)}`, { credentials: "omit" })
        .then(async (res) => (res.ok ? ((await res.json()) as { slug: string; title: string }) : null))
        .catch(() => null)
        .then((p) => {
          if (!cancelled) setSummaries((old) => ({ ...old, [id]: p ? { slug: p.slug, title: p.title } : "gone" }));
        });
    }
    return () => {
      cancelled = true;
    };
  }, [key]);

  if (!wallet.ready) return <p className="mt-3 text-sm text-muted">{t("reading")}</p>;
  if (ids.length === 0) {
    return <p className="mt-3 text-sm">{t("none")}</p>;
  }
  return (
    <ul className="mt-3 grid gap-2" data-testid="anonymously-signed">
      {ids.map((id) => {
        const s = summaries[id];
        const publishAt = waiting.get(id);
        return (
          <li key={id} className="rounded-lg border border-line p-3">
            {s === undefined ? (
              <span className="text-muted">{t("loading")}</span>
            ) : s === "gone" ? (
              <span>{t("gone")}</span>
            ) : (
              <Link href={`/petitions/${s.slug}`} className="font-semibold underline">{s.title}</Link>
            )}
            <p className="text-sm text-muted">
              {waiting.has(id)
                ? publishAt
                  ? t("waitingAt", { time: f.time(publishAt) })
                  : t("waiting")
                : t("counted")}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
