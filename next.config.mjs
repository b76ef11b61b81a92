// @ts-check
// Plain JavaScript, so \`next start\` loads it as it is: a TypeScript config is compiled with SWC
// at every start, and loading SWC's native module costs each server about 30 MB of memory for
// its whole life (issue 15, point 6; measured in decision 025).
import createNextIntlPlugin from "next-intl/plugin";
import { SECURITY_HEADERS } from "./lib/http/security-headers.mjs";

// next-intl reads the request's language and messages from i18n/request.ts (docs/decisions/029).
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import("next").NextConfig} */
const nextConfig = {
  // The end-to-end tests build into their own folder so they never overwrite the demo's build.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Native and engine packages stay outside the bundle and load from node_modules.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg", "oidc-provider"],
  poweredByHeader: false,
  // forbidden() answers 403 with app/forbidden.tsx for signed-in people without the right role.
  experimental: { authInterrupts: true },
  // The proxy sees requests as they came: a client navigation's `rsc` header and `_rsc` query are
  // how the public page cache tells it from a document request (docs/decisions/031); Next.js would
  // otherwise strip both before the proxy runs.
  skipProxyUrlNormalize: true,
  // No third-party requests and no telemetry (promise 4).
  images: { unoptimized: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [...SECURITY_HEADERS],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
