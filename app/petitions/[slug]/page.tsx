import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { CopyLink } from "@/components/CopyLink";
import { DuplicateNotice } from "@/components/DuplicateNotice";
import { SavedNotice } from "@/components/SavedNotice";
import { useFormat, type Format } from "@/components/format";
import { LiveCount } from "@/components/LiveCount";
import { ProgressBar } from "@/components/ProgressBar";
import { ResponseBadge, StateBadge } from "@/components/StateBadge";
import { PersonalSlot } from "@/components/personal/PersonalParts";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { getFormat } from "@/lib/i18n/server";
import { savedKind } from "@/lib/http/saved";
import { getPetitionPage } from "@/lib/petitions/page-data";
import type { PetitionDetail } from "@/lib/petitions/queries";
import { duplicateOf, findSimilarPetitions } from "@/lib/petitions/similar";
import { translatedReason } from "@/lib/moderation/reasons";
import { tokenTally } from "@/lib/signatures/tokens";
import { shellMetadata } from "@/lib/page-cache/shell";
import { petitionViewerOf } from "@/lib/personal/view";
import { petitionParts } from "./personal";
import { PetitionFollow } from "@/components/PetitionFollow";
import { SignArea } from "@/components/SignArea";

export const dynamic = "force-dynamic";

// One read of the petition row per request, shared by the metadata and the page.
const loadPage = cache(async (slug: string, invite: string | undefined) => {
  const actor = await getActor();
  try {
    return { actor, ...(await getPetitionPage(db, actor, slug, { invite })) };
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) return null;
    throw error;
  }
});

const inviteOf = (query: Record<string, string | string[] | undefined>) => (typeof query.invite === "string" ? query.invite : undefined);

export async function generateMetadata({ params, searchParams }: PageProps<"/petitions/[slug]">): Promise<Metadata> {
  const data = await loadPage((await params).slug, inviteOf(await searchParams));
  const p = data?.petition;
  return {
    title: p && (p.state === "open" || p.state === "closed") ? p.title : (await getTranslations("PetitionPage"))("fallbackTitle"),
    // A public petition looks the same to everyone but for its personal parts (docs/decisions/035).
    ...shellMetadata(Boolean(data?.public)),
  };
}

export default async function PetitionPage({ params, searchParams }: PageProps<"/petitions/[slug]">) {
  const { slug } = await params;
  const query = await searchParams;
  const invite = inviteOf(query);
  const data = await loadPage(slug, invite);
  if (!data) notFound();
  const { actor, petition } = data;
  const pub = data.public;
  // Closed as a duplicate; and, on a draft, petitions that ask the same (docs/decisions/024).
  // How many signing tokens were issued (decision 018) is read on every request, not cached with
  // the public data: the count can never exceed it, so it must be as fresh as the count.
  const isPublic = petition.state === "open" || petition.state === "closed";
  const [duplicate, similar, tally, t, f, reasonName] = await Promise.all([
    duplicateOf(db, petition.id),
    actor && petition.state === "draft" && petition.viewer.isOrganizer ? findSimilarPetitions(db, actor, { title: petition.title, ask: petition.ask, excludeId: petition.id }) : [],
    isPublic ? tokenTally(db, petition.id) : null,
    getTranslations("PetitionPage"),
    getFormat(),
    getTranslations("ModerationReason"),
  ]);
  const path = `/petitions/${petition.slug}`;
  // What depends on who is looking, each in its slot (docs/decisions/035).
  const personal = actor !== null;
  const parts = petitionParts({ actor, data, similar });
  const viewer = actor ? petitionViewerOf(petition.id, data.own) : null;
  const signFacts = { id: petition.id, slug: petition.slug, state: petition.state, hidden: Boolean(petition.hidden), coSponsors: petition.coSponsors };
  const hasResponse = Boolean(pub && pub.responses.length > 0);

  return (
    <article className="grid gap-4 sm:gap-6 lg:grid-cols-[1fr_22rem] lg:grid-rows-[auto_1fr] lg:gap-x-8">
      <header className="lg:col-start-1">
        {savedKind(query) === "draft" && petition.state === "draft" && petition.viewer.isOrganizer && (
          <div className="mb-4">
            <SavedNotice title={t("draftSaved")}>
              {t.rich("draftSavedText", {
                others: petition.organizers.length - 1,
                my: (chunks) => <Link href="/my" className="font-semibold underline">{chunks}</Link>,
                edit: (chunks) => (petition.viewer.can.edit ? <Link href={`/petitions/${petition.slug}/edit`} className="font-semibold underline">{chunks}</Link> : chunks),
              })}
            </SavedNotice>
          </div>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <StateBadge state={petition.state} />
          <ResponseBadge petition={petition} responseHref={hasResponse ? "#responses-heading" : undefined} />
        </div>
        <h1 className="mt-3 text-2xl font-extrabold leading-tight sm:text-3xl">{petition.title}</h1>
        <p className="mt-2 text-sm text-muted">
          {petition.program
            ? t.rich("bylineProgram", {
                addressedTo: petition.addressedTo,
                organizers: petition.organizers.map((o) => o.name).join(", "),
                program: petition.program.name,
                link: (chunks) => <Link href={`/programs/${petition.program!.slug}`} className="font-medium text-brand underline">{chunks}</Link>,
              })
            : t("byline", { addressedTo: petition.addressedTo, organizers: petition.organizers.map((o) => o.name).join(", ") })}
        </p>
        {duplicate && <DuplicateNotice other={duplicate} />}
        {!petition.hidden && (
          <section aria-labelledby="ask-heading" className="mt-4 rounded-xl border-l-4 border-brand bg-white p-4 shadow-sm" data-testid="ask">
            <h2 id="ask-heading" className="text-sm font-semibold uppercase tracking-wide text-muted">{t("ask")}</h2>
            <p className="mt-1 text-lg font-semibold sm:text-xl">{petition.ask}</p>
          </section>
        )}
      </header>

      <aside className="grid content-start gap-4 lg:col-start-2 lg:row-span-2 lg:row-start-1">
        <StatusCard petition={petition} personal={personal} />
        <section aria-labelledby="act-heading" className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm" data-testid="sign-area">
          <h2 id="act-heading" className="sr-only">{t("yourSignature")}</h2>
          <PersonalSlot name="live-notice" personal={personal}>{parts["live-notice"]}</PersonalSlot>
          <div data-personal="">
            <SignArea petition={signFacts} viewer={viewer} organizer={petition.viewer.isOrganizer} invite={invite} />
          </div>
        </section>
        <KeyDates petition={petition} tokensIssued={tally?.tokensIssued ?? 0} />
        {pub && (
          <section aria-labelledby="share-heading" className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
            <h2 id="share-heading" className="font-semibold">{t("share")}</h2>
            <div className="mt-2"><CopyLink path={path} label={t("linkLabel")} /></div>
            <div data-personal="">
              <PetitionFollow petitionId={petition.id} path={path} viewer={viewer} />
            </div>
            <p className="mt-2 text-sm"><Link href={`/timeline?petition=${petition.slug}`} className="text-brand underline">{t("timeline")}</Link></p>
          </section>
        )}
      </aside>

      <div className="min-w-0 lg:col-start-1">
        <PersonalSlot name="organizer" personal={personal}>{parts.organizer}</PersonalSlot>
        {petition.hidden ? (
          <section aria-labelledby="hidden-heading" className="rounded-xl border border-gray-300 bg-gray-50 p-4" data-testid="hidden-notice">
            <h2 id="hidden-heading" className="font-semibold">{t("hiddenHeading")}</h2>
            <p className="mt-1">{translatedReason(petition.hidden.reason, reasonName)}</p>
            <p className="mt-1 text-sm text-muted">{t.rich("hiddenText", { link: (chunks) => <Link href="/moderation-log" className="underline">{chunks}</Link> })}</p>
            <PersonalSlot name="appeal" personal={personal}>{parts.appeal}</PersonalSlot>
          </section>
        ) : (
          <section aria-labelledby="background-heading">
            <h2 id="background-heading" className="text-xl font-bold">{t("background")}</h2>
            <div className="prose-user" data-testid="background" dangerouslySetInnerHTML={{ __html: petition.backgroundHtml }} />
          </section>
        )}
        <PersonalSlot name="responses" personal={personal}>{parts.responses}</PersonalSlot>
        {pub && (
          <section aria-labelledby="signers-heading" className="mt-10" data-testid="signers-summary">
            <h2 id="signers-heading" className="text-xl font-bold">{t("whoSigned")}</h2>
            <p className="mt-2">
              {pub.namedSigners === 0 ? t("noNamed") : t("named", { count: pub.namedSigners })}{" "}
              {pub.namedSigners > 0 && petition.viewer.can.signers && (
                <Link href={`${path}/signers`} className="font-semibold text-brand underline">{t("fullList")}</Link>
              )}
            </p>
            <p className="mt-1 text-sm text-muted">{t("anonymousNotListed")}</p>
          </section>
        )}
        {pub && (pub.updates.length > 0 || petition.viewer.isOrganizer) && (
          <section aria-labelledby="updates-heading" className="mt-10">
            <h2 id="updates-heading" className="text-2xl font-bold">{t("updates")}</h2>
            {pub.updates.length === 0 ? (
              <p className="mt-2 text-muted">{t("noUpdates")}</p>
            ) : (
              <ol className="mt-3 grid gap-3" data-testid="updates">
                {pub.updates.map((u) => (
                  <li key={u.id} className="rounded-lg border border-gray-200 bg-white p-3">
                    <p className="text-sm text-muted">{u.author} · <time dateTime={u.createdAt}>{f.date(u.createdAt)}</time></p>
                    <div className="prose-user" dangerouslySetInnerHTML={{ __html: u.bodyHtml }} />
                  </li>
                ))}
              </ol>
            )}
          </section>
        )}
        <PersonalSlot name="discussion" personal={personal}>{parts.discussion}</PersonalSlot>
        <PersonalSlot name="moderate" personal={personal}>{parts.moderate}</PersonalSlot>
      </div>
    </article>
  );
}

/** The count, its progress with the response threshold and goal, the response status and dates. */
function StatusCard({ petition, personal }: { petition: PetitionDetail; personal: boolean }) {
  const t = useTranslations("PetitionPage");
  const f = useFormat();
  const isPublic = petition.state === "open" || petition.state === "closed";
  if (petition.state === "collecting" || petition.state === "draft") {
    const { count, needed } = petition.coSponsors;
    return (
      <section aria-labelledby="count-heading" className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm" data-testid="status-card">
        <h2 id="count-heading" className="font-semibold">{t("coSponsors")}</h2>
        <p className="mt-1 text-2xl font-extrabold" data-testid="co-sponsor-progress">{t("coSponsorProgress", { count: f.count(count), needed: f.count(needed) })}</p>
        <p className="text-sm text-muted">{t("coSponsorsNeeded")}</p>
        <div className="mt-2"><ProgressBar count={count} goal={needed} label={t("coSponsorsSoFar")} unit="co-sponsors" /></div>
      </section>
    );
  }
  const reached = petition.signatureCount >= petition.goal;
  return (
    <section aria-labelledby="count-heading" className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm" data-testid="status-card">
      <h2 id="count-heading" className="sr-only">{t("signatures")}</h2>
      <p className="text-2xl font-extrabold sm:text-3xl">
        {isPublic && petition.state === "open" ? (
          <LiveCount key={petition.signatureCount} petitionId={petition.id} initial={petition.signatureCount} personal={personal} />
        ) : (
          <span data-testid="signature-count">{f.count(petition.signatureCount)}</span>
        )}
      </p>
      <p className="text-sm text-muted">{t(reached ? "ofGoalReached" : "ofGoal", { goal: f.count(petition.goal) })}</p>
      {petition.state === "closed" && (
        <p className="mt-2 font-semibold" data-testid="outcome">
          {petition.deliveredAt
            ? t("outcomeDelivered", { count: f.count(petition.signatureCount), goal: f.count(petition.goal), reached: reached ? "yes" : "no", date: f.date(petition.deliveredAt) })
            : t("outcome", { count: f.count(petition.signatureCount), goal: f.count(petition.goal), reached: reached ? "yes" : "no" })}
        </p>
      )}
      <div className="mt-2">
        <ProgressBar count={petition.signatureCount} goal={petition.goal} threshold={petition.responseThreshold} label={t("goalProgress")} />
      </div>
      <p className="mt-2 text-sm font-medium" data-testid="response-status">{responseLine(petition, t, f)}</p>
    </section>
  );
}

/**
 * The petition's dates and how many could sign it (signing tokens issued, decision 018), after the
 * Sign action so that it stays in a phone's first screen.
 */
function KeyDates({ petition, tokensIssued }: { petition: PetitionDetail; tokensIssued: number }) {
  const t = useTranslations("PetitionPage");
  const f = useFormat();
  if (petition.state !== "open" && petition.state !== "closed") return null;
  return (
    <section aria-labelledby="dates-heading" className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
      <h2 id="dates-heading" className="font-semibold">{t("keyFacts")}</h2>
      <dl className="mt-2 grid gap-1 text-sm">
        <Row term={t("tokensIssued")}>
          <span data-testid="tokens-issued" title={t("tokensIssuedTitle")}>
            {f.count(tokensIssued)}
          </span>
        </Row>
        <Row term={t("respondAt")}>{t("thresholdValue", { count: petition.responseThreshold })}</Row>
        {petition.thresholdReachedAt && <Row term={t("thresholdReached")}>{f.date(petition.thresholdReachedAt)}</Row>}
        {petition.responseDueAt && <Row term={t("responseDueBy")}>{f.date(petition.responseDueAt)}</Row>}
        {petition.openedAt && <Row term={t("opened")}>{f.date(petition.openedAt)}</Row>}
        <Row term={petition.state === "closed" ? t("closed") : t("closes")}>{f.date(petition.closedAt ?? petition.closesAt)}</Row>
      </dl>
    </section>
  );
}

function responseLine(petition: PetitionDetail, t: ReturnType<typeof useTranslations<"PetitionPage">>, f: Format): React.ReactNode {
  const { status, overdueDays } = petition.response;
  if (status === "responded") return <a href="#responses-heading" className="text-brand underline">{t("responded", { date: f.date(petition.respondedAt) })}</a>;
  if (status === "overdue") return t("overdue", { days: overdueDays });
  if (status === "due") return t("due", { date: f.date(petition.responseDueAt) });
  return t("mustRespond", { count: f.count(petition.responseThreshold) });
}

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-2">
      <dt className="text-muted">{term}</dt>
      <dd className="text-right font-medium">{children}</dd>
    </div>
  );
}
