"use client";

import { useState, useSyncExternalStore } from "react";

const noSubscribe = () => () => {};

/** Shows a share link as a full address with a copy button. */
export function CopyLink({ path, label }: { path: string; label: string }) {
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
        Copy link
      </button>
      <span aria-live="polite" className="text-sm text-muted">{copied ? "Copied" : ""}</span>
      </div>
    </div>
  );
}
