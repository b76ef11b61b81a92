// The benchmark's baseline: the least a server can do to take a signature. node:http and
// better-sqlite3 on the same schema and the same durability settings as the app
// (lib/db/client.ts), one transaction that inserts the signature and increments the count, no
// framework, no session, no validation beyond the minimum. Undersigned's signing throughput is
// reported as a ratio of this server's, measured in the same run on the same machine.
//   node --import tsx scripts/bench/baseline-server.ts PORT DB_FILE
import { randomUUID } from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";
import { SQLITE_PRAGMAS } from "@/lib/db/client";

const [portArg, file] = process.argv.slice(2);
if (!portArg || !file) throw new Error("usage: baseline-server.ts PORT DB_FILE");

const db = new Database(file);
for (const pragma of SQLITE_PRAGMAS) db.exec(pragma);

const insert = db.prepare(
  "INSERT OR IGNORE INTO Signature (id, petitionId, userId, visibility, coSponsor, createdAt) VALUES (?, ?, ?, ?, 0, ?)",
);
const increment = db.prepare("UPDATE Petition SET signatureCount = signatureCount + 1 WHERE id = ?");
const count = db.prepare("SELECT signatureCount FROM Petition WHERE id = ?").pluck();
const sign = db.transaction((petitionId: string, userId: string, visibility: string) => {
  const inserted = insert.run(randomUUID(), petitionId, userId, visibility, new Date().toISOString().replace("Z", "+00:00")).changes === 1;
  if (inserted) increment.run(petitionId);
  return { inserted, signatureCount: count.get(petitionId) as number };
});

const server = http.createServer((req, res) => {
  const match = /^\/sign\/([^/?]+)$/.exec(req.url ?? "");
  const user = /(?:^|;\s*)uid=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
  if (req.method !== "POST" || !match || !user) {
    res.writeHead(404).end();
    return;
  }
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk));
  req.on("end", () => {
    let visibility = "named";
    try {
      visibility = (JSON.parse(body) as { visibility?: string }).visibility === "anonymous" ? "anonymous" : "named";
    } catch {
      res.writeHead(400).end();
      return;
    }
    const result = sign(match[1]!, user, visibility);
    res.writeHead(result.inserted ? 201 : 200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ status: result.inserted ? "signed" : "already_signed", petition: { signatureCount: result.signatureCount } }));
  });
});

server.keepAliveTimeout = 65_000;
server.listen(Number(portArg), "127.0.0.1", () => process.stdout.write("ready\n"));
const stop = () => server.close(() => {
  db.close();
  process.exit(0);
});
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
