import type { z } from 'zod';

/**
 * A quick yes in front of zod, for the commands people send all through a round (a note, an
 * edit). Derived from each command's own zod schema when the table is built, never written by
 * hand: it accepts only input zod accepts, and gives exactly what zod would give. Anything it is
 * not sure of (a wrong type, a missing or unknown field, a shape it does not know) it leaves to
 * zod, so every refusal, and every refusal's message, is still zod's.
 *
 * Why: `bench:load` found zod's parse of a `note:add` the largest piece of the server's own work
 * per note at the base rate, where notes come 4 ms apart and every one runs through cold code;
 * a note checked here costs a tenth of that (docs/load.md). A property test holds this to zod on
 * every command's schema (tests/property/quick.test.ts).
 */

/** What a quick check says: the parsed value, or `UNSURE` (zod decides). */
export const UNSURE: unique symbol = Symbol('unsure');
type Check = (value: unknown) => unknown;

/** Checks made beside a schema that zod runs as code of its own (a transform): the text fields. */
const beside = new WeakMap<object, Check>();

/**
 * Gives a schema built with a transform (the text fields) its quick check, which must accept
 * only what the schema accepts and give what it gives; the property test holds it to that.
 */
export function withQuick<S extends z.ZodType>(schema: S, check: (value: unknown) => unknown): S {
  beside.set(schema, check);
  return schema;
}

/** The schema's quick check, or undefined where the schema holds something this does not follow. */
export function quickCheckOf(schema: z.ZodType): ((input: unknown) => unknown) | undefined {
  return compile(schema);
}

// zod 4's definitions (`schema._zod.def`), as far as this reads them.
interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  coerce?: boolean;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  entries?: Record<string, unknown>;
  format?: string;
  check?: string;
}
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  maximum?: number;
  minimum?: number;
  value?: number;
  inclusive?: boolean;
  when?: unknown;
  abort?: boolean;
}

const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;

function compile(schema: z.ZodType): Check | undefined {
  const own = beside.get(schema);
  if (own) return own;
  const def = defOf(schema);
  if (def.coerce) return undefined;
  // Checks (refines, formats) are read only where this follows them: strings and numbers. On any
  // other type they would be skipped, so the whole schema is zod's.
  if (def.checks?.length && def.type !== 'string' && def.type !== 'number') return undefined;
  switch (def.type) {
    case 'object':
      return objectCheck(def);
    case 'string':
      return stringCheck(def);
    case 'number':
      return numberCheck(def);
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : UNSURE);
    case 'enum':
      return enumCheck(def);
    case 'nullable': {
      const inner = compile(def.innerType!);
      return inner && ((v) => (v === null ? null : inner(v)));
    }
    default:
      // Optional fields are read by their object (an absent key); arrays, unions, pipes and the
      // rest go to zod.
      return undefined;
  }
}

/**
 * A plain object (as JSON.parse makes them) with no key but the shape's: fields present are
 * checked, absent ones allowed only where the field is optional, and the value is built in the
 * shape's order, as zod builds it. Written as plain loops over arrays made once: this runs on cold
 * caches, a note at a time, where every closure and iterator shows.
 */
function objectCheck(def: Def): Check | undefined {
  const catchall = def.catchall ? defOf(def.catchall).type : undefined;
  // A strict object refuses unknown keys, a stripping one drops them: both agree on input without any.
  if (catchall !== undefined && catchall !== 'never') return undefined;
  if (def.checks?.length) return undefined;
  const keys: string[] = [];
  const optional: boolean[] = [];
  const checks: Check[] = [];
  for (const [key, field] of Object.entries(def.shape ?? {})) {
    // zod reads a field through the prototype (an absent `constructor` is a function to it); this reads own fields only.
    if (key in Object.prototype) return undefined;
    const isOptional = defOf(field).type === 'optional';
    if (isOptional && (field._zod.optin !== 'optional' || field._zod.optout !== 'optional' || defOf(field).checks?.length)) return undefined;
    const check = compile(isOptional ? defOf(field).innerType! : field);
    if (!check) return undefined;
    keys.push(key);
    optional.push(isOptional);
    checks.push(check);
  }
  const known = new Set(keys);
  return (input) => {
    if (typeof input !== 'object' || input === null || Object.getPrototypeOf(input) !== Object.prototype) return UNSURE;
    // `for … in` as zod walks it, own and inherited keys alike; `__proto__` as an own key is unknown here.
    for (const key in input) if (!known.has(key) || !Object.hasOwn(input, key)) return UNSURE;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (!Object.hasOwn(input, key)) {
        if (optional[i]) continue;
        return UNSURE;
      }
      const value = (input as Record<string, unknown>)[key];
      // JSON never carries undefined; zod's handling of a present undefined is left to zod.
      if (value === undefined) return UNSURE;
      const parsed = checks[i]!(value);
      if (parsed === UNSURE) return UNSURE;
      out[key] = parsed;
    }
    return out;
  };
}

/**
 * Lengths and one pattern at most, on a plain string: a format (a date, an email, a uuid), a check
 * that changes the text (trim, case) or any other is zod's. A length check runs, as in zod, only
 * when its own condition (`when`) says so; where it would not, the input is zod's too.
 */
function stringCheck(def: Def): Check | undefined {
  if (def.format !== undefined || def.check !== undefined) return undefined;
  let max = Infinity;
  let min = 0;
  let pattern: RegExp | undefined;
  const conditions: ((payload: { value: unknown; issues: unknown[] }) => boolean)[] = [];
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'max_length' && d.maximum !== undefined) max = Math.min(max, d.maximum);
    else if (d.check === 'min_length' && d.minimum !== undefined) min = Math.max(min, d.minimum);
    else if (d.check === 'string_format' && d.format === 'regex' && d.pattern && !d.pattern.global && !d.pattern.sticky && !pattern) pattern = d.pattern;
    else return undefined;
    if (typeof d.when === 'function') conditions.push(d.when as (payload: { value: unknown; issues: unknown[] }) => boolean);
    else if (d.when !== undefined) return undefined;
  }
  const p = pattern;
  return (v) => {
    if (typeof v !== 'string' || v.length > max || v.length < min || (p && !p.test(v))) return UNSURE;
    for (const when of conditions) if (!when({ value: v, issues: [] })) return UNSURE;
    return v;
  };
}

/** Finite numbers, safe integers where the schema says int, within its bounds (the strictest of each). */
function numberCheck(def: Def): Check | undefined {
  if (def.check !== undefined && !(def.check === 'number_format' && def.format === 'safeint')) return undefined;
  const integer = def.format === 'safeint';
  // Bounds as [value, inclusive]; of two at one value, the exclusive one is the stricter.
  let low: [number, boolean] = [-Infinity, true];
  let high: [number, boolean] = [Infinity, true];
  for (const c of def.checks ?? []) {
    const { check, value, inclusive = false, when } = c._zod.def;
    if (when !== undefined || value === undefined) return undefined;
    if (check === 'greater_than') low = value > low[0] ? [value, inclusive] : value === low[0] ? [value, low[1] && inclusive] : low;
    else if (check === 'less_than') high = value < high[0] ? [value, inclusive] : value === high[0] ? [value, high[1] && inclusive] : high;
    else return undefined;
  }
  const [lo, loIn] = low;
  const [hi, hiIn] = high;
  return (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isSafeInteger(v))) return UNSURE;
    return (loIn ? v >= lo : v > lo) && (hiIn ? v <= hi : v < hi) ? v : UNSURE;
  };
}

function enumCheck(def: Def): Check | undefined {
  const values = Object.values(def.entries ?? {});
  if (!values.every((v) => typeof v === 'string')) return undefined;
  const allowed = new Set(values);
  return (v) => (typeof v === 'string' && allowed.has(v) ? v : UNSURE);
}
