// The app is typed against the SQLite client and uses the PostgreSQL client through that type
// (lib/db/client.ts, docs/decisions/014). That is sound while, for every model and operation,
// what the app may pass to the SQLite client is accepted by the PostgreSQL one, and what the
// PostgreSQL client returns has the SQLite client's result type. This file does not type-check
// (npm run typecheck) when that stops being true, and checks at run time that both generated
// clients know the same models and fields.
import { describe, expect, expectTypeOf, it } from "vitest";
import * as sqlite from "@/lib/generated/prisma/client";
import * as postgres from "@/lib/generated/prisma-pg/client";

type SqliteModels = sqlite.Prisma.TypeMap["model"];
type PostgresModels = postgres.Prisma.TypeMap["model"];
type Ops<M extends keyof SqliteModels> = SqliteModels[M]["operations"];

/** `true` for each model when every operation's arguments and results are interchangeable. */
type Interchangeable = {
  [M in keyof SqliteModels]: M extends keyof PostgresModels
    ? {
        [O in keyof Ops<M>]: O extends keyof PostgresModels[M]["operations"]
          ? Ops<M>[O] extends { args: infer A; result: infer R }
            ? PostgresModels[M]["operations"][O] extends { args: infer PA; result: infer PR }
              ? [A] extends [PA]
                ? [PR] extends [R]
                  ? true
                  : `${M & string}.${O & string}: result differs`
                : `${M & string}.${O & string}: arguments differ`
              : `${M & string}.${O & string}: missing`
            : never
          : `${M & string}.${O & string}: missing on PostgreSQL`;
      }[keyof Ops<M>]
    : `${M & string}: missing on PostgreSQL`;
}[keyof SqliteModels];

describe("the two generated clients", () => {
  it("accept the same arguments and return the same results for every model operation", () => {
    expectTypeOf<Interchangeable>().toEqualTypeOf<true>();
    expectTypeOf<keyof PostgresModels>().toEqualTypeOf<keyof SqliteModels>();
  });

  it("describe the same models and fields", () => {
    const fields = (p: object) =>
      Object.fromEntries(
        Object.entries(p)
          .filter(([k]) => k.endsWith("ScalarFieldEnum"))
          .map(([k, v]) => [k, Object.keys(v as object).sort()]),
      );
    const a = fields(sqlite.Prisma);
    expect(Object.keys(a).length).toBeGreaterThan(20);
    expect(fields(postgres.Prisma)).toEqual(a);
    expect(Object.keys(postgres.Prisma.ModelName).sort()).toEqual(Object.keys(sqlite.Prisma.ModelName).sort());
  });
});
