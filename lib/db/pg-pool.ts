// node-postgres pools for Prisma's pg driver adapter (docs/decisions/014).
//
// @prisma/adapter-pg 6.19 cannot read PostgreSQL's internal `name` and `"char"` column types
// (prisma/prisma#27403): `prisma migrate deploy` fails on its first catalog query ("Column type
// 'name' could not be deserialized"), and so would a raw query on pg_catalog. Both types are
// text, which node-postgres already returns as strings, so this client reports them as `text`
// to the adapter. Nothing else changes. Used by prisma.config.ts and lib/db/client.ts; plain
// relative imports only, because the Prisma CLI loads it too.
import pg from "pg";

const NAME = 19;
const CHAR = 18;
const TEXT = 25;

type Fields = { fields?: { dataTypeID: number }[] };

function asText<T>(result: T): T {
  for (const r of (Array.isArray(result) ? result : [result]) as Fields[]) {
    for (const field of r?.fields ?? []) if (field.dataTypeID === NAME || field.dataTypeID === CHAR) field.dataTypeID = TEXT;
  }
  return result;
}

export class CatalogTextClient extends pg.Client {
  // node-postgres's query has many overloads (promise, callback, submittable); this keeps them all.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: Error | null, result: unknown) => last(error, error ? result : asText(result));
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args) as { then?: unknown } | undefined;
    return out && typeof out.then === "function" ? (out as Promise<unknown>).then(asText) : out;
  }
}

export function createPgPool(connectionString: string, opts: Omit<pg.PoolConfig, "connectionString" | "Client"> = {}): pg.Pool {
  return new pg.Pool({ ...opts, connectionString, Client: CatalogTextClient });
}

/**
 * Prisma's pg adapter for the migration engine. @prisma/adapter-pg 6.19 runs a migration script
 * by splitting it at every `;`, which breaks the PL/pgSQL function behind the live-update
 * triggers (prisma/postgres/migrations/*_live_notify). PostgreSQL runs a multi-statement script
 * sent as one simple query by itself, as one implicit transaction, so a migration applies whole
 * or not at all.
 */
export async function migrationAdapter(url: string) {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  class WholeScriptPg extends PrismaPg {
    override async connect() {
      const adapter = await super.connect();
      const pool = adapter.underlyingDriver();
      adapter.executeScript = async (script: string) => {
        try {
          await pool.query(script);
        } catch (error) {
          // The adapter's own error mapping, so Prisma reports the database's message.
          (adapter as unknown as { onError: (e: unknown) => never }).onError(error);
        }
      };
      return adapter;
    }
  }
  return new WholeScriptPg(createPgPool(url, { max: 2 }), { disposeExternalPool: true });
}
