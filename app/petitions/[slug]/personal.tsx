// The petition page's personal parts (docs/decisions/035): everything on it that depends on who
// is looking. The page renders them in its slots for the request's own viewer; for a signed-in
// person given the shared, cached page, the personal-parts action (app/personal-actions.tsx)
// renders the same function's output for them and the page's script puts it in the same slots.
// Anything here must come only from its arguments, so both renderings agree.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { hidePetitionAction } from "@/app/comments/actions";
import { appealAction } from "@/app/moderation/actions";
import { closePetitionAction, deliverPetitionAction, inviteCoOrganizerAction, submitForCoSponsorsAction } from "@/app/petitions/actions";
import { postUpdateAction } from "@/app/responses/actions";
import { ActionForm, FormField } from "@/components/ActionForm";
import { Discussion } from "@/components/anonymous/Discussion";
import { CopyLink } from "@/components/CopyLink";
import { useFormat } from "@/components/format";
import { ReasonFields } from "@/components/ReasonFields";
import { Responses } from "@/components/Responses";
import { SimilarPetitionList } from "@/components/SimilarPetitionList";
import type { Actor } from "@/lib/auth/actor";
import type { PetitionPageData } from "@/lib/petitions/page-data";
import type { PetitionDetail } from "@/lib/petitions/queries";
import type { SimilarPetition } from "@/lib/petitions/similar";

const FIELD = "mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-600";

export type PetitionSlot = "live-notice" | "organizer" | "appeal" | "responses" | "discussion" | "moderate";

/**
 * Each part of the petition page that only the server renders for a person, as `actor` (null:
 * signed out) sees it. The Sign panel, Follow and the discussion's own forms are client parts
 * (components/SignArea.tsx, PetitionFollow.tsx, anonymous/DiscussionForms.tsx).
 */
export function petitionParts({
  actor,
  data,
  similar,
}: {
  actor: Actor | null;
  data: PetitionPageData;
  similar: SimilarPetition[];
}): Record<PetitionSlot, React.ReactNode> {
  const { petition, own } = data;
  const pub = data.public;
  const path = `/petitions/${petition.slug}`;
  return {
    "live-notice": petition.viewer.isOrganizer && petition.state === "open" && !petition.hidden ? <LiveNotice signed={own.signature !== null} /> : null,
    organizer: petition.viewer.isOrganizer ? (
      <>
        <OrganizerPanel petition={petition} />
        <SimilarPetitionList petitions={similar} id="draft-similar-heading" />
      </>
    ) : null,
    appeal: petition.hidden && petition.viewer.can.appeal ? <AppealForm petitionId={petition.id} path={path} /> : null,
    responses: pub ? <Responses responses={pub.responses} actor={actor} path={path} target={{ petitionId: petition.id }} /> : null,
    discussion: pub ? (
      <Discussion thread={{ petitionId: petition.id }} comments={pub.comments} actor={actor} fingerprint={pub.fingerprint} path={path} crowd={pub.crowd} organizer={petition.viewer.isOrganizer} />
    ) : null,
    moderate: petition.viewer.can.moderate ? <ModeratePanel petitionId={petition.id} path={path} /> : null,
  };
}

function LiveNotice({ signed }: { signed: boolean }) {
  const t = useTranslations("PetitionPage");
  return (
    <p role="note" className="mb-2 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-300" data-testid="live-notice">
      {t.rich(signed ? "liveSigned" : "liveUnsigned", { strong: (chunks) => <strong>{chunks}</strong> })}
    </p>
  );
}

function AppealForm({ petitionId, path }: { petitionId: string; path: string }) {
  const t = useTranslations("PetitionPage");
  return (
    <ActionForm action={appealAction} hidden={{ petitionId, path }} submitLabel={t("appeal")} variant="secondary">
      <FormField id="appeal-text" name="text" label={t("appealLabel")} hint={t("appealHint")} labelClassName="mt-2 block text-sm font-medium">
        <textarea id="appeal-text" name="text" rows={3} required maxLength={2000} className={FIELD} />
      </FormField>
    </ActionForm>
  );
}

function ModeratePanel({ petitionId, path }: { petitionId: string; path: string }) {
  const t = useTranslations("PetitionPage");
  return (
    <section aria-labelledby="moderate-heading" className="mt-10 rounded-xl border border-red-200 bg-red-50/40 p-4">
      <h2 id="moderate-heading" className="text-xl font-bold">{t("moderate")}</h2>
      <p className="text-sm text-muted">{t("moderateText")}</p>
      <ActionForm action={hidePetitionAction} hidden={{ petitionId, path }} submitLabel={t("hide")} variant="danger">
        <ReasonFields id={petitionId} />
      </ActionForm>
    </section>
  );
}

function OrganizerPanel({ petition }: { petition: PetitionDetail }) {
  const t = useTranslations("PetitionPage");
  const f = useFormat();
  const hidden = { petitionId: petition.id, slug: petition.slug };
  const path = `/petitions/${petition.slug}`;
  const isPublic = petition.state === "open" || petition.state === "closed";
  return (
    <section aria-labelledby="organizer-heading" className="mb-8 rounded-xl border border-amber-300 bg-amber-50/50 p-4" data-testid="organizer-tools">
      <h2 id="organizer-heading" className="text-xl font-bold">{t("organizerTools")}</h2>
      <p className="text-sm text-muted">{t("organizersOnly")}</p>

      {petition.state === "draft" && (
        <div className="mt-3 grid gap-2">
          <p>{t("submitWhenReady", { needed: petition.coSponsors.needed })}</p>
          <div className="flex flex-wrap items-start gap-3">
            {petition.viewer.can.edit && (
              <Link href={`${path}/edit`} className="mt-2 rounded-lg border border-gray-400 bg-white px-4 py-2 font-semibold hover:bg-gray-50">
                {t("editDraft")}
              </Link>
            )}
            <ActionForm action={submitForCoSponsorsAction} hidden={hidden} submitLabel={t("submitForCoSponsors")} />
          </div>
        </div>
      )}

      {petition.state === "collecting" && petition.viewer.coSponsorToken && (
        <div className="mt-3 grid gap-2">
          <h3 className="font-semibold">{t("coSponsorLink")}</h3>
          <p className="text-sm">{t("coSponsorLinkText", { count: f.count(petition.coSponsors.count), needed: f.count(petition.coSponsors.needed) })}</p>
          <CopyLink path={`${path}?invite=${petition.viewer.coSponsorToken}`} label={t("coSponsorLink")} />
        </div>
      )}

      {(isPublic || petition.viewer.can.close || petition.viewer.can.deliver) && (
        <div className="mt-3 flex flex-wrap items-start gap-3">
          {isPublic && (
            <Link href={`${path}/dashboard`} className="mt-2 rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
              {t("openDashboard")}
            </Link>
          )}
          {petition.viewer.can.deliver && (
            <ActionForm action={deliverPetitionAction} hidden={hidden} submitLabel={t("deliver")} variant="secondary" confirm={t("deliverConfirm")} />
          )}
          {petition.viewer.can.close && (
            <ActionForm action={closePetitionAction} hidden={hidden} submitLabel={t("close")} variant="danger" confirm={t("closeConfirm")} />
          )}
        </div>
      )}
      {isPublic && (
        <p className="mt-2 text-sm text-muted">{t("dashboardHint")}</p>
      )}

      {isPublic && (
        <div className="mt-4 rounded-lg border border-amber-200 bg-white p-3">
          <h3 className="font-semibold">{t("postUpdate")}</h3>
          <ActionForm action={postUpdateAction} hidden={{ petitionId: petition.id, path }} submitLabel={t("postSubmit")}>
            <FormField id="update-body" name="body" label={t("newUpdate")} hint={t("newUpdateHint")} labelClassName="mt-3 block font-medium">
              <textarea id="update-body" name="body" rows={4} required maxLength={10000} className={FIELD} />
            </FormField>
          </ActionForm>
        </div>
      )}

      <details open={petition.state === "draft"} className="mt-3 rounded-lg border border-amber-200 bg-white p-3">
        <summary className="cursor-pointer font-semibold">{t("coOrganizers", { count: f.count(petition.organizers.length) })}</summary>
        <ul className="mt-2 list-disc pl-6 text-sm">
          {petition.organizers.map((o, i) => (
            <li key={i}>{t("organizer", { name: o.name, role: o.role })}</li>
          ))}
        </ul>
        <ActionForm action={inviteCoOrganizerAction} hidden={hidden} submitLabel={t("invite")} variant="secondary">
          <FormField id="co-organizer-email" name="email" label={t("inviteEmail")} labelClassName="mt-2 block text-sm font-medium">
            <input id="co-organizer-email" name="email" type="email" required autoComplete="off" className={`${FIELD} max-w-sm`} />
          </FormField>
        </ActionForm>
      </details>
    </section>
  );
}
