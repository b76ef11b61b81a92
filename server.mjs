// @ts-check
// The production server (`npm start`): Next.js's request handler behind a Node HTTP server that
// answers a few hot addresses itself, before Next.js's router (docs/decisions/037): signing by
// name, which an all-staff email sends in a burst, and GET /api/me, which every signed-in view of
// a shared page asks for; Next.js's routing and API runtime cost them more than their own work.
// Everything else, and those addresses until instrumentation.ts has started their listeners,
// goes to Next.js as under `next start` (lib/runtime/node-routes.mjs lists them).
//
//   node server.mjs [-p PORT] [-H HOSTNAME]
//
// Plain JavaScript, loaded by Node as it is (no compiler at start, as for next.config.mjs).
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { SECURITY_HEADERS } from "./lib/http/security-headers.mjs";
import { nodeRouteOf } from "./lib/runtime/node-routes.mjs";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
  strict: true,
});
// As `next start` does: production unless said otherwise, and the port from -p, else PORT, else
// 3000 (lib/config checks PORT as it checks every setting, once the app has started).
// eslint-disable-next-line no-restricted-properties
const env = process.env;
if (!env.NODE_ENV) Object.assign(env, { NODE_ENV: "production" });
const port = Number(values.port ?? env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`[undersigned] The port must be a whole number from 1 to 65535, not "${values.port ?? env.PORT}".`);
  process.exit(1);
}
const hostname = values.hostname;
// As `next start` does once it listens; set before the app starts, which reads it (lib/config:
// the public page cache asks this server for its pages on this port).
env.PORT = String(port);
process.title = "undersigned";

// Imported after NODE_ENV is set: Next.js reads it as it loads.
const { default: next } = await import("next");
const app = next({ dev: false, dir: path.dirname(fileURLToPath(import.meta.url)), hostname: hostname ?? "localhost", port });
await app.prepare();
const handle = app.getRequestHandler();
const listeners = /** @type {Record<string, ((req: http.IncomingMessage, res: http.ServerResponse, param: string) => Promise<void>) | undefined>} */ (
  /** @type {unknown} */ (globalThis)
);

/**
 * As `next start` answers a request it failed to handle: a 500, logging only the error's class.
 * @param {http.ServerResponse} res
 * @returns {(error: unknown) => void}
 */
const failed = (res) => (error) => {
  console.error(`[undersigned] request failed: ${error instanceof Error ? error.name : "UnknownError"}`);
  if (!res.headersSent) res.statusCode = 500;
  res.end();
};

const server = http.createServer((req, res) => {
  const route = nodeRouteOf(req.method, req.url);
  const listener = route ? listeners[route.listener] : undefined;
  if (route && listener) {
    for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
    listener(req, res, route.param).catch(failed(res));
    return;
  }
  handle(req, res).catch(failed(res));
});
server.on("error", (error) => {
  console.error(`[undersigned] The server did not start: ${error.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => console.log(`[undersigned] Ready on http://${hostname ?? "localhost"}:${port}`));

// As `next start`: stop taking connections, let open requests finish, close Next.js, exit with
// the signal's code.
let closing = false;
for (const [signal, code] of /** @type {const} */ ([["SIGTERM", 143], ["SIGINT", 130]])) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close(() => void app.close().finally(() => process.exit(code)));
  });
}
