import { replay } from '../shared/domain/apply.ts';
import type { DomainEvent } from '../shared/domain/events.ts';
import type { Table } from '../shared/domain/state.ts';
import { paceView } from '../shared/moderation/pace.ts';
import { emptyQuery, moderationList } from '../client/state/moderationSelectors.ts';
import { tableCards } from '../client/state/facilitatorSelectors.ts';
import { notesAt, noteView } from '../server/views/common.ts';
import { facilitatorSnapshot } from '../server/views/facilitator.ts';
import { staffNotes } from '../server/views/moderation.ts';
import { ms, renderTable } from './lib/table.ts';

/**
 * Moderation under a plenary: 2,000 people at 250 tables, four rounds, three notes each a round
 * (24,000 notes). Each figure stands beside a baseline measured in the same run on the same café:
 *
 * - the facilitators' notes in their snapshot, now in keyed order with moderation fields, beside
 *   the list as it was built before (each table's notes in writing order, plain views);
 * - the moderation view's list for one keystroke (filter, search, sort), beside the console's
 *   per-frame derivation of its table cards, which it already afforded on every frame;
 * - the pace count for a minute in which 200 people were held back.
 *
 * Times are the median of warm runs on one core; the machine is shared, so read the columns of one
 * run against each other.
 */

const PEOPLE = 2000;
const TABLES = 250;
const ROUNDS = 4;
const NOTES_EACH = 3;
const RUNS = 9;
const WORDS = [
  'open standards',
  'données publiques',
  'الهوية الرقمية',
  'maintenance funding',
  'plain language',
  'accountability',
  'Barrierefreiheit',
  'consulta pública',
];

function plenary() {
  const at = Date.UTC(2026, 10, 23, 9);
  const tables: Table[] = Array.from({ length: TABLES }, (_, i) => ({
    id: `t${i + 1}`,
    name: `Table ${i + 1}`,
    question: `Question ${(i % 10) + 1}`,
    videoUrl: null,
    mode: 'hybrid',
    capacity: 10,
    hostId: null,
  }));
  const events: DomainEvent[] = [
    {
      type: 'session:created',
      at,
      sessionId: 'bench',
      code: 'BENCH2',
      facilitatorKeyHash: 'f',
      orderKey: 'a-secret-of-the-session',
      config: {
        title: 'Plenary',
        description: '',
        rounds: ROUNDS,
        roundSeconds: 1200,
        movingSeconds: 120,
        autoAdvance: false,
        stakeholderGroups: ['Government', 'Academia'],
      },
      tables,
    },
  ];
  for (let p = 0; p < PEOPLE; p++) {
    events.push({
      type: 'participant:joined',
      at,
      participantId: `p${p}`,
      name: `Person ${p}`,
      group: p % 2 ? 'Government' : 'Academia',
      presence: 'room',
      tokenHash: `h${p}`,
    });
  }
  let n = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const seats: Record<string, string> = {};
    for (let p = 0; p < PEOPLE; p++) seats[`p${p}`] = `t${((p * round + round) % TABLES) + 1}`;
    events.push({ type: 'seats:assigned', at, seats }, { type: 'round:started', at, round, endsAt: at + 1_200_000, durationMs: 1_200_000 });
    for (let k = 0; k < NOTES_EACH; k++) {
      for (let p = 0; p < PEOPLE; p++) {
        n++;
        events.push({
          type: 'note:added',
          at,
          noteId: `note-${n}`.padEnd(21, '_'),
          tableId: seats[`p${p}`]!,
          round,
          authorId: `p${p}`,
          text: `${WORDS[n % WORDS.length]} matters, point ${n}`,
          kind: null,
        });
      }
    }
    if (round < ROUNDS) events.push({ type: 'round:ended', at, round });
  }
  return replay(events);
}

function median(f: () => unknown): number {
  const times: number[] = [];
  f();
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

const state = plenary();
const before = () => state.tables.flatMap((t) => notesAt(state, t.id, true).map(noteView));
// The first snapshot pays for every note's rank; later ones find it kept with the note.
const firstStart = performance.now();
staffNotes(state);
const firstRanks = performance.now() - firstStart;
const snapshot = facilitatorSnapshot(state);
const view = { ...snapshot };
const held = Array.from({ length: 200 }, (_, i) => `p${i * 7}`);

const rows = [
  ['facilitators’ notes in the snapshot (24,000)', ms(median(() => staffNotes(state))), ms(median(before)), 'writing order, plain views'],
  ['  the first time, ranks made', ms(firstRanks), '–', ''],
  [
    'moderation list, no search',
    ms(median(() => moderationList(view.notes, view.tables, emptyQuery))),
    ms(median(() => tableCards(view))),
    'console table cards, every frame',
  ],
  [
    'moderation list, searching “donnees publiques”',
    ms(median(() => moderationList(view.notes, view.tables, { ...emptyQuery, text: 'donnees publiques' }))),
    ms(median(() => tableCards(view))),
    'console table cards, every frame',
  ],
  [
    'moderation list, table 17, round 4',
    ms(median(() => moderationList(view.notes, view.tables, { ...emptyQuery, table: 't17', round: 4 }))),
    ms(median(() => tableCards(view))),
    'console table cards, every frame',
  ],
  ['pace count, 200 people held back', ms(median(() => paceView(state, held, 0))), '–', ''],
];
console.log(`Moderation under a plenary: ${PEOPLE} people, ${TABLES} tables, ${ROUNDS} rounds, ${state.notes.size} notes; median of ${RUNS} warm runs, ms`);
console.log(renderTable(['', 'now', 'baseline', 'baseline is'], rows));
