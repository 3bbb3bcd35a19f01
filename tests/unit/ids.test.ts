import { describe, expect, it } from 'vitest';
import { IdFormat, isId } from '../../shared/protocol/ids.ts';
import { commands } from '../../shared/commands/index.ts';
import { newJoinCode, newParticipantId, newRapporteurId, newReadoutId, newSessionId, parseToken } from '../../server/security/tokens.ts';
import { hash } from '../../shared/harvest/attribution/index.ts';
import { nanoid } from 'nanoid';

/** Every own property name of Object.prototype, `__proto__` included. */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

describe('the project’s own id formats', () => {
  it('are the shapes the server and the clients actually make', () => {
    for (let i = 0; i < 200; i++) {
      const session = newSessionId();
      expect(isId('session', session)).toBe(true);
      expect(isId('participant', newParticipantId())).toBe(true);
      expect(isId('rapporteur', newRapporteurId())).toBe(true);
      expect(isId('readout', newReadoutId(session))).toBe(true);
      expect(isId('client', nanoid())).toBe(true);
      expect(isId('finding', `f${hash(`note:${nanoid()}\u0000${i}`)}`)).toBe(true);
    }
    expect(['t1', 't12', 't300', 't1250'].every((t) => isId('table', t))).toBe(true);
    expect(['t0', 't01', 'T1', 't', 'table1'].some((t) => isId('table', t))).toBe(false);
    expect(parseToken(`d.${newJoinCode()}`)).toMatchObject({ role: 'd' });
  });

  it('leave no room for a prototype name, except as a well-formed id that names nothing', () => {
    for (const name of PROTOTYPE_NAMES) {
      // Only participant ids are 14 characters, as `hasOwnProperty` and `toLocaleString` are:
      // the state's Maps find nobody by those names.
      const fits = Object.entries(IdFormat)
        .filter(([, re]) => re.test(name))
        .map(([kind]) => kind);
      expect(fits, name).toEqual(name.length === 14 && /^[A-Za-z0-9_-]+$/.test(name) ? ['participant'] : []);
    }
  });

  it('refuse prototype names in every id a command carries', () => {
    const carriers: [keyof typeof commands, string][] = [
      ['note:add', 'id'],
      ['note:add', 'tableId'],
      ['note:edit', 'id'],
      ['note:hide', 'id'],
      ['theme:create', 'id'],
      ['theme:create', 'question'],
      ['theme:merge', 'into'],
      ['note:sort', 'themeId'],
      ['vote:cast', 'themeId'],
      ['finding:keep', 'key'],
      ['rapporteur:revoke', 'rapporteurId'],
      ['host:assign', 'tableId'],
      ['participant:move', 'tableId'],
    ];
    const valid: Record<string, unknown> = {
      id: nanoid(),
      tableId: 't1',
      round: 1,
      text: 'x',
      question: 'q1',
      name: 'x',
      into: nanoid(),
      noteId: nanoid(),
      themeId: nanoid(),
      dots: 1,
      hidden: true,
      key: 'f' + '0'.repeat(22),
      reason: 'not-a-participant', // finding:keep takes one of its closed reasons
      rapporteurId: newRapporteurId(),
      participantId: newParticipantId(),
    };
    for (const [command, field] of carriers) {
      const schema = commands[command].schema;
      const shape = Object.keys((schema as unknown as { shape: Record<string, unknown> }).shape);
      const base = Object.fromEntries(shape.map((k) => [k, valid[k]]));
      expect(schema.safeParse(base).success, `${String(command)} with valid fields`).toBe(true);
      for (const name of ['__proto__', 'constructor', 'toString', 'valueOf']) {
        const payload = JSON.parse(JSON.stringify({ ...base, [field]: '@' }).replace('"@"', JSON.stringify(name)));
        expect(schema.safeParse(payload).success, `${String(command)}.${field} = ${name}`).toBe(false);
      }
    }
  });
});
