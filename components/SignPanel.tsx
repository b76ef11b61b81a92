"use client";

import { useActionState, useState } from "react";
import { signAction, withdrawAction } from "@/app/petitions/actions";
import { initialActionState } from "@/lib/http/action";
import { CopyLink } from "./CopyLink";
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
          {signature.coSponsor ? "You co-sponsored this petition" : "You signed this petition"}
          {signature.visibility === "named" ? " with your name." : " anonymously."}
        </p>
        <FormMessage state={signState} />
        {signState.ok && !coSponsoring && (
          <div className="mt-3 rounded-lg bg-brand/5 p-3 ring-1 ring-brand/30" data-testid="share-step">
            <p className="font-semibold">One more step: ask colleagues to sign</p>
            <p className="mb-2 text-sm text-muted">Petitions grow when people pass them on. Copy the link into a message or a chat.</p>
            <CopyLink path={`/petitions/${slug}`} label="Link to share after signing" />
          </div>
        )}
        {confirming ? (
          <form action={withdraw} className="mt-3 rounded-lg border border-red-300 bg-red-50/50 p-3" data-testid="withdraw-confirm">
            <input type="hidden" name="petitionId" value={petitionId} />
            <input type="hidden" name="slug" value={slug} />
            <p className="font-semibold">Withdraw your signature?</p>
            <p className="text-sm">It leaves the count{signature.visibility === "named" ? " and the list of names" : ""}. You can sign again while the petition is open{signature.visibility === "named" ? ", with your name" : ""}.</p>
            <div className="mt-2 flex flex-wrap gap-2">
              <button type="submit" disabled={withdrawing} className="rounded-lg border border-red-700 bg-white px-4 py-2 font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60">
                {withdrawing ? "Withdrawing…" : "Yes, withdraw my signature"}
              </button>
              <button type="button" onClick={() => setConfirming(false)} className="rounded-lg border border-gray-400 bg-white px-4 py-2 font-semibold hover:bg-gray-50">
                Keep my signature
              </button>
            </div>
          </form>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} className="mt-3 rounded-lg border border-gray-400 bg-white px-4 py-2 font-semibold hover:bg-gray-50">
            Withdraw my signature
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
        <legend className="font-semibold">{coSponsoring ? "Co-sponsor this petition" : "Sign this petition"}</legend>
        <div className="mt-2 grid gap-2">
          <label className="flex items-start gap-2">
            <input type="radio" name="visibility" value="named" checked={visibility === "named"} className="mt-1.5" onChange={() => setVisibility("named")} />
            <span>
              <span className="font-medium">With my name</span>
              <span className="block text-sm text-muted">Your name appears in the list of signers.</span>
            </span>
          </label>
          {namedOnly ? (
            <p className="text-sm text-muted">{namedOnly}</p>
          ) : coSponsoring ? (
            <p className="text-sm text-muted">Co-sponsors sign with their names: there are only a few of them, too few to hide among. Once the petition opens, anyone can sign anonymously.</p>
          ) : (
          <label className="flex items-start gap-2">
            <input type="radio" name="visibility" value="anonymous" checked={visibility === "anonymous"} className="mt-1.5" onChange={() => setVisibility("anonymous")} />
            <span>
              <span className="font-medium">Anonymously</span>
              <span className="block text-sm text-muted">
                Counted, never listed, and not stored with your account: this browser spends the petition&apos;s
                signing token, which it collected for every open petition whether or not you sign, without cookies.
                Signatures are written in batches (within the hour), so not even the moment points at you; the count
                moves when the batch is written. Anyone holding the database, its backups and the server&apos;s keys
                sees only who collected tokens. Not protected: what you tell people, software on your device, someone
                watching the network live. If you signed anonymously before tokens existed, the database notes it
                until this browser collects your token on your next visit, and never longer than the claim period
                (60 days unless your operators changed it), after which the note is erased from the database&apos;s
                files; backups from before then still show it.
              </span>
            </span>
          </label>
          )}
        </div>
      </fieldset>
      {!coSponsoring &&
        (visibility === "named" ? (
          <label className="mt-3 flex items-center gap-2 text-sm">
            <input type="checkbox" name="follow" value="true" defaultChecked /> Follow this petition (notifications about responses and updates)
          </label>
        ) : (
          <p className="mt-3 text-sm text-muted">
            Signing anonymously does not follow the petition, and no mail about it reaches you because you signed.
            To get updates, use Follow on this page: a follow is stored with your account, so the server then knows
            that you follow this petition (and since when), not whether you signed it.
          </p>
        ))}
      <button type="submit" disabled={signing} className="mt-3 w-full rounded-lg bg-brand px-5 py-3 text-lg font-semibold text-white hover:bg-brand-dark disabled:opacity-60">
        {signing ? "Signing…" : coSponsoring ? "Co-sponsor" : "Sign"}
      </button>
      <FormMessage state={signState} />
      {noToken && <NoTokenNote />}
      <AnonymousStatus petitionId={petitionId} />
      {!coSponsoring && <TokenTransfer />}
      {withdrawState.ok && <FormMessage state={withdrawState} />}
    </form>
  );
}
