import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The end-to-end tests build into their own folder so they never overwrite the demo's build.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Native and engine packages stay outside the bundle and load from node_modules.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "oidc-provider"],
  poweredByHeader: false,
  // No third-party requests and no telemetry (promise 4).
  images: { unoptimized: true },
};

export default nextConfig;
