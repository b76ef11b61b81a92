import "server-only";
// Started once by instrumentation.ts: the count's route (pages/api/petitions/[id]/count.ts) reads
// prepared answers through the instrumentation bundle's database client (./count-reader.ts).
import { db } from "@/lib/db/server";
import { cachedPublicCount } from "./count-cache";
import { keepCountReader, type CountReader } from "./count-reader";

export function countReader(): CountReader {
  return keepCountReader(() => (petitionId) => cachedPublicCount(db, petitionId));
}
