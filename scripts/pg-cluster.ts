// A throwaway PostgreSQL cluster for tests, benchmarks and offline migrations.
//
// From code (tsx, Vitest, Playwright):
//   import { startPostgresCluster } from "@/scripts/pg-cluster";
//   const pg = await startPostgresCluster();            // initdb + start on 127.0.0.1
//   const url = await pg.createDatabase("bench");      // postgresql://postgres@127.0.0.1:PORT/bench
//   ...
//   await pg.stop();                                   // stops it and deletes its files
//
// From a shell: `npm run db:postgres -- [--port N] [--database NAME] [--durable]` prints
// `DATABASE_URL=postgresql://...` and keeps the cluster until Ctrl-C or SIGTERM.
//
// The binaries come from PG_BIN, Debian's /usr/lib/postgresql/<version>/bin (newest first) or the
// PATH (apt-get install -y postgresql). PostgreSQL refuses to run as root, so as root the cluster
// runs as the `postgres` user (made by Debian's package) or `nobody`. The port is `port`, else
// the first free one of UNDERSIGNED_PG_PORT..+9, else any free port. The cluster trusts local
// connections, skips fsync unless `durable` is set (benchmarks), and is deleted when stopped.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { toolsConfig } from "@/lib/config";

export type PostgresCluster = {
  /** 127.0.0.1 port the cluster listens on. */
  port: number;
  /** URL of a database in this cluster (default: the `postgres` maintenance database). */
  url: (database?: string) => string;
  /** Creates a database (optionally as a copy of a template) and returns its URL. */
  createDatabase: (name: string, opts?: { template?: string }) => Promise<string>;
  /** Drops a database, closing its connections first. */
  dropDatabase: (name: string) => Promise<void>;
  /** The cluster's data directory. */
  dataDir: string;
  /** Stops the cluster and deletes its files. Safe to call twice. */
  stop: () => void;
};

/** Folder holding initdb, pg_ctl and postgres, or null when PostgreSQL is not installed. */
export function findPostgresBin(): string | null {
  const candidates: string[] = [];
  const tools = toolsConfig();
  if (tools.PG_BIN) candidates.push(tools.PG_BIN);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join(debian, v, "bin"));
  }
  for (const dir of tools.PATH.split(":")) if (dir) candidates.push(dir);
  return candidates.find((dir) => ["initdb", "pg_ctl", "postgres"].every((b) => existsSync(path.join(dir, b)))) ?? null;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function choosePort(requested?: number): Promise<number> {
  if (requested) {
    if (!(await portIsFree(requested))) throw new Error(`port ${requested} is in use`);
    return requested;
  }
  const base = toolsConfig().UNDERSIGNED_PG_PORT ?? 0;
  if (base) {
    for (let p = base; p < base + 10; p++) if (await portIsFree(p)) return p;
    throw new Error(`no free port in ${base}-${base + 9} (UNDERSIGNED_PG_PORT)`);
  }
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Who runs the cluster: ourselves, or as root an unprivileged account (PostgreSQL refuses root). */
function clusterUser(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ["postgres", "nobody"]) {
    const id = spawnSync("id", ["-u", name], { encoding: "utf8" });
    if (id.status === 0) {
      const gid = spawnSync("id", ["-g", name], { encoding: "utf8" });
      return { name, uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
    }
  }
  throw new Error("running as root and neither a postgres nor a nobody account exists to run PostgreSQL");
}

function run(bin: string, args: string[], user: ReturnType<typeof clusterUser>, cwd: string) {
  const [command, argv] = user ? ["runuser", ["-u", user.name, "--", bin, ...args]] : [bin, args];
  execFileSync(command, argv, { cwd, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
}

/**
 * If this process dies without stopping the cluster (SIGKILL, a crashed test runner), a small
 * detached shell notices within two seconds and stops and deletes it, so no stray server is left.
 */
function watchdog(bin: string, dataDir: string, root: string, user: ReturnType<typeof clusterUser>) {
  const pgCtl = user ? `runuser -u ${user.name} -- "$2/pg_ctl"` : `"$2/pg_ctl"`;
  const script = `while kill -0 "$1" 2>/dev/null && [ -d "$3" ]; do sleep 2; done; if [ -d "$3" ]; then ${pgCtl} -D "$3" -m immediate -w stop >/dev/null 2>&1; rm -rf "$4"; fi`;
  spawn("sh", ["-c", script, "pg-watchdog", String(process.pid), bin, dataDir, root], { detached: true, stdio: "ignore" }).unref();
}

/**
 * Starts a cluster. `durable: true` keeps PostgreSQL's default fsync and synchronous commit, as a
 * benchmark comparing it with SQLite's synchronous=FULL needs; by default they are off, because
 * test data does not need to survive a power cut.
 */
export async function startPostgresCluster(opts: { port?: number; durable?: boolean } = {}): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error("PostgreSQL is not installed: apt-get install -y postgresql (or set PG_BIN to the folder holding initdb, pg_ctl and postgres)");
  }
  const user = clusterUser();
  const root = mkdtempSync(path.join(os.tmpdir(), "undersigned-pg-"));
  chmodSync(root, 0o700);
  if (user) chownSync(root, user.uid, user.gid);
  const dataDir = path.join(root, "data");
  const logFile = path.join(root, "postgres.log");
  let stopped = false;
  let started = false;

  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.removeListener("exit", stop);
    if (started) {
      try {
        run(path.join(bin, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"], user, root);
      } catch {
        // already gone
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  process.once("exit", stop);

  try {
    run(path.join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", ...(opts.durable ? [] : ["--no-sync"])], user, root);
    const port = await choosePort(opts.port);
    const settings = [
      `-p ${port}`,
      "-h 127.0.0.1",
      `-k ${root}`,
      ...(opts.durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
      "-c max_connections=300",
      "-c shared_buffers=64MB",
    ].join(" ");
    try {
      run(path.join(bin, "pg_ctl"), ["-D", dataDir, "-l", logFile, "-w", "-t", "60", "-o", settings, "start"], user, root);
    } catch (error) {
      const log = existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-2000) : "";
      throw new Error(`PostgreSQL did not start on port ${port}: ${error instanceof Error ? error.message : error}\n${log}`);
    }
    started = true;
    watchdog(bin, dataDir, root, user);

    const url = (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`;
    const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
      }
    };
    const ident = (name: string) => {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      return `"${name}"`;
    };
    return {
      port,
      dataDir,
      url,
      stop,
      createDatabase: async (name, o = {}) => {
        await admin((c) => c.query(`CREATE DATABASE ${ident(name)}${o.template ? ` TEMPLATE ${ident(o.template)}` : ""}`));
        return url(name);
      },
      dropDatabase: async (name) => {
        await admin((c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}

if (process.argv[1] && /pg-cluster\.ts$/.test(process.argv[1])) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const port = arg("--port") ? Number(arg("--port")) : undefined;
  const database = arg("--database") ?? "undersigned";
  startPostgresCluster({ port, durable: process.argv.includes("--durable") })
    .then(async (cluster) => {
      const url = await cluster.createDatabase(database);
      console.log(`DATABASE_URL=${url}`);
      console.error(`PostgreSQL is running (data in ${cluster.dataDir}); Ctrl-C stops it and deletes it.`);
      const quit = () => {
        cluster.stop();
        process.exit(0);
      };
      process.on("SIGINT", quit);
      process.on("SIGTERM", quit);
      setInterval(() => {}, 1 << 30);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
