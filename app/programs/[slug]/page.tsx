import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Discussion } from "@/components/anonymous/Discussion";
import { formatDate } from "@/components/format";
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
import { savedKind } from "@/lib/http/saved";
import { CONSENT_LABELS, getProgram, programName, STATUS_LABELS, type ProgramStatus } from "@/lib/programs";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/programs/[slug]">): Promise<Metadata> {
  const { slug } = await params;
  return { title: (await programName(db, slug)) ?? "Program" };
}

export default async function ProgramPage({ params, searchParams }: PageProps<"/programs/[slug]">) {
  const { slug } = await params;
  const saved = savedKind(await searchParams) === "program";
  const program = await getProgram(db, slug).catch((e: unknown) => {
    if (e instanceof DomainError && e.status === 404) notFound();
    throw e;
  });
  const actor = await getActor();
  const [comments, keys, responses, following, crowd] = await Promise.all([
    listComments(db, { programSlug: slug }, { limit: 50 }),
    publishedKeys(db),
    listResponses(db, { programId: program.id }),
    isFollowing(db, actor, { targetType: "program", targetId: program.id }),
    commentCrowd(db),
  ]);
  const versions = [...program.versions].reverse();

  return (
    <article>
      {saved && actor?.role === "admin" && (
        <div className="mb-4">
          <SavedNotice title="Program saved">
            Everyone can read it here as shown below, and it is listed under <Link href="/programs" className="font-semibold underline">Programs</Link>.
            A change to its policy text is kept as a new version in the policy history; a status change is on the <Link href={`/timeline?program=${program.slug}`} className="font-semibold underline">timeline</Link>.
          </SavedNotice>
        </div>
      )}
      <ProgramStatusBadge status={program.statusNow} />
      <h1 className="mt-2 text-3xl font-extrabold">{program.name}</h1>
      <p className="mt-1 text-muted">Run by {program.owningTeam}</p>
      <div className="mt-2 flex flex-wrap items-center gap-4">
        {actor?.role === "admin" && <Link href={`/programs/${program.slug}/edit`} className="font-semibold text-brand underline">Edit program</Link>}
        <Link href={`/timeline?program=${program.slug}`} className="text-brand underline">Timeline</Link>
        {actor && <FollowButton targetType="program" targetId={program.id} following={following} path={`/programs/${program.slug}`} />}
      </div>

      <section aria-labelledby="facts-heading" className="mt-6 rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
        <h2 id="facts-heading" className="sr-only">Facts</h2>
        <dl className="grid gap-3 sm:grid-cols-2">
          <Fact term="Purpose">{program.purpose}</Fact>
          <Fact term="What it collects">
            <ul className="list-disc pl-5">{program.collects.map((c) => <li key={c}>{c}</li>)}</ul>
          </Fact>
          <Fact term="Retention">{program.retention}</Fact>
          <Fact term="Who can access the data">{program.dataAccess}</Fact>
          <Fact term="Consent">{CONSENT_LABELS[program.consentModel as keyof typeof CONSENT_LABELS] ?? program.consentModel}</Fact>
          <Fact term="Dates">
            {program.startedOn ? `Started ${formatDate(program.startedOn)}` : "Not started"}
            {program.endedOn ? `, ended ${formatDate(program.endedOn)}` : ""}
          </Fact>
        </dl>
      </section>

      <section aria-labelledby="status-heading" className="mt-8">
        <h2 id="status-heading" className="text-2xl font-bold">Status history</h2>
        <ol className="mt-3 grid gap-2" data-testid="status-history">
          {program.statusHistory.map((s, i) => (
            <li key={i} className="border-l-4 border-gray-300 pl-3">
              <p className="text-sm text-muted"><time dateTime={s.at}>{formatDate(s.at)}</time></p>
              <p className="font-semibold">{s.from ? `${STATUS_LABELS[s.from as ProgramStatus]} → ${STATUS_LABELS[s.to as ProgramStatus]}` : `Registered as ${STATUS_LABELS[s.to as ProgramStatus].toLowerCase()}`}</p>
              <p>{s.reason}</p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="policy-heading" className="mt-8">
        <h2 id="policy-heading" className="text-2xl font-bold">Policy</h2>
        <div className="prose-user" dangerouslySetInnerHTML={{ __html: program.policyHtml }} />
        <h3 className="mt-6 text-xl font-bold">Changes to the policy</h3>
        <ol className="mt-3 grid gap-4" data-testid="policy-versions">
          {versions.map((v) => (
            <li key={v.version} className="rounded-lg border border-gray-200 bg-white p-3">
              <p className="font-semibold">Version {v.version} · <time dateTime={v.createdAt}>{formatDate(v.createdAt)}</time></p>
              <p className="text-sm text-muted">{v.note}</p>
              {v.diff ? (
                <p className="mt-2 whitespace-pre-wrap font-mono text-sm" aria-label={`Changes in version ${v.version}`}>
                  {v.diff.map((part, i) =>
                    part.kind === "added" ? (
                      <ins key={i} className="bg-emerald-100 text-emerald-900 no-underline"><span className="sr-only">[added: </span>{part.text}<span className="sr-only">]</span></ins>
                    ) : part.kind === "removed" ? (
                      <del key={i} className="bg-red-100 text-red-900"><span className="sr-only">[removed: </span>{part.text}<span className="sr-only">]</span></del>
                    ) : (
                      <span key={i}>{part.text}</span>
                    ),
                  )}
                </p>
              ) : (
                <p className="mt-2 text-sm">The first published text.</p>
              )}
            </li>
          ))}
        </ol>
      </section>

      <Responses responses={responses} actor={actor} path={`/programs/${program.slug}`} target={{ programSlug: program.slug }} />

      <section aria-labelledby="petitions-heading" className="mt-8">
        <h2 id="petitions-heading" className="text-2xl font-bold">Petitions about this program</h2>
        {program.petitions.length === 0 ? (
          <p className="mt-2 text-muted">None yet. <Link href="/petitions/new" className="font-semibold text-brand underline">Start one</Link>.</p>
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

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm font-semibold uppercase tracking-wide text-muted">{term}</dt>
      <dd className="mt-1">{children}</dd>
    </div>
  );
}
