// A JSON Schema (draft 2020-12) checker for the keywords zod writes into the OpenAPI document:
// type, enum, const, properties, required, additionalProperties, propertyNames, items, anyOf,
// oneOf, allOf, $ref (#/components/schemas/…), minimum, maximum, minLength, maxLength, pattern,
// minItems, maxItems. It throws on any other keyword, so a schema it cannot check fails the
// contract test instead of passing unchecked. Returns what does not fit, with JSON paths.
type Schema = Record<string, unknown> | boolean;

const IGNORED = new Set(["description", "default", "format", "title", "examples", "readOnly", "writeOnly", "deprecated"]);
const CHECKED = new Set([
  "type", "enum", "const", "properties", "required", "additionalProperties", "propertyNames", "items", "anyOf", "oneOf", "allOf",
  "$ref", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems", "maxItems",
]);

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

const fits = (type: string, actual: string) => type === actual || (type === "number" && actual === "integer");

export function validate(value: unknown, schema: Schema, components: Record<string, Schema>, at = "$"): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${at}: no value is allowed here`];
  for (const key of Object.keys(schema)) {
    if (!CHECKED.has(key) && !IGNORED.has(key)) throw new Error(`the contract test cannot check the keyword "${key}" (at ${at})`);
  }
  const s = schema as Record<string, unknown>;
  const errors: string[] = [];
  if (typeof s.$ref === "string") {
    const name = /^#\/components\/schemas\/(.+)$/.exec(s.$ref)?.[1];
    const target = name ? components[name] : undefined;
    if (target === undefined) throw new Error(`unresolvable $ref ${s.$ref}`);
    errors.push(...validate(value, target, components, at));
  }
  const actual = typeOf(value);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => fits(t, actual))) return [...errors, `${at}: expected ${types.join(" or ")}, got ${actual}`];
  }
  if (s.enum && !(s.enum as unknown[]).some((e) => e === value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  if ("const" in s && s.const !== value) errors.push(`${at}: expected ${JSON.stringify(s.const)}, got ${JSON.stringify(value)}`);
  if (typeof value === "string") {
    if (typeof s.minLength === "number" && [...value].length < s.minLength) errors.push(`${at}: shorter than ${s.minLength}`);
    if (typeof s.maxLength === "number" && [...value].length > s.maxLength) errors.push(`${at}: longer than ${s.maxLength}`);
    if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(value)) errors.push(`${at}: ${JSON.stringify(value)} does not match ${s.pattern}`);
  }
  if (typeof value === "number") {
    if (typeof s.minimum === "number" && value < s.minimum) errors.push(`${at}: below ${s.minimum}`);
    if (typeof s.maximum === "number" && value > s.maximum) errors.push(`${at}: above ${s.maximum}`);
    if (typeof s.exclusiveMinimum === "number" && value <= s.exclusiveMinimum) errors.push(`${at}: not above ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === "number" && value >= s.exclusiveMaximum) errors.push(`${at}: not below ${s.exclusiveMaximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === "number" && value.length < s.minItems) errors.push(`${at}: fewer than ${s.minItems} items`);
    if (typeof s.maxItems === "number" && value.length > s.maxItems) errors.push(`${at}: more than ${s.maxItems} items`);
    if (s.items !== undefined) value.forEach((v, i) => errors.push(...validate(v, s.items as Schema, components, `${at}[${i}]`)));
  }
  if (actual === "object") {
    const obj = value as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const key of (s.required ?? []) as string[]) if (!(key in obj)) errors.push(`${at}: missing "${key}"`);
    for (const [key, v] of Object.entries(obj)) {
      if (key in props) errors.push(...validate(v, props[key]!, components, `${at}.${key}`));
      else if (s.additionalProperties !== undefined) {
        if (s.additionalProperties === false) errors.push(`${at}: "${key}" is not in the document`);
        else errors.push(...validate(v, s.additionalProperties as Schema, components, `${at}.${key}`));
      }
      if (s.propertyNames !== undefined) errors.push(...validate(key, s.propertyNames as Schema, components, `${at}{${key}}`));
    }
  }
  if (s.allOf) for (const sub of s.allOf as Schema[]) errors.push(...validate(value, sub, components, at));
  if (s.anyOf && !(s.anyOf as Schema[]).some((sub) => validate(value, sub, components, at).length === 0)) {
    errors.push(`${at}: fits none of anyOf (${(s.anyOf as Schema[]).map((sub) => validate(value, sub, components, at)[0]).join(" / ")})`);
  }
  if (s.oneOf) {
    const matching = (s.oneOf as Schema[]).filter((sub) => validate(value, sub, components, at).length === 0).length;
    if (matching !== 1) errors.push(`${at}: fits ${matching} of oneOf, not exactly one`);
  }
  return errors;
}
