"use client";

import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";

const noSubscribe = () => () => {};

/** After signing: ask colleagues to sign, with the petition's link to copy (named and anonymous panels). */
export function ShareStep({ path }: { path: string }) {
  const t = useTranslations("ShareStep");
  return (
    <div className="mt-3 rounded-lg bg-brand/5 p-3 ring-1 ring-brand/30" data-testid="share-step">
      <p className="font-semibold">{t("heading")}</p>
      <p className="mb-2 text-sm text-muted">{t("explain")}</p>
      <CopyLink path={path} label={t("label")} />
    </div>
  );
}

/** Shows a share link as a full address with a copy button. */
export function CopyLink({ path, label }: { path: string; label: string }) {
  const t = useTranslations("CopyLink");
  // The server does not know the address people reach it by; the browser does.
  const url = useSyncExternalStore(
    noSubscribe,
    () => new URL(path, window.location.origin).toString(),
    () => path,
  );
  const [copied, setCopied] = useState(false);
  return (
    <div className="grid gap-2">
      <label className="sr-only" htmlFor={`copy-${label}`}>{label}</label>
      {/* A text area, not a one-line field, as tall as the link: the whole link stays readable in a narrow column. */}
      <textarea
        id={`copy-${label}`}
        readOnly
        rows={2}
        value={url}
        className="field-sizing-content w-full resize-none break-all rounded-md border border-gray-400 bg-gray-50 px-3 py-2 font-mono text-sm"
        onFocus={(e) => e.currentTarget.select()}
      />
      <div className="flex items-center gap-2">
      <button
        type="button"
        className="rounded-md border border-gray-400 bg-white px-3 py-2 text-sm font-semibold hover:bg-gray-50"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(url);
            setCopied(true);
          } catch {
            setCopied(false);
          }
        }}
      >
        {t("copy")}
      </button>
      <span aria-live="polite" className="text-sm text-muted">{copied ? t("copied") : ""}</span>
      </div>
    </div>
  );
}
