// A list of well-known XSS payloads (OWASP's filter evasion cheat sheet, PortSwigger's XSS cheat
// sheet, published sanitizer bypasses and mutation XSS), plus Markdown link and image attacks.
// Each takes the code to run, so a test can make every payload call a function it watches.

export type Payload = { name: string; make: (run: string) => string };

const b64 = (s: string) => Buffer.from(s).toString("base64");

export const XSS_PAYLOADS: Payload[] = [
  { name: "script tag", make: (r) => `<script>${r}</script>` },
  { name: "script tag, mixed case", make: (r) => `<ScRiPt>${r}</sCrIpT>` },
  { name: "split script tag", make: (r) => `<scr<script>ipt>${r}</scr</script>ipt>` },
  { name: "img onerror", make: (r) => `<img src=x onerror="${r}">` },
  { name: "img onerror, no quotes, no closing", make: (r) => `<img src=x:x onerror=${r}//` },
  { name: "img javascript src", make: (r) => `<IMG SRC=JaVaScRiPt:${r}>` },
  { name: "svg onload", make: (r) => `<svg onload="${r}">` },
  { name: "svg onload, slash", make: (r) => `<svg/onload=${r}>` },
  { name: "svg script", make: (r) => `<svg><script>${r}</script></svg>` },
  { name: "svg animate onbegin", make: (r) => `<svg><animate onbegin="${r}" attributeName=x dur=1s>` },
  { name: "svg xlink javascript", make: (r) => `<svg><a xlink:href="javascript:${r}"><text x=20 y=20>svg link</text></a></svg>` },
  { name: "iframe srcdoc", make: (r) => `<iframe srcdoc="<script>${r}</script>"></iframe>` },
  { name: "iframe javascript src", make: (r) => `<iframe src="javascript:${r}"></iframe>` },
  { name: "object data URI", make: (r) => `<object data="data:text/html;base64,${b64(`<script>${r}</script>`)}"></object>` },
  { name: "embed javascript", make: (r) => `<embed src="javascript:${r}">` },
  { name: "anchor javascript", make: (r) => `<a href="javascript:${r}">anchor javascript</a>` },
  { name: "anchor javascript, whitespace and entities", make: (r) => `<a href=" &#14; jav&#x09;ascript:${r}">anchor entities</a>` },
  { name: "anchor data URI", make: (r) => `<a href="data:text/html,<script>${r}</script>">anchor data</a>` },
  { name: "markdown javascript link", make: (r) => `[markdown link](javascript:${r})` },
  { name: "markdown javascript link, mixed case", make: (r) => `[markdown case](JaVaScRiPt:${r})` },
  { name: "markdown javascript link, angle brackets", make: (r) => `[markdown angle](<javascript:${r}>)` },
  { name: "markdown javascript link, entity", make: (r) => `[markdown entity](&#106;avascript:${r})` },
  { name: "markdown reference link", make: (r) => `[markdown ref][xss]\n\n[xss]: javascript:${r}` },
  { name: "markdown data link", make: (r) => `[markdown data](data:text/html;base64,${b64(`<script>${r}</script>`)})` },
  { name: "markdown image javascript", make: (r) => `![markdown image](javascript:${r})` },
  { name: "markdown image attribute breakout", make: (r) => `![breakout](x" onerror="${r})` },
  { name: "markdown link title breakout", make: (r) => `[title breakout](https://example.com "x\\" onmouseover=\\"${r}")` },
  { name: "markdown autolink breakout", make: (r) => `<http://example.com/" onmouseover="${r}>` },
  { name: "style expression", make: (r) => `<div style="width: expression(${r})">style expression</div>` },
  { name: "style javascript url", make: (r) => `<div style="background:url(javascript:${r})">style url</div>` },
  { name: "style import", make: (r) => `<style>@import 'javascript:${r}';</style>` },
  { name: "mXSS noscript title", make: (r) => `<noscript><p title="</noscript><img src=x onerror=${r}>">` },
  { name: "mXSS math style", make: (r) => `<math><mtext><table><mglyph><style><img src=x onerror=${r}>` },
  { name: "mXSS comment", make: (r) => `<!--<img src="--><img src=x onerror=${r}//">` },
  { name: "mXSS textarea", make: (r) => `<textarea></textarea><img src=x onerror=${r}></textarea>` },
  { name: "details ontoggle", make: (r) => `<details open ontoggle="${r}">details</details>` },
  { name: "input autofocus onfocus", make: (r) => `<input autofocus onfocus="${r}">` },
  { name: "body onload", make: (r) => `<body onload="${r}">` },
  { name: "video source onerror", make: (r) => `<video><source onerror="${r}"></video>` },
  { name: "form formaction", make: (r) => `<form><button formaction="javascript:${r}">formaction</button></form>` },
  { name: "meta refresh", make: (r) => `<meta http-equiv="refresh" content="0;url=javascript:${r}">` },
  { name: "base href", make: (r) => `<base href="javascript:${r}//">` },
  { name: "link stylesheet", make: (r) => `<link rel=stylesheet href="javascript:${r}">` },
  { name: "attribute breakout, double quote", make: (r) => `"><script>${r}</script>` },
  { name: "attribute breakout, single quote", make: (r) => `'><img src=x onerror=${r}>` },
  { name: "textarea breakout", make: (r) => `</textarea><script>${r}</script>` },
  { name: "title breakout", make: (r) => `</title><script>${r}</script>` },
  { name: "template injection", make: (r) => `{{constructor.constructor('${r}')()}}` },
  { name: "template literal", make: (r) => `\${${r}}` },
  { name: "bare javascript URL", make: (r) => `javascript:${r}` },
];

/** Code a payload runs: calls the watched function in the top window (iframes included). */
export const callWatched = (n: number) => `top.__xss(${n})`;

export const payloadTexts = (run: (n: number) => string = callWatched) => XSS_PAYLOADS.map((p, i) => p.make(run(i)));
