import { describe, expect, it } from 'vitest';
import { membersOf, onTable } from '../../shared/domain/state.ts';
import { candidates } from '../../shared/moderation/places.ts';
import { paceView } from '../../shared/moderation/pace.ts';
import { staffNoteView } from '../../server/views/moderation.ts';
import { Cafe, participant, setup } from '../support/domain.ts';

/**
 * A hostile reviewer's ways to unmask a muted author through moderation, each told as what staff
 * do and what they must not be able to learn: fewer than three people who could have written it.
 */

const NAMES = [
  'Kwame Mensah',
  'Zanele Mokoena',
  'Øystein Bråten',
  'Nguyễn Thị Lan',
  'Fatima Zahra Benali',
  'Jürgen Weiß',
  'Aigerim Bekova',
  'Tomás Aranda',
  'Priya Raghunathan',
  'Hana Kobayashi',
  'Olusegun Adebayo',
  'Marta Wiśniewska',
];
const TROLL = 0;

function cafeOf(n: number) {
  const cafe = new Cafe(
    setup({ rounds: 4, tables: ['Identité numérique ?', 'Who pays for open infrastructure?', 'ما معنى التشاور الحقيقي؟'].map((question) => ({ question })) }),
  );
  const people = NAMES.slice(0, n).map((name) => cafe.join(name));
  cafe.do({ type: 'seating:assign' });
  return { cafe, people };
}

/** Seats people (by index) as the facilitator may by hand, then starts the round. */
function round(cafe: Cafe, people: string[], n: number, layout: Record<string, number[]>) {
  if (n > 1) cafe.do({ type: 'round:end', round: n - 1 });
  for (const who of Object.values(layout))
    for (const i of who) cafe.do({ type: 'participant:move', participantId: people[i]!, tableId: null, smallTable: true });
  for (const [t, who] of Object.entries(layout))
    for (const i of who) cafe.do({ type: 'participant:move', participantId: people[i]!, tableId: t, smallTable: true });
  cafe.do({ type: 'round:start', round: n });
}

function write(cafe: Cafe, who: string, id: string, text = 'Vous êtes tous des idiots') {
  cafe.do({ type: 'note:add', id, tableId: cafe.tableOf(who)!, round: cafe.state.round, text }, participant(who));
  return id;
}

const view = (cafe: Cafe, id: string) => staffNoteView(cafe.state, cafe.state.notes.get(id)!);

/** Staff and tables agree on every note: on a table exactly when staff see it neither hidden nor held. */
function agree(cafe: Cafe) {
  for (const note of cafe.state.notes.values()) {
    if (note.deleted) continue;
    const v = staffNoteView(cafe.state, note);
    expect(onTable(note), note.id).toBe(!v.hidden && !v.held);
  }
}

describe('held notes never show staff where they were written', () => {
  it('shows every held note alike, without table or round, even one written where staff muted its author', () => {
    const { cafe, people } = cafeOf(12);
    round(cafe, people, 1, { t1: [0, 1, 2, 3, 4], t2: [5, 6, 7, 8], t3: [9, 10, 11] });
    write(cafe, people[TROLL]!, 'troll-r1');
    cafe.do({ type: 'author:mute', id: 'troll-r1' });
    const here = write(cafe, people[TROLL]!, 'held-r1', 'Toujours là');
    round(cafe, people, 2, { t1: [1, 2, 3, 4], t2: [0, 5, 6, 7], t3: [8, 9, 10, 11] });
    const there = write(cafe, people[TROLL]!, 'held-r2', 'Still here');
    const shape = (id: string) => ({ ...view(cafe, id), id: '', text: '', rank: '' });
    expect(view(cafe, here)).toMatchObject({ held: true, placeWithheld: true, tableId: '', round: 0 });
    // Whether a place could be shown is no clue either: the two look the same.
    expect(shape(there)).toEqual(shape(here));
  });

  it('refuses a release, bulk or one by one, once the cells staff would know meet in fewer than three people', () => {
    const { cafe, people } = cafeOf(12);
    round(cafe, people, 1, { t1: [0, 1, 2, 3, 4], t2: [5, 6, 7, 8], t3: [9, 10, 11] });
    write(cafe, people[TROLL]!, 'troll-r1');
    round(cafe, people, 2, { t1: [0, 1, 2, 5, 6], t2: [3, 4, 7, 8], t3: [9, 10, 11] });
    cafe.do({ type: 'author:mute', id: 'troll-r1' });
    const r2 = write(cafe, people[TROLL]!, 'held-r2', 'Round two');
    round(cafe, people, 3, { t1: [1, 2, 5, 6], t2: [7, 8, 10, 11], t3: [0, 3, 4, 9] });
    const r3 = write(cafe, people[TROLL]!, 'held-r3', 'Round three');
    // Three cells together name the troll: a bulk release of both is refused whole.
    expect(candidates(cafe.state, ['1:t1', '2:t1', '3:t3'], 0)).toBe(1);
    expect(cafe.try({ type: 'note:release', ids: [r2, r3] })).toMatchObject({ ok: false, error: 'forbidden' });
    // One of them is fine (three people sat at 1:t1 and 2:t1); the other then no longer is.
    expect(cafe.do({ type: 'note:release', ids: [r2] }).reply).toEqual({ changed: 1 });
    expect(cafe.try({ type: 'note:release', ids: [r3] })).toMatchObject({ ok: false, error: 'forbidden', message: expect.stringMatching(/fewer than three/) });
    expect(cafe.state.notes.get(r3)).toMatchObject({ held: true });
  });

  it('does not count logins a facilitator walks through the tables in the middle of a round', () => {
    const { cafe, people } = cafeOf(12);
    round(cafe, people, 1, { t1: [0, 1, 2, 3, 4], t2: [5, 6, 7, 8], t3: [9, 10, 11] });
    write(cafe, people[TROLL]!, 'troll-r1');
    const puppets = [cafe.join('Observer One'), cafe.join('Observer Two')];
    for (const p of puppets) cafe.do({ type: 'participant:move', participantId: p, tableId: 't1', smallTable: true });
    round(cafe, [...people, ...puppets], 2, { t1: [1, 2, 3, 4], t2: [0, 5, 6, 7], t3: [8, 9, 10, 11, 12, 13] });
    cafe.do({ type: 'author:mute', id: 'troll-r1' });
    const held = write(cafe, people[TROLL]!, 'held-r2', 'Still here');
    for (const p of puppets) for (const t of ['t1', 't2', 't3']) cafe.do({ type: 'participant:move', participantId: p, tableId: t, smallTable: true });
    // Sat at 1:t1 and 2:t2 from their starts: the troll alone. The puppets do not make it three.
    expect(cafe.try({ type: 'note:release', ids: [held] })).toMatchObject({ ok: false, error: 'forbidden' });
  });
});

describe('a mute takes off the tables only what staff may learn, and staff see it so', () => {
  it('hides the notes of cells that still fit three people with what staff know, and leaves the rest everywhere', () => {
    const { cafe, people } = cafeOf(12);
    round(cafe, people, 1, { t1: [0, 1, 2, 3, 4], t2: [5, 6, 7, 8], t3: [9, 10, 11] });
    write(cafe, people[TROLL]!, 'r1');
    round(cafe, people, 2, { t1: [0, 1, 2, 5, 6], t2: [3, 4, 7, 8], t3: [9, 10, 11] });
    write(cafe, people[TROLL]!, 'r2');
    round(cafe, people, 3, { t1: [1, 2, 5, 6], t2: [7, 8, 10, 11], t3: [0, 3, 4, 9] });
    write(cafe, people[TROLL]!, 'r3');
    write(cafe, people[9]!, 'innocent', 'Une bonne idée');
    cafe.do({ type: 'author:mute', id: 'r2' });
    // 2:t1 is known; 1:t1 with it still fits three (Kwame, Zanele, Øystein): taken off; 3:t3 would
    // leave the troll alone with nobody: it stays on its table, and staff see it as the table does.
    expect(['r1', 'r2', 'r3'].map((id) => cafe.state.notes.get(id)!.hidden)).toEqual([true, true, false]);
    expect(onTable(cafe.state.notes.get('r3')!)).toBe(true);
    expect(candidates(cafe.state, cafe.state.moderation.known.get(people[TROLL]!)!)).toBeGreaterThanOrEqual(3);
    agree(cafe);
  });

  it('gives a facilitator with a participant login nothing to diff (the reviewer’s F8 café)', () => {
    const { cafe, people } = cafeOf(12);
    round(cafe, people, 1, { t1: [0, 1, 2, 3], t2: [4, 5, 6, 7], t3: [8, 9, 10, 11] });
    for (let i = 0; i < 12; i++) write(cafe, people[i]!, `r1-${i}`, `Point ${i}`);
    round(cafe, people, 2, { t1: [4, 8, 1, 2], t2: [0, 5, 9, 10], t3: [3, 6, 7, 11] });
    for (let i = 0; i < 12; i++) write(cafe, people[i]!, `r2-${i}`, `Point ${i}`);
    round(cafe, people, 3, { t1: [0, 6, 9, 1], t2: [2, 3, 8, 7], t3: [4, 5, 10, 11] });
    write(cafe, people[TROLL]!, 'troll');
    cafe.do({ type: 'author:mute', id: 'troll' });
    agree(cafe);
    // Every cell staff can now tie to the troll fits three people or more.
    expect(candidates(cafe.state, cafe.state.moderation.known.get(people[TROLL]!)!)).toBeGreaterThanOrEqual(3);
  });
});

describe('the pace banner', () => {
  it('looks the same for a table of three whether or not someone there is muted (the reviewer’s F2 café)', () => {
    const { cafe, people } = cafeOf(11);
    round(cafe, people, 1, { t1: [0, 1, 2, 3], t2: [4, 5, 6, 7], t3: [8, 9, 10] });
    write(cafe, people[TROLL]!, 'troll-r1');
    round(cafe, people, 2, { t1: [1, 2, 4, 5], t2: [3, 6, 7, 8], t3: [0, 9, 10] });
    const innocent = people[9]!;
    const unmuted = [paceView(cafe.state, [innocent], 1), paceView(cafe.state, [people[TROLL]!], 1)];
    expect(unmuted[0]).toEqual({ at: 1, tables: [{ tableId: 't3', people: 1 }], elsewhere: 0 });
    cafe.do({ type: 'author:mute', id: 'troll-r1' });
    expect([paceView(cafe.state, [innocent], 1), paceView(cafe.state, [people[TROLL]!], 1)]).toEqual(unmuted);
  });
});

describe('a muted author editing what they wrote before', () => {
  it('refuses every earlier note alike, hidden or not, and still lets them change a held one', () => {
    const { cafe, people } = cafeOf(9);
    round(cafe, people, 1, { t1: [0, 1, 2], t2: [3, 4, 5], t3: [6, 7, 8] });
    const troll = people[TROLL]!;
    write(cafe, troll, 'harmless-r1', 'Une première note inoffensive');
    round(cafe, people, 2, { t1: [1, 3, 6], t2: [0, 4, 7], t3: [2, 5, 8] });
    write(cafe, troll, 'abuse-r2');
    cafe.do({ type: 'author:mute', id: 'abuse-r2' });
    const held = write(cafe, troll, 'held-r2', 'Encore');
    const visible = cafe.try({ type: 'note:edit', id: 'harmless-r1', text: 'Now this one is abuse too' }, participant(troll));
    const hidden = cafe.try({ type: 'note:edit', id: 'abuse-r2', text: 'x' }, participant(troll));
    expect(visible).toMatchObject({ ok: false, error: 'forbidden' });
    expect(hidden).toEqual(visible);
    expect(cafe.do({ type: 'note:edit', id: held, text: 'Encore et toujours' }, participant(troll)).reply).toEqual({ noteId: held });
  });
});

describe('a table that points at one person', () => {
  it('seats a late joiner and someone let in from the lobby at tables with people, not alone at an empty one', () => {
    const cafe = new Cafe(setup({ tables: ['Identité', 'Financement', 'Consultation', 'Données'].map((q) => ({ question: `${q} ?` })) }));
    const people = NAMES.slice(0, 9).map((name) => cafe.join(name));
    cafe.do({ type: 'seating:assign' });
    round(cafe, people, 1, { t1: [0, 1, 2], t2: [3, 4, 5], t3: [6, 7, 8] });
    const late = cafe.join('Ngozi Chukwu');
    expect(cafe.tableOf(late)).not.toBe('t4');
    cafe.do({ type: 'session:admission', admission: 'lobby' });
    const waiting = cafe.join('Lê Văn Thành');
    cafe.do({ type: 'participant:admit', participantId: waiting });
    expect(cafe.tableOf(waiting)).not.toBe('t4');
    expect(membersOf(cafe.state, 't4')).toEqual([]);
  });
});
