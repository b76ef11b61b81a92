// Prisma's SQLite driver adapter runs every query on a single better-sqlite3 connection, but
// only transactions take its lock: a query from another request that arrives while an
// interactive transaction is open would run inside that transaction, see its uncommitted rows,
// and be rolled back with it (test/integration/db-isolation.test.ts). This wrapper holds such
// queries until the transaction ends. It also lets hot paths run hand-written SQL on the same
// connection (`runDirect`), synchronously, so nothing can interleave with them.
import type Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { IsolationLevel, SqlDriverAdapter, SqlQuery, SqlResultSet, Transaction } from "@prisma/driver-adapter-utils";

/** Lets one transaction hold the connection at a time and makes everything else wait for it. */
class ConnectionGate {
  private holder: Promise<void> | null = null;
  private queue: Promise<void> = Promise.resolve();

  /**
   * Runs `work` once no transaction holds the connection. The check and the call happen in the
   * same synchronous step, so a transaction cannot begin in between; `work` must start its
   * database call synchronously (the adapter's queries do).
   */
  async run<T>(work: () => T): Promise<Awaited<T>> {
    while (this.holder) await this.holder;
    return await work();
  }

  /** Takes the connection for a transaction; the returned function gives it back. */
  async hold(): Promise<() => void> {
    let next!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (next = resolve));
    // Transactions queue here, so the previous one has released the connection.
    await previous;
    let release!: () => void;
    this.holder = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.holder = null;
      release();
      next();
    };
  }
}

class GatedAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;

  constructor(
    private readonly inner: SqlDriverAdapter,
    readonly gate: ConnectionGate,
    readonly client: Database.Database,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.gate.run(() => this.inner.queryRaw(query));
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    return this.gate.run(() => this.inner.executeRaw(query));
  }

  async executeScript(script: string): Promise<void> {
    return this.gate.run(() => this.inner.executeScript(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const release = await this.gate.hold();
    let transaction: Transaction;
    try {
      transaction = await this.inner.startTransaction(isolationLevel);
    } catch (error) {
      release();
      throw error;
    }
    const end = (finish: () => Promise<void>) => async () => {
      try {
        await finish();
      } finally {
        release();
      }
    };
    // Prisma sends COMMIT or ROLLBACK as a query on the transaction, then calls these.
    transaction.commit = end(transaction.commit.bind(transaction));
    transaction.rollback = end(transaction.rollback.bind(transaction));
    return transaction;
  }

  getConnectionInfo() {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

export class GatedSQLite extends PrismaBetterSQLite3 {
  private connection: Promise<GatedAdapter> | null = null;

  constructor(
    config: ConstructorParameters<typeof PrismaBetterSQLite3>[0],
    private readonly pragmas: readonly string[],
  ) {
    super(config);
  }

  get isConnected(): boolean {
    return this.connection !== null;
  }

  override connect(): Promise<SqlDriverAdapter> {
    this.connection = (async () => {
      const inner = await super.connect();
      await inner.executeScript(this.pragmas.join(";\n") + ";");
      const client = (inner as unknown as { client?: Database.Database }).client;
      if (!client || typeof client.prepare !== "function") {
        throw new Error("The SQLite driver adapter no longer exposes its connection; lib/db/sqlite-adapter.ts needs updating.");
      }
      // Transactions start with BEGIN IMMEDIATE, taking the write lock up front (waiting up to
      // the busy timeout for it). With the adapter's plain BEGIN, a transaction that reads first
      // is a reader, and if another process writes before its first write SQLite refuses the
      // upgrade at once ("database is locked") instead of waiting. Every transaction here writes.
      const prepare = client.prepare.bind(client);
      client.prepare = ((sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql)) as typeof client.prepare;
      return new GatedAdapter(inner, new ConnectionGate(), client);
    })();
    return this.connection;
  }

  /**
   * Runs `work` on the connection when no transaction holds it. `work` is synchronous, so it
   * runs whole: wrap writes in `client.transaction(...)` to make them atomic.
   */
  async runDirect<T>(work: (client: Database.Database) => T): Promise<T> {
    if (!this.connection) throw new Error("runDirect before the Prisma client connected.");
    const adapter = await this.connection;
    return adapter.gate.run(() => work(adapter.client)) as Promise<T>;
  }
}
