import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { hidePetitionAction } from "@/app/comments/actions";
import { appealAction } from "@/app/moderation/actions";
import { closePetitionAction, deliverPetitionAction, inviteCoOrganizerAction, submitForCoSponsorsAction } from "@/app/petitions/actions";
import { ReasonFields } from "@/components/ReasonFields";
import { ActionForm } from "@/components/ActionForm";
import { CopyLink } from "@/components/CopyLink";
import { formatCount, formatDate } from "@/components/format";
import { LiveCount } from "@/components/LiveCount";
import { LiveTimeline } from "@/components/LiveTimeline";
import { ProgressBar } from "@/components/ProgressBar";
import { SignPanel } from "@/components/SignPanel";
import { ResponseBadge, StateBadge } from "@/components/StateBadge";
import { postUpdateAction } from "@/app/responses/actions";
import { Discussion } from "@/components/anonymous/Discussion";
import { FollowButton } from "@/components/FollowButton";
import { Responses } from "@/components/Responses";
import { isFollowing } from "@/lib/follows";
import { listOrganizerUpdates, listResponses } from "@/lib/responses";
import { publishedKeys } from "@/lib/anonymity/keys";
import { getActor } from "@/lib/auth/session";
import { commentCrowd, listComments } from "@/lib/comments";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { getPetitionDetail, publicPetitionTitle, type PetitionDetail } from "@/lib/petitions/queries";
import { anonymousRefusal, getOwnSignature, listNamedSigners } from "@/lib/signatures";
import { tokenTally } from "@/lib/signatures/tokens";

export const dynamic = "force-dynamic";

async function load(slug: string, invite: string | undefined) {
  const actor = await getActor();
  try {
    return { actor, petition: await getPetitionDetail(db, actor, { slug }, { invite }) };
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: PageProps<"/petitions/[slug]">): Promise<Metadata> {
  const { slug } = await params;
  return { title: (await publicPetitionTitle(db, slug)) ?? "Petition" };
}

export default async function PetitionPage({ params, searchParams }: PageProps<"/petitions/[slug]">) {
  const { slug } = await params;
  const query = await searchParams;
  const invite = typeof query.invite === "string" ? query.invite : undefined;
  const { actor, petition } = await load(slug, invite);
  const isPublic = petition.state === "open" || petition.state === "closed";
  const [signers, ownSignature, comments, keys, responses, updates, following, namedOnly, crowd, tally] = await Promise.all([
    listNamedSigners(db, petition.id, { take: 100 }),
    getOwnSignature(db, actor, petition.id),
    isPublic ? listComments(db, { petitionId: petition.id }, { limit: 50 }) : null,
    publishedKeys(db),
    isPublic ? listResponses(db, { petitionId: petition.id }) : [],
    isPublic ? listOrganizerUpdates(db, petition.id) : [],
    isFollowing(db, actor, { targetType: "petition", targetId: petition.id }),
    anonymousRefusal(db, actor, petition.id),
    commentCrowd(db),
    tokenTally(db, petition.id),
  ]);
  const path = `/petitions/${petition.slug}`;
  const anonymousCount = petition.signatureCount - signers.length;

  return (
    <article className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div>
        <div className="flex flex-wrap items-center gap-2">
          <StateBadge state={petition.state} />
          <ResponseBadge petition={petition} />
        </div>
        <h1 className="mt-3 text-3xl font-extrabold leading-tight">{petition.title}</h1>
        <p className="mt-2 text-sm text-muted">
          To {petition.addressedTo} · organized by {petition.organizers.map((o) => o.name).join(", ")}
          {petition.program && (
            <>
              {" "}· about <Link href={`/programs/${petition.program.slug}`} className="font-medium text-brand underline">{petition.program.name}</Link>
            </>
          )}
        </p>
        {petition.hidden ? (
          <section aria-labelledby="hidden-heading" className="mt-6 rounded-xl border border-gray-300 bg-gray-50 p-4" data-testid="hidden-notice">
            <h2 id="hidden-heading" className="font-semibold">Hidden by a moderator</h2>
            <p className="mt-1">{petition.hidden.reason}</p>
            <p className="mt-1 text-sm text-muted">See the <Link href="/moderation-log" className="underline">moderation log</Link>. Its organizers may appeal once; an admin decides.</p>
            {petition.viewer.can.appeal && (
              <ActionForm action={appealAction} hidden={{ petitionId: petition.id, path }} submitLabel="Appeal this decision" variant="secondary">
                <label htmlFor="appeal-text" className="mt-2 block text-sm font-medium">Why the decision is wrong</label>
                <textarea id="appeal-text" name="text" rows={3} required maxLength={2000} className="mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2" />
              </ActionForm>
            )}
          </section>
        ) : (
          <>
            <section aria-labelledby="ask-heading" className="mt-6 rounded-xl border-l-4 border-brand bg-white p-4 shadow-sm">
              <h2 id="ask-heading" className="text-sm font-semibold uppercase tracking-wide text-muted">The ask</h2>
              <p className="mt-1 text-xl font-semibold">{petition.ask}</p>
            </section>
            <section aria-labelledby="background-heading" className="mt-6">
              <h2 id="background-heading" className="text-xl font-bold">Background</h2>
              <div className="prose-user" data-testid="background" dangerouslySetInnerHTML={{ __html: petition.backgroundHtml }} />
            </section>
          </>
        )}
        {isPublic && (
          <section aria-labelledby="signers-heading" className="mt-8">
            <h2 id="signers-heading" className="text-xl font-bold">Signed with their names</h2>
            {signers.length === 0 ? (
              <p className="mt-2 text-muted">Nobody has signed with their name yet.</p>
            ) : (
              <ul className="mt-2 grid gap-1 sm:grid-cols-2" data-testid="named-signers">
                {signers.map((s, i) => (
                  <li key={i}>
                    {s.name} <span className="text-sm text-muted">· {formatDate(s.signedAt)}</span>
                  </li>
                ))}
              </ul>
            )}
            {anonymousCount > 0 && (
              <p className="mt-3 text-sm text-muted">
                {signers.length >= 100 ? "The most recent 100 named signers are listed. " : ""}
                Anonymous signatures are counted but never listed.
              </p>
            )}
          </section>
        )}
        {isPublic && (
          <section aria-labelledby="latest-heading" className="mt-8">
            <h2 id="latest-heading" className="text-xl font-bold">Latest on this petition</h2>
            <p className="text-sm text-muted">New events appear here as they happen. <Link href={`/timeline?petition=${petition.slug}`} className="underline">Full timeline</Link></p>
            <LiveTimeline filters={{ petition: petition.id }} />
          </section>
        )}
        {isPublic && <Responses responses={responses} actor={actor} path={path} target={{ petitionId: petition.id }} />}
        {isPublic && (updates.length > 0 || petition.viewer.isOrganizer) && (
          <section aria-labelledby="updates-heading" className="mt-10">
            <h2 id="updates-heading" className="text-2xl font-bold">Updates from the organizers</h2>
            {updates.length === 0 ? (
              <p className="mt-2 text-muted">No updates yet.</p>
            ) : (
              <ol className="mt-3 grid gap-3" data-testid="updates">
                {updates.map((u) => (
                  <li key={u.id} className="rounded-lg border border-gray-200 bg-white p-3">
                    <p className="text-sm text-muted">{u.author} · <time dateTime={u.createdAt}>{formatDate(u.createdAt)}</time></p>
                    <div className="prose-user" dangerouslySetInnerHTML={{ __html: u.bodyHtml }} />
                  </li>
                ))}
              </ol>
            )}
            {petition.viewer.isOrganizer && (
              <ActionForm action={postUpdateAction} hidden={{ petitionId: petition.id, path }} submitLabel="Post update to signers">
                <label htmlFor="update-body" className="mt-3 block font-medium">New update</label>
                <textarea id="update-body" name="body" rows={4} required maxLength={10000} className="mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2" />
              </ActionForm>
            )}
          </section>
        )}
        {isPublic && (
          <Discussion
            thread={{ petitionId: petition.id }}
            comments={comments?.items ?? []}
            actor={actor}
            fingerprint={keys[0]!.fingerprint}
            path={`/petitions/${petition.slug}`}
            crowd={crowd}
          />
        )}
        {petition.viewer.isOrganizer && <OrganizerPanel petition={petition} />}
        {petition.viewer.can.moderate && (
          <section aria-labelledby="moderate-heading" className="mt-10 rounded-xl border border-red-200 bg-red-50/40 p-4">
            <h2 id="moderate-heading" className="text-xl font-bold">Moderate</h2>
            <p className="text-sm text-muted">Hiding keeps the petition in place with your reason and adds it to the public moderation log, under your role, not your name.</p>
            <ActionForm action={hidePetitionAction} hidden={{ petitionId: petition.id, path }} submitLabel="Hide this petition" variant="danger">
              <ReasonFields id={petition.id} />
            </ActionForm>
          </section>
        )}
      </div>

      <aside className="grid content-start gap-4">
        <section aria-labelledby="count-heading" className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
          <h2 id="count-heading" className="sr-only">Signatures</h2>
          <p className="text-3xl font-extrabold">
            {isPublic ? <LiveCount key={petition.signatureCount} petitionId={petition.id} initial={petition.signatureCount} /> : <span data-testid="signature-count">{formatCount(petition.signatureCount)}</span>}
          </p>
          <p className="text-sm text-muted">of {formatCount(petition.goal)} signatures</p>
          <div className="mt-2">
            <ProgressBar count={petition.signatureCount} goal={petition.goal} label="Progress toward the goal" />
          </div>
          <dl className="mt-4 grid gap-1 text-sm">
            {isPublic && (
              <Row term="Signing tokens issued">
                <span data-testid="tokens-issued" title="People who collected this petition's token or signed it by name: the count can never exceed them.">
                  {formatCount(tally.tokensIssued)}
                </span>
              </Row>
            )}
            <Row term="Leadership must respond at">{formatCount(petition.responseThreshold)} signatures</Row>
            {petition.thresholdReachedAt && <Row term="Threshold reached">{formatDate(petition.thresholdReachedAt)}</Row>}
            {petition.responseDueAt && <Row term="Response due by">{formatDate(petition.responseDueAt)}</Row>}
            {petition.openedAt && <Row term="Opened">{formatDate(petition.openedAt)}</Row>}
            <Row term={petition.state === "closed" ? "Closed" : "Closes"}>{formatDate(petition.closedAt ?? petition.closesAt)}</Row>
          </dl>
        </section>

        <section aria-labelledby="act-heading" className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
          <h2 id="act-heading" className="sr-only">Your signature</h2>
          <SignArea petition={petition} signedIn={Boolean(actor)} ownSignature={ownSignature} invite={invite} namedOnly={namedOnly} />
        </section>

        {isPublic && (
          <section aria-labelledby="share-heading" className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
            <h2 id="share-heading" className="font-semibold">Share and follow</h2>
            <div className="mt-2"><CopyLink path={`/petitions/${petition.slug}`} label="Link to this petition" /></div>
            {actor && (
              <>
                <FollowButton targetType="petition" targetId={petition.id} following={following} path={path} />
                <p className="mt-1 text-sm text-muted">Following is stored with your account: the server knows you follow this petition, not whether you signed it.</p>
              </>
            )}
            <p className="mt-2 text-sm"><Link href={`/timeline?petition=${petition.slug}`} className="text-brand underline">This petition&apos;s timeline</Link></p>
          </section>
        )}
      </aside>
    </article>
  );
}

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-2">
      <dt className="text-muted">{term}</dt>
      <dd className="text-right font-medium">{children}</dd>
    </div>
  );
}

function SignArea({
  petition,
  signedIn,
  ownSignature,
  invite,
  namedOnly,
}: {
  petition: PetitionDetail;
  signedIn: boolean;
  ownSignature: { visibility: "named" | "anonymous"; coSponsor: boolean } | null;
  invite?: string;
  /** Why this person may sign only by name, if so. */
  namedOnly: string | null;
}) {
  if (petition.state === "draft") {
    return <p className="text-muted">This is a draft. Only its organizers can see it until it is submitted for co-sponsors.</p>;
  }
  if (petition.hidden) {
    return <p>A moderator hid this petition; it cannot be signed while the decision stands.</p>;
  }
  if (petition.state === "closed") {
    return (
      <p>
        This petition is closed and no longer accepts signatures.
        {ownSignature && <> You signed it{ownSignature.visibility === "anonymous" ? " anonymously" : ""}.</>}
      </p>
    );
  }
  if (!signedIn) {
    const back = `/petitions/${petition.slug}${invite ? `?invite=${encodeURIComponent(invite)}` : ""}`;
    return (
      <p>
        <Link href={`/signin?callbackUrl=${encodeURIComponent(back)}`} className="font-semibold text-brand underline">
          Sign in to {petition.state === "collecting" ? "co-sponsor" : "sign"}
        </Link>
      </p>
    );
  }
  if (petition.state === "collecting" && !ownSignature) {
    if (petition.viewer.isOrganizer) {
      return <p className="text-muted">Waiting for co-sponsors: {petition.coSponsors.count} of {petition.coSponsors.needed}. Share the co-sponsor link below.</p>;
    }
    if (!invite) return <p className="text-muted">This petition is gathering co-sponsors. You need the link from its organizers.</p>;
  }
  return (
    <SignPanel
      petitionId={petition.id}
      slug={petition.slug}
      signature={ownSignature}
      invite={invite}
      coSponsoring={petition.state === "collecting"}
      namedOnly={namedOnly}
    />
  );
}

function OrganizerPanel({ petition }: { petition: PetitionDetail }) {
  const hidden = { petitionId: petition.id, slug: petition.slug };
  return (
    <section aria-labelledby="organizer-heading" className="mt-10 rounded-xl border border-amber-300 bg-amber-50/50 p-4">
      <h2 id="organizer-heading" className="text-xl font-bold">For organizers</h2>
      <p className="text-sm text-muted">Only this petition&apos;s organizers see this section.</p>

      {petition.state === "draft" && (
        <div className="mt-4 grid gap-2">
          <p>
            When you are ready, submit the draft. It then needs {petition.coSponsors.needed} co-sponsor
            signatures from colleagues before it opens to everyone.
          </p>
          <div className="flex flex-wrap gap-3">
            {petition.viewer.can.edit && (
              <Link href={`/petitions/${petition.slug}/edit`} className="mt-2 rounded-lg border border-gray-400 bg-white px-4 py-2 font-semibold hover:bg-gray-50">
                Edit draft
              </Link>
            )}
            <ActionForm action={submitForCoSponsorsAction} hidden={hidden} submitLabel="Submit for co-sponsors" />
          </div>
        </div>
      )}

      {petition.state === "collecting" && petition.viewer.coSponsorToken && (
        <div className="mt-4 grid gap-2">
          <h3 className="font-semibold">Co-sponsor link</h3>
          <p className="text-sm">
            {petition.coSponsors.count} of {petition.coSponsors.needed} co-sponsors so far. Anyone with this
            link can see the petition and co-sponsor it; it opens when enough have.
          </p>
          <CopyLink path={`/petitions/${petition.slug}?invite=${petition.viewer.coSponsorToken}`} label="Co-sponsor link" />
        </div>
      )}

      {(petition.state === "open" || petition.state === "closed") && (
        <p className="mt-4">
          <Link href={`/petitions/${petition.slug}/dashboard`} className="font-semibold text-brand underline">Open the organizer dashboard</Link>: signatures over time, breakdowns, exports and co-organizers.
        </p>
      )}
      <div className="mt-6">
        <h3 className="font-semibold">Co-organizers</h3>
        <ul className="mt-1 list-disc pl-6 text-sm">
          {petition.organizers.map((o, i) => (
            <li key={i}>{o.name} ({o.role === "starter" ? "started it" : "co-organizer"})</li>
          ))}
        </ul>
        <ActionForm action={inviteCoOrganizerAction} hidden={hidden} submitLabel="Invite co-organizer" variant="secondary">
          <label htmlFor="co-organizer-email" className="mt-2 block text-sm font-medium">Colleague&apos;s work email</label>
          <input id="co-organizer-email" name="email" type="email" required autoComplete="off" className="mt-1 block w-full max-w-sm rounded-md border border-gray-400 bg-white px-3 py-2" />
        </ActionForm>
      </div>

      {petition.viewer.can.close && (
        <div className="mt-6">
          <h3 className="font-semibold">Close early</h3>
          <p className="text-sm">Closing stops signatures now. It cannot be undone.</p>
          <ActionForm action={closePetitionAction} hidden={hidden} submitLabel="Close petition" variant="danger" confirm="Close this petition now? Nobody will be able to sign it afterwards." />
        </div>
      )}
      {petition.viewer.can.deliver && (
        <div className="mt-6">
          <h3 className="font-semibold">Deliver to leadership</h3>
          <p className="text-sm">Delivering closes the petition if it is still open and records the delivery on the public timeline.</p>
          <ActionForm action={deliverPetitionAction} hidden={hidden} submitLabel="Deliver petition" confirm="Deliver this petition now? It will close if it is still open." />
        </div>
      )}
    </section>
  );
}
