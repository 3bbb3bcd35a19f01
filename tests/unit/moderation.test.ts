import { describe, expect, it } from 'vitest';
import { commands } from '../../shared/commands/index.ts';
import { replay } from '../../shared/domain/apply.ts';
import { onTable } from '../../shared/domain/state.ts';
import { candidates, placeShown } from '../../shared/moderation/places.ts';
import { paceView } from '../../shared/moderation/pace.ts';
import { Cafe, participant } from '../support/domain.ts';

/**
 * Moderation in the pure core: a troll muted from one note, their notes gone from the tables,
 * their new ones held; flags counted once per person; the pace counted without naming anyone.
 */

const NAMES = [
  'Zanele Mokoena',
  'Øystein Bråten',
  'Nguyễn Thị Lan',
  'Kwame Mensah',
  'فاطمة الزهراء',
  'Jürgen Weiß',
  'Aigerim Bekova',
  'Tomás Aranda',
  'Priya Raghunathan',
  'Hana Kobayashi',
  'Olusegun Adebayo',
  'Marta Wiśniewska',
];

/** Twelve people at three tables, round 1 under way. */
function cafeOfTwelve() {
  const cafe = new Cafe();
  const people = NAMES.map((name) => cafe.join(name));
  cafe.do({ type: 'seating:assign' });
  cafe.do({ type: 'round:start', round: 1 });
  return { cafe, people };
}

function write(cafe: Cafe, who: string, id: string, text: string, round = cafe.state.round) {
  cafe.do({ type: 'note:add', id, tableId: cafe.tableOf(who)!, round, text }, participant(who));
}

/** Ends the round and starts the next, which reseats everyone. */
function nextRound(cafe: Cafe) {
  const round = cafe.state.round;
  cafe.do({ type: 'round:end', round });
  cafe.do({ type: 'round:start', round: round + 1 });
}

describe('muting whoever wrote a note', () => {
  it('hides their notes of that table and round, and of other cells only where three people still fit, and holds what they write next', () => {
    const { cafe, people } = cafeOfTwelve();
    const troll = people[4]!;
    const firstTable = cafe.tableOf(troll)!;
    write(cafe, troll, 'troll-r1-a', 'You are all idiots');
    write(cafe, troll, 'troll-r1-b', 'Nobody here knows anything');
    write(cafe, people[0]!, 'kind-r1', 'Digital identity should be optional');
    nextRound(cafe);
    write(cafe, troll, 'troll-r2-a', 'Still idiots');
    write(cafe, troll, 'troll-r2-b', 'Idiots at this table too');

    cafe.do({ type: 'author:mute', id: 'troll-r2-a' });
    const note = (id: string) => cafe.state.notes.get(id)!;
    // This table and round: hidden, as a facilitator could have hidden them.
    expect([note('troll-r2-a').hidden, note('troll-r2-b').hidden]).toEqual([true, true]);
    // Round 1: the rotation keeps people from meeting again, so with round 2's table it would leave
    // fewer than three people: it stays on its table, and staff see it as the table does.
    expect(candidates(cafe.state, [`2:${cafe.tableOf(troll)}`, `1:${firstTable}`], 0)).toBeLessThan(3);
    expect([note('troll-r1-a').hidden, note('troll-r1-a').withheld, onTable(note('troll-r1-a'))]).toEqual([false, false, true]);
    expect(onTable(note('kind-r1'))).toBe(true);
    expect(cafe.state.participants.get(troll)).toMatchObject({ status: 'active' });
    expect(note('troll-r1-a').tableId).toBe(firstTable);

    // Writing on: accepted as ever, and held.
    const reply = cafe.do({ type: 'note:add', id: 'troll-r2-c', tableId: cafe.tableOf(troll)!, round: 2, text: 'Can you hear me?' }, participant(troll));
    expect(reply.reply).toEqual({ noteId: 'troll-r2-c' });
    expect(note('troll-r2-c')).toMatchObject({ held: true, hidden: false });
    expect(onTable(note('troll-r2-c'))).toBe(false);
    // Its place is never shown; where they sit now is the cell staff know, so it can be released.
    expect(placeShown(note('troll-r2-c'))).toBe(false);
    cafe.do({ type: 'note:release', ids: ['troll-r2-c'] });
    expect(onTable(note('troll-r2-c'))).toBe(true);
    // The log folds to the same state.
    expect(replay(cafe.log).notes.get('troll-r1-b')).toMatchObject({ withheld: false, hidden: false });
    expect(replay(cafe.log).notes.get('troll-r2-b')).toMatchObject({ hidden: true });
  });

  it('keeps the place of a held note from another round away from staff, and will not release it', () => {
    const { cafe, people } = cafeOfTwelve();
    const troll = people[2]!;
    write(cafe, troll, 'troll-r1', 'Idiots');
    cafe.do({ type: 'author:mute', id: 'troll-r1' });
    nextRound(cafe);
    write(cafe, troll, 'troll-r2', 'Still here');
    const cells = [`1:${cafe.state.notes.get('troll-r1')!.tableId}`, `2:${cafe.tableOf(troll)}`];
    // Twelve people at three tables reshuffled: the rotation keeps people from meeting again, so
    // only the troll sat at both of those tables.
    expect(candidates(cafe.state, cells, 0)).toBeLessThan(3);
    expect(candidates(cafe.state, [cells[1]!], 0)).toBeGreaterThanOrEqual(3);
    expect(placeShown(cafe.state.notes.get('troll-r2')!)).toBe(false);
    expect(cafe.try({ type: 'note:release', ids: ['troll-r2'] })).toMatchObject({
      ok: false,
      error: 'forbidden',
      message: expect.stringMatching(/fewer than three/),
    });
    // Hiding it is always possible.
    expect(cafe.do({ type: 'note:hide', ids: ['troll-r2'], hidden: true }).reply).toEqual({ changed: 1 });
  });

  it('answers the same whoever it was: muted before or not', () => {
    const { cafe, people } = cafeOfTwelve();
    const troll = people[7]!;
    write(cafe, troll, 'troll-a', 'Idiots');
    write(cafe, troll, 'troll-b', 'More');
    const first = cafe.do({ type: 'author:mute', id: 'troll-a' });
    const again = cafe.do({ type: 'author:mute', id: 'troll-b' });
    expect(Object.keys(again.reply)).toEqual(Object.keys(first.reply));
    expect(again.events.map((e) => e.type)).toEqual(['author:muted']);
  });
});

describe('hiding notes in bulk', () => {
  it('hides many at once, and hides the rest when one of them is gone, saying which', () => {
    const { cafe, people } = cafeOfTwelve();
    for (const [i, who] of people.slice(0, 5).entries()) write(cafe, who, `n${i}`, `Point ${i}`);
    // Its author deleted n4 while the facilitator was choosing.
    cafe.do({ type: 'note:delete', id: 'n4' }, participant(people[4]!));
    expect(cafe.do({ type: 'note:hide', ids: ['n0', 'n4', 'missing'], hidden: true }).reply).toEqual({ changed: 1, missing: ['n4', 'missing'] });
    expect(cafe.do({ type: 'note:hide', ids: ['n0', 'n1', 'n2', 'n1'], hidden: true }).reply).toEqual({ changed: 2 });
    expect(cafe.do({ type: 'note:hide', ids: ['n0', 'n3'], hidden: true }).reply).toEqual({ changed: 1 });
    // One note named alone that is not there is still a plain refusal; naming none gets a clear one.
    expect(cafe.try({ type: 'note:hide', id: 'missing', hidden: true })).toMatchObject({ ok: false, error: 'not_found' });
    expect(cafe.try({ type: 'note:hide', hidden: true })).toMatchObject({
      ok: false,
      error: 'invalid',
      message: 'Name the note to hide or show (id), or several (ids).',
    });
    expect(commands['note:hide'].schema.safeParse({ ids: [], hidden: true }).success).toBe(false);
    expect(commands['note:hide'].schema.safeParse({ id: 'n0'.padEnd(21, '_'), ids: ['n1'.padEnd(21, '_')], hidden: true }).success).toBe(false);
  });
});

describe('flagging a note', () => {
  it('counts each person once, only at a table they sit or sat at, never their own', () => {
    const { cafe, people } = cafeOfTwelve();
    const author = people[0]!;
    write(cafe, author, 'rude', 'Rude words');
    const tablemates = people.filter((p) => p !== author && cafe.tableOf(p) === cafe.tableOf(author));
    const stranger = people.find((p) => cafe.tableOf(p) !== cafe.tableOf(author))!;
    cafe.do({ type: 'note:flag', id: 'rude' }, participant(tablemates[0]!));
    expect(cafe.do({ type: 'note:flag', id: 'rude' }, participant(tablemates[0]!)).events).toEqual([]);
    cafe.do({ type: 'note:flag', id: 'rude' }, participant(tablemates[1]!));
    expect(cafe.state.moderation.flags.get('rude')?.size).toBe(2);
    expect(cafe.try({ type: 'note:flag', id: 'rude' }, participant(stranger))).toMatchObject({ ok: false, error: 'not_found' });
    expect(cafe.try({ type: 'note:flag', id: 'rude' }, participant(author))).toMatchObject({ ok: false, error: 'conflict' });
  });
});

describe('what staff see of the note pace', () => {
  it('counts by table only where at least three people sit, and pools the rest only when that pool holds three', () => {
    const { cafe, people } = cafeOfTwelve();
    const table = cafe.tableOf(people[0]!)!;
    const sameTable = people.filter((p) => cafe.tableOf(p) === table);
    expect(paceView(cafe.state, [sameTable[0]!, sameTable[1]!, sameTable[0]!], 1)).toEqual({ at: 1, tables: [{ tableId: table, people: 2 }], elsewhere: 0 });
    expect(paceView(cafe.state, [], 1)).toBeNull();

    // Everyone but two leaves that table: those two are never counted there.
    for (const p of sameTable.slice(2)) cafe.do({ type: 'participant:leave' }, participant(p));
    const left = paceView(cafe.state, [sameTable[0]!], 1);
    // The two of them are pooled with nobody else: below three, so nothing is said at all.
    expect(left).toBeNull();
  });

  it('counts a muted person like anyone, so the banner’s shape never changes with a mute', () => {
    const { cafe, people } = cafeOfTwelve();
    const troll = people[1]!;
    write(cafe, troll, 'troll', 'Idiots');
    const before = paceView(cafe.state, [troll], 1);
    cafe.do({ type: 'author:mute', id: 'troll' });
    expect(paceView(cafe.state, [troll], 1)).toEqual(before);
  });
});

describe('moving someone by hand during the rounds', () => {
  it('warns before leaving a table of one or two, and moves once the facilitator confirms', () => {
    const cafe = new Cafe();
    const people = NAMES.slice(0, 9).map((name) => cafe.join(name));
    cafe.do({ type: 'seating:assign' });
    cafe.do({ type: 'round:start', round: 1 });
    const t1 = people.filter((p) => cafe.tableOf(p) === 't1');
    expect(t1).toHaveLength(3);
    const warned = cafe.try({ type: 'participant:move', participantId: t1[0]!, tableId: 't2' });
    expect(warned).toMatchObject({
      ok: false,
      error: 'conflict',
      message: expect.stringMatching(/two people at Table 1: anyone who sees seats would know who wrote its notes/),
    });
    cafe.do({ type: 'participant:move', participantId: t1[0]!, tableId: 't2', smallTable: true });
    expect(cafe.tableOf(t1[0]!)).toBe('t2');
  });
});
