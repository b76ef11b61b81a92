// GET /api/me (pages/api/me.ts) is a Pages Router API route, as the count is (decision 015): Next.js
// hands it Node's request, which costs about half of an App Router route handler, and it is asked
// once for every shared page a signed-in person opens (docs/decisions/035). Its bundle may not
// import server-only modules (the database), so the server starts the reader in
// instrumentation.ts (./service.ts) and leaves it here, on globalThis, where the route finds it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { PERSONAL_LISTENER } from "@/lib/runtime/node-routes.mjs";
import { started } from "@/lib/runtime/started";
import type { PersonalView } from "./view";

/** The view for the session in these cookies, or null when there is no valid session. */
export type PersonalReader = (cookie: (name: string) => string | undefined, path: string) => Promise<PersonalView | null>;

const slot = started<PersonalReader>("undersignedPersonalReader");
export const keepPersonalReader = slot.keep;
export const runningPersonalReader = slot.running;

/** The same, as the listener server.mjs calls before Next.js's router with the query string (docs/decisions/037). */
export type PersonalListener = (req: IncomingMessage, res: ServerResponse, search: string) => Promise<void>;

export const keepPersonalListener = started<PersonalListener>(PERSONAL_LISTENER).keep;
