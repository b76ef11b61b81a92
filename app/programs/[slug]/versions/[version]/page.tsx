import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { getFormat } from "@/lib/i18n/server";
import { getProgramVersion } from "@/lib/programs";
import { diffHtml } from "@/lib/programs/diff";

export const dynamic = "force-dynamic";

// What changed in one version of a program's policy text. The program page lists the versions and
// links here, so that page does not carry every version's difference (issue 15, point 7).

// One read per request for the title and the page (React's cache lasts one request).
const versionOf = cache(async (slug: string, version: string) =>
  getProgramVersion(db, slug, version).catch((e: unknown) => {
    if (e instanceof DomainError && e.status === 404) notFound();
    throw e;
  }),
);

export async function generateMetadata({ params }: PageProps<"/programs/[slug]/versions/[version]">): Promise<Metadata> {
  const { slug, version } = await params;
  const t = await getTranslations("ProgramVersionPage");
  // The page itself answers a missing version with the 404 page; the title only falls back.
  const v = await versionOf(slug, version).catch(() => null);
  return { title: v ? t("title", { version: v.version, program: v.program.name }) : t("fallbackTitle") };
}

export default async function ProgramVersionPage({ params }: PageProps<"/programs/[slug]/versions/[version]">) {
  const { slug, version } = await params;
  const v = await versionOf(slug, version);
  const [t, f] = await Promise.all([getTranslations("ProgramVersionPage"), getFormat()]);
  const base = `/programs/${v.program.slug}`;
  // What a screen reader says around a change in the policy text, which sighted readers see as its colour.
  const marks = { added: t("addedStart"), removed: t("removedStart"), end: t("changeEnd") };

  return (
    <article>
      <p>
        <Link href={base} className="text-brand underline">{t("back", { program: v.program.name })}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-extrabold">{t("heading", { version: v.version })}</h1>
      <p className="mt-1 text-muted">
        {t.rich("meta", { program: v.program.name, date: f.date(v.createdAt), time: (chunks) => <time dateTime={v.createdAt}>{chunks}</time> })}
      </p>
      <p className="mt-3">{v.note}</p>

      {v.diff ? (
        <section aria-labelledby="changes-heading" className="mt-6">
          <h2 id="changes-heading" className="text-xl font-bold">{t("changes", { previous: v.previous ?? 1 })}</h2>
          <p className="mt-1 text-sm text-muted">
            {t.rich("legend", {
              added: (chunks) => <ins className="bg-emerald-100 text-emerald-900 no-underline">{chunks}</ins>,
              removed: (chunks) => <del className="bg-red-100 text-red-900">{chunks}</del>,
            })}
          </p>
          <div
            className="mt-3 whitespace-pre-wrap break-words rounded-lg border border-gray-200 bg-white p-3 font-mono text-sm"
            data-testid="policy-diff"
            dangerouslySetInnerHTML={{ __html: diffHtml(v.diff, marks) }}
          />
        </section>
      ) : (
        <section aria-labelledby="text-heading" className="mt-6">
          <h2 id="text-heading" className="text-xl font-bold">{t("firstText")}</h2>
          <p className="mt-1 text-sm text-muted">{t("first")}</p>
          <div className="prose-user" data-testid="policy-text" dangerouslySetInnerHTML={{ __html: v.textHtml ?? "" }} />
        </section>
      )}

      <nav aria-label={t("otherVersions")} className="mt-6 flex flex-wrap gap-4">
        {v.previous && <Link href={`${base}/versions/${v.previous}`} className="font-semibold text-brand underline" rel="prev">{t("previous", { version: v.previous })}</Link>}
        {v.next && <Link href={`${base}/versions/${v.next}`} className="font-semibold text-brand underline" rel="next">{t("next", { version: v.next })}</Link>}
        <Link href={base} className="text-brand underline">{t("allVersions")}</Link>
      </nav>
    </article>
  );
}
