import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { commands, isSocketCommand, parseInput, specOf, type SocketCommandName } from '../../shared/commands/index.ts';
import type { CommandSpec } from '../../shared/commands/spec.ts';
import { quickCheckOf, UNSURE } from '../../shared/protocol/quick.ts';
import { requiredText, text } from '../../shared/protocol/schemas.ts';
import { samples, type SceneIds } from '../support/samples.ts';

/**
 * The boundary's quick yes (shared/protocol/quick.ts) must never say more than zod: whatever a
 * hostile client sends, input it is sure of is input zod accepts, parsed to the very same value.
 * And it must be worth having: for a command people send all round, every well-formed payload
 * that could come over the wire is taken quickly. Inputs are each command's well-formed sample,
 * mutated field by field (dropped, doubled, retyped, stretched past the limits, written in other
 * scripts, padded with invisible characters), and values drawn from each field's own schema.
 * Seeded, so a failure is reproducible; a seed that once failed becomes a named case below.
 */

const SEED = Number(process.env.QUICK_SEED ?? 20261202);
const RUNS = Number(process.env.QUICK_RUNS ?? 250);

const scene: SceneIds = {
  table: 't1',
  otherTable: 't2',
  note: 'n'.padEnd(21, 'x'),
  participant: 'p'.padEnd(14, 'y'),
  rapporteur: 'r'.padEnd(12, 'z'),
  cofacilitator: 'c'.padEnd(12, 'w'),
};

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  entries?: Record<string, string>;
  checks?: { _zod: { def: Record<string, unknown> } }[];
};
const defOf = (s: z.ZodType) => s._zod.def as unknown as Def;

const words = [
  'Identity should stay optional for public services',
  'يجب أن تبقى الهوية اختيارية للخدمات العامة',
  'L’identité doit rester facultative pour les services publics',
  'La identidad debe seguir siendo opcional',
  '公共服务的身份认证应保持可选',
  'Идентификация должна оставаться необязательной',
];
const oddities = [
  '',
  ' ',
  '\u200B',
  '\u200Bx\u200D',
  'e\u0301',
  '\u00AD',
  '\t\n',
  '\u202Eevil',
  '😀',
  '\uD800',
  '__proto__',
  'constructor',
  'toString',
  '0',
  '-1',
  'null',
];
const junk = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -0, 1.5, -1, 2 ** 53, Number.NaN, Infinity, '', '1', [], {}, ['a'], { a: 1 }),
  fc.string(),
  fc.integer(),
);

/** Text fields: real sentences, odd characters, and lengths either side of the limit. */
function textArbitrary(rawMax: number): fc.Arbitrary<unknown> {
  const max = rawMax / 4;
  return fc.oneof(
    fc.constantFrom(...words, ...oddities),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.tuple(fc.constantFrom('a', 'ع', '😀', '\u200B', ' ', 'e\u0301'), fc.integer({ min: max - 2, max: max + 2 })).map(([c, n]) => c.repeat(Math.max(0, n))),
    fc.tuple(fc.constantFrom('a', '\u200B', ' '), fc.integer({ min: rawMax - 2, max: rawMax + 2 })).map(([c, n]) => c.repeat(n)),
    junk,
  );
}

/** A value for a field, drawn from its schema: mostly well-formed, often not. */
function valueFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
      return fc.oneof(fc.constant(null), valueFor(def.innerType!));
    case 'string': {
      const pattern = def.checks?.map((c) => c._zod.def.pattern).find((p): p is RegExp => p instanceof RegExp);
      return fc.oneof(
        { weight: 3, arbitrary: pattern ? fc.stringMatching(pattern) : fc.string() },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(...oddities) },
        junk,
      );
    }
    case 'number': {
      // Either side of each of the schema's own bounds, and anything else.
      const bounds = (def.checks ?? []).map((c) => c._zod.def.value).filter((v): v is number => typeof v === 'number');
      const near = bounds.length ? fc.tuple(fc.constantFrom(...bounds), fc.constantFrom(-2, -1, -0.5, 0, 0.5, 1, 2)).map(([b, d]) => b + d) : fc.integer();
      return fc.oneof({ weight: 3, arbitrary: near }, fc.integer({ min: -3, max: 30 }), fc.double(), junk);
    }
    case 'boolean':
      return fc.oneof(fc.boolean(), junk);
    case 'enum':
      return fc.oneof(fc.constantFrom(...Object.values(def.entries!)), fc.constantFrom('Idea', 'idea ', ...oddities), junk);
    case 'pipe': {
      const raw = defOf(def.in!)
        .checks?.map((c) => c._zod.def.maximum)
        .find((m): m is number => typeof m === 'number');
      return raw ? textArbitrary(raw) : fc.oneof(fc.string(), junk);
    }
    default:
      return fc.oneof(fc.anything(), junk);
  }
}

/** A payload: the sample, with some fields dropped, changed or added, or something else entirely. */
function payloadFor(name: SocketCommandName, spec: CommandSpec): fc.Arbitrary<unknown> {
  const sample = samples[name](scene);
  const shape = defOf(spec.schema).shape ?? {};
  const keys = Object.keys(shape);
  const changed = fc.record(Object.fromEntries(keys.map((k) => [k, valueFor(shape[k]!)])), { requiredKeys: [] });
  const extra = fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'extra', 'x'.repeat(60), ...keys), junk, { maxKeys: 2 });
  const mutated = fc.tuple(changed, fc.subarray(keys), fc.option(extra, { freq: 4 })).map(([fields, dropped, added]) => {
    const out: Record<string, unknown> = { ...sample };
    for (const [k, v] of Object.entries(fields)) out[k] = v;
    for (const k of dropped) delete out[k];
    // Keys as JSON.parse makes them, `__proto__` included as an own property.
    return added ? JSON.parse(JSON.stringify({ ...out, ...added }).replace('"extra"', '"__proto__"')) : out;
  });
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(sample) },
    { weight: 6, arbitrary: mutated },
    {
      weight: 1,
      arbitrary: fc.oneof(
        junk,
        mutated.map((m) => Object.assign(Object.create(null) as object, m)),
      ),
    },
  );
}

/** Every value that could come over the wire is JSON: undefined and NaN cannot. */
const overTheWire = (input: unknown) => {
  try {
    return JSON.stringify(JSON.parse(JSON.stringify(input))) === JSON.stringify(input) && JSON.parse(JSON.stringify(input)) !== null;
  } catch {
    return false;
  }
};

const quickCommands = Object.keys(commands).filter(
  (name): name is SocketCommandName => isSocketCommand(name) && quickCheckOf(specOf(name)!.schema) !== undefined,
);

describe('the quick yes at the boundary', () => {
  it('covers the commands people send all round', () => {
    for (const name of ['note:add', 'note:edit', 'note:delete', 'note:flag', 'vote:cast', 'clock:ping', 'summary:write']) expect(quickCommands).toContain(name);
  });

  it.each(quickCommands)('%s: says yes only to what zod accepts, with what zod gives, and to every well-formed payload off the wire', (name) => {
    const spec = specOf(name)!;
    const quick = quickCheckOf(spec.schema)!;
    let sure = 0;
    fc.assert(
      fc.property(payloadFor(name, spec), (input) => {
        const said = quick(input);
        const zod = spec.schema.safeParse(input);
        if (said !== UNSURE) {
          sure++;
          expect(zod.success).toBe(true);
          expect(said).toStrictEqual(zod.data);
        } else if (zod.success && overTheWire(input) && Object.getPrototypeOf(input) === Object.prototype) {
          // Left to zod although it came as JSON and zod takes it: the quick path would not be used.
          expect.fail(`quick check unsure of a well-formed ${name}: ${JSON.stringify(input).slice(0, 200)}`);
        }
        // What the dispatcher uses agrees with zod either way.
        const parsed = parseInput(name, input);
        expect(parsed.success).toBe(zod.success);
        if (parsed.success && zod.success) expect(parsed.data).toStrictEqual(zod.data);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(sure).toBeGreaterThan(0);
  });

  it.each([
    ['text', text(5)],
    ['required text', requiredText(5)],
  ])('%s: agrees with zod either side of both limits, before and after normalising', (_, schema) => {
    const quick = quickCheckOf(schema)!;
    fc.assert(
      fc.property(textArbitrary(20), (input) => {
        const said = quick(input);
        const zod = schema.safeParse(input);
        if (said !== UNSURE) expect(zod).toStrictEqual({ success: true, data: said });
        else if (zod.success) expect.fail(`quick check unsure of ${JSON.stringify(input)}`);
      }),
      { seed: SEED, numRuns: RUNS * 4 },
    );
    // Invisible padding past the raw limit is refused before normalising, though nothing is left after it.
    expect(quick('\u200B'.repeat(21))).toBe(UNSURE);
    expect(schema.safeParse('\u200B'.repeat(21)).success).toBe(false);
  });

  it('leaves a hostile note to zod, whose refusal names the field', () => {
    const spec = specOf('note:add')!;
    const base = samples['note:add'](scene);
    const hostile = [
      JSON.parse(`{"id":"${base.id}","tableId":"t1","round":1,"text":"x","__proto__":{"admin":true}}`),
      { ...base, text: '\u200B\u200D\u2060' },
      { ...base, text: 'a'.repeat(2001) },
      { ...base, round: 1.5 },
      { ...base, tableId: '__proto__' },
      { ...base, kind: 'Idea' },
    ];
    for (const input of hostile) {
      expect(quickCheckOf(spec.schema)!(input)).toBe(UNSURE);
      expect(parseInput('note:add', input).success, JSON.stringify(input).slice(0, 80)).toBe(false);
    }
    // Not from the wire (JSON has no prototypes), but a field only inherited is zod's to judge too.
    const inherited = Object.assign(Object.create({ tableId: 't1' }) as object, { id: base.id, round: 1, text: 'inherited table' });
    expect(quickCheckOf(spec.schema)!(inherited)).toBe(UNSURE);
  });
});
