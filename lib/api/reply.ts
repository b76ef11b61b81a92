// Sends a route's JSON answer through the schema the OpenAPI document describes it with: a value
// that does not fit the schema does not compile, so a handler cannot answer something the
// document does not say (docs/decisions/023). Dates count as the ISO strings JSON makes of them.
import type { z } from "zod";

/** What JSON.stringify makes of a value's type: Dates become strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** The value itself, when it fits the schema; a compile error otherwise. */
export function fitting<S extends z.ZodType, const T>(schema: S, value: T & (Wire<T> extends z.output<S> ? unknown : never)): T {
  void schema;
  return value;
}

export function reply<S extends z.ZodType, const T>(schema: S, value: T & (Wire<T> extends z.output<S> ? unknown : never), init?: ResponseInit): Response {
  return Response.json(fitting(schema, value), init);
}
