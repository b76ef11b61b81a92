import { readFileSync } from "node:fs";
import path from "node:path";

export const dynamic = "force-static";

// Browsers ask for /favicon.ico on their own (before or without reading the page's icon link);
// answer with the app's icon instead of a 404.
const icon = readFileSync(path.join(process.cwd(), "app", "icon.svg"));

export function GET() {
  return new Response(icon, { headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400" } });
}
