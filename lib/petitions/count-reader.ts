// The count's route is a Pages Router API route (pages/api/petitions/[id]/count.ts, decision 015),
// whose bundle may not import server-only modules (the database). The server starts the reader in
// instrumentation.ts (lib/petitions/count-service.ts) and leaves it here, on globalThis, where the
// route finds it, as the live stream's route finds its hub (decision 025).
import type { Cacheable } from "@/lib/http/conditional";
import { started } from "@/lib/runtime/started";

/** The prepared answer for a public petition's count, or null when there is none. */
export type CountReader = (petitionId: string) => Promise<Cacheable | null>;

const slot = started<CountReader>("undersignedCountReader");
export const keepCountReader = slot.keep;
export const runningCountReader = slot.running;
