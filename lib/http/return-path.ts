// Where a form may send a person back to: a path on this site only ("/petitions?q=x"), never
// another origin ("//evil.example", "/\\evil.example", "https://…"), so a forged form cannot make
// the site an open redirect.
export function returnPath(value: string | undefined, fallback = "/"): string {
  if (!value || value.length > 2000) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  try {
    const url = new URL(value, "http://x.invalid");
    return url.origin === "http://x.invalid" ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}
