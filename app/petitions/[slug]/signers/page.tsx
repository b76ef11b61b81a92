import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { getFormat } from "@/lib/i18n/server";
import { listPetitionSigners } from "@/lib/petitions/signers";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("SignersPage");
  return { title: t("title") };
}

/**
 * The full list of people who signed with their names, 100 a page. Who may see it is the
 * petition policy's "signers" answer (lib/petitions/policy.ts); anything it refuses is a 404.
 */
export default async function SignersPage({ params, searchParams }: PageProps<"/petitions/[slug]/signers">) {
  const { slug } = await params;
  const query = await searchParams;
  const cursor = typeof query.cursor === "string" ? query.cursor : undefined;
  let list;
  try {
    list = await listPetitionSigners(db, await getActor(), { slug }, { cursor });
  } catch (error) {
    if (error instanceof DomainError && error.status < 500) notFound();
    throw error;
  }
  const { petition, total, items, nextCursor } = list;
  const path = `/petitions/${petition.slug}`;
  const [t, f] = await Promise.all([getTranslations("SignersPage"), getFormat()]);
  return (
    <article className="mx-auto max-w-3xl">
      <p className="text-sm"><Link href={path} className="text-brand underline">{t("back")}</Link></p>
      <h1 className="mt-2 text-2xl font-extrabold">{t("heading", { title: petition.title })}</h1>
      <p className="mt-2 text-muted">{t("summary", { named: f.count(total), total: f.count(petition.signatureCount) })}</p>
      {items.length === 0 ? (
        <p className="mt-6">{t("none")}</p>
      ) : (
        <ol className="mt-6 grid gap-1 sm:grid-cols-2" data-testid="named-signers">
          {items.map((s, i) => (
            <li key={i}>
              {s.name} <span className="text-sm text-muted">· {f.date(s.signedAt)}</span>
            </li>
          ))}
        </ol>
      )}
      <nav aria-label={t("more")} className="mt-6 flex gap-4">
        {cursor && <Link href={`${path}/signers`} className="font-semibold text-brand underline">{t("newest")}</Link>}
        {nextCursor && <Link href={`${path}/signers?cursor=${nextCursor}`} className="font-semibold text-brand underline">{t("older")}</Link>}
      </nav>
    </article>
  );
}
