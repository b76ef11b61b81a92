"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { signAction, withdrawAction } from "@/app/petitions/actions";
import { initialActionState } from "@/lib/http/action-state";
import { ShareStep } from "./CopyLink";
import { FormMessage } from "./FormMessage";
import { AnonymousStatus, NoTokenNote, signAnonymously, TokenTransfer, useSignToken } from "./anonymous/AnonymousSign";
import { walletReady } from "./anonymous/sign-wallet";

type Props = {
  petitionId: string;
  slug: string;
  signature: { visibility: "named" | "anonymous"; coSponsor: boolean } | null;
  invite?: string;
  coSponsoring: boolean;
  /** Why this person may sign only by name (they withdrew a named signature), if so. */
  namedOnly?: string | null;
};

export function SignPanel({ petitionId, slug, signature, invite, coSponsoring, namedOnly }: Props) {
  const t = useTranslations("SignPanel");
  const [signState, sign, signing] = useActionState(signAction, initialActionState);
  const [withdrawState, withdraw, withdrawing] = useActionState(withdrawAction, initialActionState);
  const [visibility, setVisibility] = useState<"named" | "anonymous">("named");
  // Withdrawing asks first, in the page (not a browser dialog): one stray click must not undo a signature.
  const [confirming, setConfirming] = useState(false);
  // The anonymous path lives in ./anonymous (decision 018): this browser's token for the petition.
  const token = useSignToken(petitionId);
  const [noToken, setNoToken] = useState(false);

  if (!signature && (token.held?.signed === "anonymously" || token.waiting)) return <AnonymousStatus petitionId={petitionId} sharePath={coSponsoring ? undefined : `/petitions/${slug}`} />;

  if (signature) {
    return (
      <div>
        <p className="font-semibold">
          {t(signature.coSponsor ? "youCoSponsored" : "youSigned", { how: signature.visibility })}
        </p>
        <FormMessage state={signState} />
        {signState.ok && !coSponsoring && (
          <ShareStep path={`/petitions/${slug}`} />
        )}
        {confirming ? (
          <form action={withdraw} className="mt-3 rounded-lg border border-red-300 bg-red-50/50 p-3" data-testid="withdraw-confirm">
            <input type="hidden" name="petitionId" value={petitionId} />
            <input type="hidden" name="slug" value={slug} />
            <p className="font-semibold">{t("withdrawQuestion")}</p>
            <p className="text-sm">{t("withdrawExplain", { how: signature.visibility })}</p>
            <div className="mt-2 flex flex-wrap gap-2">
              <button type="submit" disabled={withdrawing} className="rounded-lg border border-red-700 bg-white px-4 py-2 font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60">
                {withdrawing ? t("withdrawing") : t("withdrawYes")}
              </button>
              <button type="button" onClick={() => setConfirming(false)} className="rounded-lg border border-gray-400 bg-white px-4 py-2 font-semibold hover:bg-gray-50">
                {t("keep")}
              </button>
            </div>
          </form>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} className="mt-3 rounded-lg border border-gray-400 bg-white px-4 py-2 font-semibold hover:bg-gray-50">
            {t("withdraw")}
          </button>
        )}
        <FormMessage state={withdrawState} />
      </div>
    );
  }

  return (
    // The action itself, not a function around it: React renders a server action into the form's
    // HTML, so the form works before its script loads (or without it). Only the anonymous choice
    // is taken over by the script, which spends this browser's token without cookies.
    <form
      action={sign}
      onSubmit={(e) => {
        setConfirming(false);
        if (!token.ready) {
          // The wallet is still collecting this page's tokens. A named signature must spend the
          // petition's token once it is collected (decision 018), so wait for it, then send.
          e.preventDefault();
          const form = e.currentTarget;
          void walletReady().then(() => setTimeout(() => form.requestSubmit(), 0));
          return;
        }
        if (visibility !== "anonymous") return;
        // Anonymous signatures never go through the signed-in form: the browser sends the token without cookies.
        e.preventDefault();
        setNoToken(!token.held);
        if (token.held) void signAnonymously(petitionId);
      }}
    >
      {token.held?.signed === "no" && <input type="hidden" name="token" value={JSON.stringify({ nonce: token.held.token.nonce, signature: token.held.token.signature })} />}
      <input type="hidden" name="petitionId" value={petitionId} />
      <input type="hidden" name="slug" value={slug} />
      {invite && <input type="hidden" name="invite" value={invite} />}
      <fieldset>
        <legend className="font-semibold">{coSponsoring ? t("coSponsorLegend") : t("signLegend")}</legend>
        <div className="mt-2 grid gap-2">
          <label className="flex items-start gap-2">
            <input type="radio" name="visibility" value="named" checked={visibility === "named"} className="mt-1.5" onChange={() => setVisibility("named")} />
            <span>
              <span className="font-medium">{t("named")}</span>
              <span className="block text-sm text-muted">{t("namedExplain")}</span>
            </span>
          </label>
          {namedOnly ? (
            <p className="text-sm text-muted">{namedOnly}</p>
          ) : coSponsoring ? (
            <p className="text-sm text-muted">{t("coSponsorsNamed")}</p>
          ) : (
          <label className="flex items-start gap-2">
            <input type="radio" name="visibility" value="anonymous" checked={visibility === "anonymous"} className="mt-1.5" onChange={() => setVisibility("anonymous")} />
            <span>
              <span className="font-medium">{t("anonymous")}</span>
              <span className="block text-sm text-muted">{t("anonymousExplain")}</span>
            </span>
          </label>
          )}
        </div>
      </fieldset>
      {!coSponsoring &&
        (visibility === "named" ? (
          <label className="mt-3 flex items-center gap-2 text-sm">
            <input type="checkbox" name="follow" value="true" defaultChecked /> {t("follow")}
          </label>
        ) : (
          <p className="mt-3 text-sm text-muted">{t("anonymousNoFollow")}</p>
        ))}
      <button type="submit" disabled={signing} className="mt-3 w-full rounded-lg bg-brand px-5 py-3 text-lg font-semibold text-white hover:bg-brand-dark disabled:opacity-60">
        {signing ? t("signing") : coSponsoring ? t("coSponsor") : t("sign")}
      </button>
      <FormMessage state={signState} />
      {noToken && <NoTokenNote />}
      <AnonymousStatus petitionId={petitionId} />
      {!coSponsoring && <TokenTransfer />}
      {withdrawState.ok && <FormMessage state={withdrawState} />}
    </form>
  );
}
