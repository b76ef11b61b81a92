"use client";

// What the petition page offers its viewer to do about signing: sign in, the Sign panel, their
// signature, or why none of these. A client part (docs/decisions/035): the account and the
// viewer's standing come from the server's rendering for them, or, on the shared page served from
// the cache, from GET /api/me.
import { useTranslations } from "next-intl";
import { useFormat } from "./format";
import { useAccount, usePetitionViewer } from "./personal/PersonalParts";
import { SignPanel } from "./SignPanel";
import type { PetitionViewer } from "@/lib/personal/view";

/** What the page knows of the petition, the same for everyone. */
export type SignFacts = {
  id: string;
  slug: string;
  state: "draft" | "collecting" | "open" | "closed";
  hidden: boolean;
  coSponsors: { count: number; needed: number };
};

export function SignArea({ petition, viewer: rendered, organizer, invite }: { petition: SignFacts; viewer: PetitionViewer | null; organizer: boolean; invite?: string }) {
  const t = useTranslations("SignArea");
  const f = useFormat();
  const account = useAccount();
  const viewer = usePetitionViewer(petition.id, rendered);
  const ownSignature = viewer?.signature ?? null;
  if (petition.state === "draft") {
    return <p className="text-muted">{t("isDraft")}</p>;
  }
  if (petition.hidden) {
    return <p>{t("isHidden")}</p>;
  }
  if (petition.state === "closed") {
    return (
      <p>
        {t("isClosed")}
        {ownSignature && <> {t("youSigned", { visibility: ownSignature.visibility })}</>}
      </p>
    );
  }
  if (!account) {
    const back = `/petitions/${petition.slug}${invite ? `?invite=${encodeURIComponent(invite)}` : ""}`;
    // A real button (a GET form to the sign-in page), the same weight as the Sign button it leads to.
    return (
      <form action="/signin" method="get">
        <input type="hidden" name="callbackUrl" value={back} />
        <button type="submit" className="w-full rounded-lg bg-brand px-5 py-3 text-lg font-semibold text-white hover:bg-brand-dark">
          {t("signInTo", { action: petition.state === "collecting" ? "coSponsor" : "sign" })}
        </button>
        <p className="mt-2 text-sm text-muted">{t("signInHint")}</p>
      </form>
    );
  }
  if (petition.state === "collecting" && !ownSignature) {
    if (organizer) {
      return <p className="text-muted">{t("waitingForCoSponsors", { count: f.count(petition.coSponsors.count), needed: f.count(petition.coSponsors.needed) })}</p>;
    }
    if (!invite) return <p className="text-muted">{t("needInvite")}</p>;
  }
  return (
    <SignPanel
      petitionId={petition.id}
      slug={petition.slug}
      signature={ownSignature}
      invite={invite}
      coSponsoring={petition.state === "collecting"}
      namedOnly={viewer?.namedOnly ?? null}
    />
  );
}
