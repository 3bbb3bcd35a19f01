import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { quickCheckOf, UNSURE } from '../../shared/protocol/quick.ts';
import { text } from '../../shared/protocol/schemas.ts';

/**
 * What the quick check (shared/protocol/quick.ts) must leave to zod: any schema holding something
 * it does not follow exactly. A quick check that read `z.iso.date()` as a plain string would let
 * "yesterday" through; one that skipped a refine on a boolean would let `false` through. Each such
 * schema gets no quick check at all; the ones it does follow agree with zod at their edges.
 */

/** Agrees with zod on each input: the same value where zod accepts, and never a yes where zod refuses. */
function agrees(schema: z.ZodType, inputs: unknown[]) {
  const quick = quickCheckOf(schema);
  expect(quick).toBeDefined();
  for (const input of inputs) {
    const said = quick!(input);
    const zod = schema.safeParse(input);
    if (said === UNSURE) expect(zod.success && typeof input === 'object', JSON.stringify(input)).toBe(false);
    else expect(zod, JSON.stringify(input)).toStrictEqual({ success: true, data: said });
  }
}

describe('the quick check leaves to zod', () => {
  it.each([
    ['an ISO date', z.iso.date()],
    ['an email address', z.email()],
    ['a uuid', z.uuid()],
    ['a trimmed string', z.string().trim()],
    ['a lower-cased string', z.string().toLowerCase()],
    ['a refined string', z.string().refine((s) => s !== 'no')],
    ['a refined boolean', z.boolean().refine((b) => b)],
    ['a refined enum', z.enum(['a', 'b']).refine((x) => x === 'a')],
    [
      'a refined nullable',
      z
        .string()
        .nullable()
        .refine((x) => x !== null),
    ],
    [
      'a refined optional text',
      text(10)
        .optional()
        .refine((x) => x !== 'a'),
    ],
    ['a refined text', text(10).refine((x) => x !== 'a')],
    ['a literal', z.literal('yes')],
    ['a default', z.string().default('x')],
    ['a catch', z.string().catch('x')],
    ['a read-only string', z.string().readonly()],
    ['an array', z.array(z.string())],
    ['a union', z.union([z.string(), z.number()])],
    ['a coerced number', z.coerce.number()],
    ['a multiple of 5', z.int().multipleOf(5)],
    ['a 32-bit integer', z.int32()],
  ])('%s, and every object holding one', (_, field) => {
    expect(quickCheckOf(z.strictObject({ field }))).toBeUndefined();
    expect(quickCheckOf(z.strictObject({ field: field.optional() }))).toBeUndefined();
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])('an object with a field named %s, which every object inherits', (key) => {
    // zod reads an absent field through the prototype; the quick check reads own fields only.
    expect(quickCheckOf(z.strictObject({ [key]: z.boolean().optional() }))).toBeUndefined();
  });

  it('a refined object, and a loose one that keeps unknown keys', () => {
    expect(quickCheckOf(z.strictObject({ a: z.string() }).refine((o) => o.a !== 'x'))).toBeUndefined();
    expect(quickCheckOf(z.looseObject({ a: z.string() }))).toBeUndefined();
  });
});

describe('the quick check follows zod', () => {
  it('on string lengths and patterns', () => {
    const s = z.strictObject({
      s: z
        .string()
        .min(2)
        .max(4)
        .regex(/^[a-z]+$/),
    });
    agrees(s, [{ s: 'a' }, { s: 'ab' }, { s: 'abcd' }, { s: 'abcde' }, { s: 'AB' }, { s: 12 }, {}, { s: 'ab', t: 1 }]);
    expect(quickCheckOf(s)!({ s: 'abc' })).toEqual({ s: 'abc' });
  });

  it('on number bounds, inclusive and exclusive, however many', () => {
    const n = z.strictObject({ n: z.int().gte(1).gt(1).lte(10).lt(11) });
    agrees(n, [{ n: 0 }, { n: 1 }, { n: 2 }, { n: 10 }, { n: 11 }, { n: 1.5 }, { n: -0 }, { n: 2 ** 53 }, { n: '2' }]);
    const f = z.strictObject({ f: z.number().positive().max(1) });
    agrees(f, [{ f: 0 }, { f: -0 }, { f: Number.MIN_VALUE }, { f: 0.5 }, { f: 1 }, { f: 1.0000001 }, { f: Infinity }, { f: Number.NaN }]);
  });

  it('on optional, nullable and absent fields, in the shape’s order', () => {
    const o = z.strictObject({ a: z.enum(['x', 'y']).nullish(), b: z.boolean() });
    agrees(o, [
      { b: true },
      { a: null, b: false },
      { a: 'x', b: true },
      { b: true, a: 'y' },
      { a: 'z', b: true },
      { a: 'x' },
      JSON.parse('{"b":true,"__proto__":1}'),
    ]);
    expect(Object.keys(quickCheckOf(o)!({ b: true, a: 'y' }) as object)).toEqual(['a', 'b']);
  });
});
