// @ts-check
// The headers every answer carries: Next.js adds them to its own answers (next.config.mjs,
// `headers()`), and the server adds them to the answers it gives before Next.js's router
// (server.mjs, docs/decisions/037). Plain JavaScript, so both load it as it is.

/** @type {readonly { key: string; value: string }[]} */
export const SECURITY_HEADERS = [
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Links to other sites carry no trace of where people came from.
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];
