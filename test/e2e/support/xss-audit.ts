// What the XSS tests watch in the browser: payloads call top.__xss(n), which this records (and
// logs as a console error, which fails any test); CSP violations are logged as errors too; and
// the DOM is searched for anything that could run code.
import type { Page } from "@playwright/test";

/** Runs in every frame before the page's own scripts. */
export const WATCH = () => {
  const w = window as unknown as { __xssHits: number[]; __xss: (n: number) => void };
  w.__xssHits = [];
  w.__xss = (n: number) => {
    w.__xssHits.push(n);
    console.error(`XSS payload ${n} ran`);
  };
  document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} (${e.sample})`), true);
};

/** Dangerous things in the DOM: event-handler attributes, script URLs, frames, foreign scripts. */
export function domAudit(): string[] {
  const bad: string[] = [];
  const urlAttributes = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "ping", "srcset", "cite", "longdesc", "codebase", "manifest"]);
  // React 19 renders this placeholder on a form whose action is a function until it hydrates.
  const reactPlaceholder = /^javascript:throw new Error\('A React form was unexpectedly submitted/;
  for (const el of Array.from(document.querySelectorAll("*"))) {
    const tag = el.tagName.toLowerCase();
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      if (name.startsWith("on")) bad.push(`<${tag} ${a.name}="${a.value.slice(0, 60)}">`);
      if (name === "srcdoc") bad.push(`<${tag} srcdoc>`);
      if (urlAttributes.has(name) || name.endsWith(":href")) {
        const url = a.value.replace(/[\u0000-\u0020\u007f-\u00a0]/g, "").toLowerCase();
        if (/^(javascript|vbscript|data):/.test(url) && !reactPlaceholder.test(a.value)) bad.push(`<${tag} ${a.name}="${a.value.slice(0, 60)}">`);
      }
      if (name === "style" && /expression\s*\(|javascript:|url\s*\(/i.test(a.value)) bad.push(`<${tag} style="${a.value.slice(0, 60)}">`);
    }
    if (["iframe", "frame", "object", "embed", "applet", "base"].includes(tag)) bad.push(`<${tag}>`);
    if (tag === "meta" && (el.getAttribute("http-equiv") ?? "").toLowerCase() === "refresh") bad.push("<meta http-equiv=refresh>");
    if (tag === "script") {
      const s = el as HTMLScriptElement;
      if (s.src ? new URL(s.src).origin !== location.origin : !s.nonce) bad.push(`<script> without a nonce: ${(s.textContent ?? "").slice(0, 60)}`);
    }
  }
  return bad;
}

/** Every frame's record of payloads that ran (a frame that cannot answer counts as none). */
export async function hits(page: Page): Promise<number[]> {
  const all: number[] = [];
  for (const frame of page.frames()) {
    const read = frame.evaluate(() => (window as unknown as { __xssHits?: number[] }).__xssHits ?? []).catch(() => [] as number[]);
    all.push(...(await Promise.race([read, new Promise<number[]>((r) => setTimeout(() => r([]), 2000))])));
  }
  return all;
}
