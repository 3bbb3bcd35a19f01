import type { Board } from './board.ts';
import { shuffleInPlace, type Rng } from './prng.ts';
import { Kind, PresenceClass } from './model.ts';
import { Weight } from './weights.ts';
import { Seater } from './seater.ts';

// Imported bindings may be read through getters once transpiled; the hot loop reads locals.
const W_PAIR = Weight.pair;
const W_AWAY = Weight.anchorAway;
const W_SEEN = Weight.seenQuestion;
const W_GROUP = Weight.sameGroup;
const HYBRID = Kind.hybrid;
const ROOM_KIND = Kind.room;
const REMOTE_KIND = Kind.remote;
const ROOM = PresenceClass.room;
const fitsKind = (kind: number, presence: number) => kind === HYBRID || kind === presence;

/**
 * A first seating, good enough that local search only has to polish it: anchors first, then
 * (when replanning) everyone back at their previous table while it still has a seat for them,
 * then the rest greedily, the most constrained first (fewest tables with a question they have
 * not discussed, then most people already met), each at the cheapest table with a seat left.
 */
/** Tables scanned per person: all of them up to SCAN_ALL tables, beyond that a random run of SCAN_SAMPLE. */
const SCAN_ALL = 160;
const SCAN_SAMPLE = 120;

export function construct(board: Board, rng: Rng) {
  const { problem } = board;
  const { n, nt, presence, kind, question, seen, nq, prev, nbrStart, group, groupNames, moveWeight, wish } = problem;
  const seater = new Seater(board);
  const { slots, kindSlots, left } = seater;

  const waiting: number[] = [];
  for (const p of seater.pending()) {
    const before = prev[p]!;
    if (before >= 0 && seater.allowed(p, before)) seater.seat(p, before);
    else waiting.push(p);
  }

  // Tables per presence and question, so that each person's count of new-question tables is a sum over questions.
  const perQuestion = [new Int32Array(nq), new Int32Array(nq)];
  for (let t = 0; t < nt; t++) for (const c of [0, 1]) if (fitsKind(kind[t]!, c)) perQuestion[c]![question[t]!]!++;
  const options = new Int32Array(n);
  for (const p of waiting) {
    let count = 0;
    const tables = perQuestion[presence[p]!]!;
    for (let q = 0; q < nq; q++) if (!seen[p * nq + q]) count += tables[q]!;
    options[p] = count;
  }
  shuffleInPlace(rng, waiting);
  // Hosts and pins who gave up their seat go first (their own table, if it still has room), then the most constrained.
  waiting.sort(
    (a, b) => Number(wish[b]! >= 0) - Number(wish[a]! >= 0) || options[a]! - options[b]! || nbrStart[b + 1]! - nbrStart[b]! - (nbrStart[a + 1]! - nbrStart[a]!),
  );

  // The scan below is the hottest loop of a round (people x tables), so the seat cost and the seat guard are inlined.
  const G = Math.max(1, groupNames.length);
  const { conf, groupCount } = board;
  // In a plenary, a random sample of the tables is as good a start as all of them and far cheaper:
  // the search and the rule on questions take it from there.
  const scan = nt > SCAN_ALL ? SCAN_SAMPLE : nt;
  for (const p of waiting) {
    // A random starting table breaks ties without a random draw per table.
    const start = rng.int(Math.max(1, nt));
    const g = group[p]!;
    const before = prev[p]!;
    const own = presence[p]!;
    let best = -1;
    let bestCost = Infinity;
    let looked = 0;
    for (let i = 0, t = start; i < nt; i++, t = t + 1 === nt ? 0 : t + 1) {
      if (slots[t]! <= 0) continue;
      if (best >= 0 && ++looked > scan) break;
      const k = kind[t]!;
      if (k !== HYBRID) {
        if (k !== own) continue;
      } else if (kindSlots[own === ROOM ? ROOM_KIND : REMOTE_KIND]! > left[own]! - 1) continue;
      const cost =
        (wish[p]! >= 0 && wish[p] !== t ? W_AWAY : 0) +
        conf[p * nt + t]! * W_PAIR +
        seen[p * nq + question[t]!]! * W_SEEN +
        groupCount[t * G + g]! * W_GROUP +
        (before >= 0 && before !== t ? moveWeight : 0);
      if (cost < bestCost) {
        bestCost = cost;
        best = t;
        // Nothing costs less than nothing: the rest of the scan cannot win.
        if (cost === 0) break;
      }
    }
    if (best >= 0) seater.seat(p, best);
  }
}
