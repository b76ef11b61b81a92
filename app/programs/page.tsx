import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ProgramStatusBadge } from "@/components/ProgramBadge";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { isConsentModel, listPrograms } from "@/lib/programs";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ProgramsPage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function ProgramsPage() {
  const [programs, actor, t, consentName] = await Promise.all([listPrograms(db), getActor(), getTranslations("ProgramsPage"), getTranslations("ConsentModel")]);
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        {actor?.role === "admin" && (
          <Link href="/programs/new" className="rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">{t("add")}</Link>
        )}
      </div>
      <p className="mt-2 max-w-2xl text-muted">{t("intro")}</p>
      {programs.length === 0 ? (
        <p className="mt-6 text-muted">{t("none")}</p>
      ) : (
        <ul className="mt-6 grid gap-4 md:grid-cols-2">
          {programs.map((p) => (
            <li key={p.id}>
              <article className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
                <ProgramStatusBadge status={p.statusNow} />
                <h2 className="mt-2 text-lg font-bold">
                  <Link href={`/programs/${p.slug}`} className="hover:underline">{p.name}</Link>
                </h2>
                <p className="text-sm text-muted">{p.owningTeam} · {isConsentModel(p.consentModel) ? consentName(p.consentModel) : p.consentModel}</p>
                <p className="mt-2">{p.purpose}</p>
                <p className="mt-2 text-sm"><span className="font-semibold">{t("collects")}</span> {p.collects.join(", ")}</p>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
