import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { Discussion } from "@/components/anonymous/Discussion";
import { useFormat } from "@/components/format";
import { PetitionCard } from "@/components/PetitionCard";
import { FollowButton } from "@/components/FollowButton";
import { SavedNotice } from "@/components/SavedNotice";
import { ProgramStatusBadge } from "@/components/ProgramBadge";
import { Responses } from "@/components/Responses";
import { isFollowing } from "@/lib/follows";
import { listResponses } from "@/lib/responses";
import { publishedKeys } from "@/lib/anonymity/keys";
import { getActor } from "@/lib/auth/session";
import { commentCrowd, listComments } from "@/lib/comments";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { getFormat } from "@/lib/i18n/server";
import { savedKind } from "@/lib/http/saved";
import { getProgramWithVersionList, isConsentModel, isProgramStatus, programName } from "@/lib/programs";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/programs/[slug]">): Promise<Metadata> {
  const { slug } = await params;
  const name = await programName(db, slug);
  return { title: name ?? (await getTranslations("ProgramPage"))("fallbackTitle") };
}

export default async function ProgramPage({ params, searchParams }: PageProps<"/programs/[slug]">) {
  const { slug } = await params;
  const saved = savedKind(await searchParams) === "program";
  const program = await getProgramWithVersionList(db, slug).catch((e: unknown) => {
    if (e instanceof DomainError && e.status === 404) notFound();
    throw e;
  });
  const actor = await getActor();
  const [comments, keys, responses, following, crowd, t, f, statusName, consentName] = await Promise.all([
    listComments(db, { programSlug: slug }, { limit: 50 }),
    publishedKeys(db),
    listResponses(db, { programId: program.id }),
    isFollowing(db, actor, { targetType: "program", targetId: program.id }),
    commentCrowd(db),
    getTranslations("ProgramPage"),
    getFormat(),
    getTranslations("ProgramStatus"),
    getTranslations("ConsentModel"),
  ]);
  const status = (s: string) => (isProgramStatus(s) ? statusName(s) : s);
  const link = (href: string) =>
    function InlineLink(chunks: React.ReactNode) {
      return <Link href={href} className="font-semibold underline">{chunks}</Link>;
    };
  const versions = [...program.versions].reverse();

  return (
    <article>
      {saved && actor?.role === "admin" && (
        <div className="mb-4">
          <SavedNotice title={t("saved")}>
            {t.rich("savedText", { programs: link("/programs"), timeline: link(`/timeline?program=${program.slug}`) })}
          </SavedNotice>
        </div>
      )}
      <ProgramStatusBadge status={program.statusNow} />
      <h1 className="mt-2 text-3xl font-extrabold">{program.name}</h1>
      <p className="mt-1 text-muted">{t("runBy", { team: program.owningTeam })}</p>
      <div className="mt-2 flex flex-wrap items-center gap-4">
        {actor?.role === "admin" && <Link href={`/programs/${program.slug}/edit`} className="font-semibold text-brand underline">{t("edit")}</Link>}
        <Link href={`/timeline?program=${program.slug}`} className="text-brand underline">{t("timeline")}</Link>
        {actor && <FollowButton targetType="program" targetId={program.id} following={following} path={`/programs/${program.slug}`} />}
      </div>

      <section aria-labelledby="facts-heading" className="mt-6 rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
        <h2 id="facts-heading" className="sr-only">{t("facts")}</h2>
        <dl className="grid gap-3 sm:grid-cols-2">
          <Fact term={t("purpose")}>{program.purpose}</Fact>
          <Fact term={t("collects")}>
            <ul className="list-disc pl-5">{program.collects.map((c) => <li key={c}>{c}</li>)}</ul>
          </Fact>
          <Fact term={t("retention")}>{program.retention}</Fact>
          <Fact term={t("access")}>{program.dataAccess}</Fact>
          <Fact term={t("consent")}>{isConsentModel(program.consentModel) ? consentName(program.consentModel) : program.consentModel}</Fact>
          <Fact term={t("dates")}>
            <ProgramDates startedOn={program.startedOn} endedOn={program.endedOn} />
          </Fact>
        </dl>
      </section>

      <section aria-labelledby="status-heading" className="mt-8">
        <h2 id="status-heading" className="text-2xl font-bold">{t("statusHistory")}</h2>
        <ol className="mt-3 grid gap-2" data-testid="status-history">
          {program.statusHistory.map((s, i) => (
            <li key={i} className="border-l-4 border-gray-300 pl-3">
              <p className="text-sm text-muted"><time dateTime={s.at}>{f.date(s.at)}</time></p>
              <p className="font-semibold">{s.from ? `${status(s.from)} → ${status(s.to)}` : t("registeredAs", { status: status(s.to).toLowerCase() })}</p>
              <p>{s.reason}</p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="policy-heading" className="mt-8">
        <h2 id="policy-heading" className="text-2xl font-bold">{t("policy")}</h2>
        <div className="prose-user" dangerouslySetInnerHTML={{ __html: program.policyHtml }} />
        <h3 className="mt-6 text-xl font-bold">{t("policyChanges")}</h3>
        <ol className="mt-3 grid gap-4" data-testid="policy-versions">
          {versions.map((v) => (
            <li key={v.version} className="rounded-lg border border-gray-200 bg-white p-3">
              <p className="font-semibold">{t.rich("version", { version: v.version, date: f.date(v.createdAt), time: (chunks) => <time dateTime={v.createdAt}>{chunks}</time> })}</p>
              <p className="text-sm text-muted">{v.note}</p>
              <p className="mt-2 text-sm">
                <Link href={`/programs/${program.slug}/versions/${v.version}`} className="font-semibold text-brand underline">
                  {v.version > 1 ? t("seeChanges", { version: v.version }) : t("readFirst")}
                </Link>
              </p>
            </li>
          ))}
        </ol>
      </section>

      <Responses responses={responses} actor={actor} path={`/programs/${program.slug}`} target={{ programSlug: program.slug }} />

      <section aria-labelledby="petitions-heading" className="mt-8">
        <h2 id="petitions-heading" className="text-2xl font-bold">{t("petitions")}</h2>
        {program.petitions.length === 0 ? (
          <p className="mt-2 text-muted">{t.rich("noPetitions", { link: (chunks) => <Link href="/petitions/new" className="font-semibold text-brand underline">{chunks}</Link> })}</p>
        ) : (
          <ul className="mt-3 grid gap-4 md:grid-cols-2">
            {program.petitions.map((p) => <li key={p.id}><PetitionCard petition={p} /></li>)}
          </ul>
        )}
      </section>

      <Discussion thread={{ programSlug: program.slug }} comments={comments.items} actor={actor} fingerprint={keys[0]!.fingerprint} path={`/programs/${program.slug}`} crowd={crowd} />
    </article>
  );
}

function ProgramDates({ startedOn, endedOn }: { startedOn: string | null; endedOn: string | null }) {
  const t = useTranslations("ProgramPage");
  const f = useFormat();
  if (startedOn) return endedOn ? t("startedEnded", { start: f.date(startedOn), end: f.date(endedOn) }) : t("started", { date: f.date(startedOn) });
  return endedOn ? t("notStartedEnded", { end: f.date(endedOn) }) : t("notStarted");
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm font-semibold uppercase tracking-wide text-muted">{term}</dt>
      <dd className="mt-1">{children}</dd>
    </div>
  );
}
