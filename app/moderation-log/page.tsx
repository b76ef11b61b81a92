import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ScrollRegion } from "@/components/ScrollRegion";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { getFormat } from "@/lib/i18n/server";
import { isModerationReasonKey, listModerationLog } from "@/lib/moderation";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ModerationLogPage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function ModerationLogPage({ searchParams }: PageProps<"/moderation-log">) {
  const [{ cursor }, t, f, reasonName] = await Promise.all([searchParams, getTranslations("ModerationLogPage"), getFormat(), getTranslations("ModerationReason")]);
  const reason = (r: { reasonCode: string; reason: string }) => (isModerationReasonKey(r.reasonCode) ? reasonName(r.reasonCode) : r.reason);
  const page = await listModerationLog(db, { cursor: typeof cursor === "string" ? cursor : undefined }).catch((e: unknown) => {
    if (e instanceof DomainError) return { items: [], nextCursor: null };
    throw e;
  });
  return (
    <div>
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-2 max-w-2xl text-muted">{t("intro")}</p>
      {page.items.length === 0 ? (
        <p className="mt-6">{t("none")}</p>
      ) : (
        <ScrollRegion className="mt-6" label={t("region")}>
          <table className="w-full min-w-[40rem] text-sm" data-testid="moderation-log">
            <thead>
              <tr className="border-b text-left">
                <th scope="col" className="py-1 pr-3">{t("when")}</th>
                <th scope="col" className="py-1 pr-3">{t("what")}</th>
                <th scope="col" className="py-1 pr-3">{t("action")}</th>
                <th scope="col" className="py-1 pr-3">{t("reason")}</th>
                <th scope="col" className="py-1 pr-3">{t("by")}</th>
                <th scope="col" className="py-1">{t("appeal")}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((r) => (
                <tr key={r.id} className="border-b border-gray-100 align-top">
                  <td className="py-1 pr-3"><time dateTime={r.at}>{f.date(r.at)}</time></td>
                  <td className="py-1 pr-3">{r.what}</td>
                  <td className="py-1 pr-3">{r.action === "hide" ? t("hidden") : r.targetType === "comment" ? t("unhidden") : t("restored")}</td>
                  <td className="py-1 pr-3"><strong>{reason(r)}</strong>: {r.explanation}</td>
                  <td className="py-1 pr-3">{r.role === "admin" ? t("byAdmin") : t("byModerator")}</td>
                  <td className="py-1">{r.appeal ? (r.appeal.status === "pending" ? t("pending") : t(r.appeal.status === "overturned" ? "granted" : "refused", { decision: r.appeal.decision ?? "" })) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {page.nextCursor && <p className="mt-4"><Link href={`/moderation-log?cursor=${encodeURIComponent(page.nextCursor)}`} className="text-brand underline">{t("older")}</Link></p>}
    </div>
  );
}
