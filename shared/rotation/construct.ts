import type { Board } from './board.ts';
import { shuffleInPlace, type Rng } from './prng.ts';
import { Kind, PresenceClass } from './model.ts';
import { Weight } from './weights.ts';
import { Seater } from './seater.ts';

// Imported bindings may be read through getters once transpiled; the hot loop reads locals.
const W_PAIR = Weight.pair;
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
export function construct(board: Board, rng: Rng) {
  const { problem } = board;
  const { n, nt, presence, kind, question, seen, nq, prev, nbrStart, group, groupNames, moveWeight } = problem;
  const seater = new Seater(board);
  const { slots, kindSlots, left } = seater;

  const waiting: number[] = [];
  for (const p of seater.pending()) {
    const before = prev[p]!;
    if (before >= 0 && seater.allowed(p, before)) seater.seat(p, before);
    else waiting.push(p);
  }

  const options = new Int32Array(n);
  for (const p of waiting) {
    let count = 0;
    for (let t = 0; t < nt; t++) if (fitsKind(kind[t]!, presence[p]!) && !seen[p * nq + question[t]!]) count++;
    options[p] = count;
  }
  shuffleInPlace(rng, waiting);
  waiting.sort((a, b) => options[a]! - options[b]! || nbrStart[b + 1]! - nbrStart[b]! - (nbrStart[a + 1]! - nbrStart[a]!));

  // The scan below is the hottest loop of a round (people x tables), so the seat cost and the seat guard are inlined.
  const G = Math.max(1, groupNames.length);
  const { conf, groupCount } = board;
  for (const p of waiting) {
    // A random starting table breaks ties without a random draw per table.
    const start = rng.int(Math.max(1, nt));
    const g = group[p]!;
    const before = prev[p]!;
    const own = presence[p]!;
    let best = -1;
    let bestCost = Infinity;
    for (let i = 0, t = start; i < nt; i++, t = t + 1 === nt ? 0 : t + 1) {
      if (slots[t]! <= 0) continue;
      const k = kind[t]!;
      if (k !== HYBRID) {
        if (k !== own) continue;
      } else if (kindSlots[own === ROOM ? ROOM_KIND : REMOTE_KIND]! > left[own]! - 1) continue;
      const cost =
        conf[p * nt + t]! * W_PAIR +
        seen[p * nq + question[t]!]! * W_SEEN +
        groupCount[t * G + g]! * W_GROUP +
        (before >= 0 && before !== t ? moveWeight : 0);
      if (cost < bestCost) {
        bestCost = cost;
        best = t;
      }
    }
    if (best >= 0) seater.seat(p, best);
  }
}
