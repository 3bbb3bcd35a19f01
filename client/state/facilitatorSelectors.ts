import type { NoteView, ParticipantRow, TableRow } from '../../shared/protocol/views.ts';
import { allows } from '../../shared/commands/access.ts';
import type { FacilitatorState } from './facilitator.ts';

type View = NonNullable<FacilitatorState['view']>;

/** What the dashboard shows, derived from the store: components only lay it out. */

export interface TableCard {
  table: TableRow;
  members: ParticipantRow[];
  host: ParticipantRow | null;
  /** Count per stakeholder group, in the session's group order; groups with nobody are left out. */
  mix: { group: string; count: number; index: number }[];
  noteCount: number;
  hiddenCount: number;
  latest: NoteView[];
  summary: string | null;
}

const LATEST = 3;

/** Grouped in one pass: a plenary's console recomputes this for 250 tables, 2,000 people and thousands of notes every frame that brings news. */
function byTable<T>(items: readonly T[], tableOf: (item: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const tableId = tableOf(item);
    if (tableId === null) continue;
    const list = out.get(tableId);
    if (list) list.push(item);
    else out.set(tableId, [item]);
  }
  return out;
}

export function tableCards(v: View): TableCard[] {
  const seated = byTable(v.participants, (p) => (p.status === 'active' ? p.tableId : null));
  const noted = byTable(v.notes, (n) => n.tableId);
  return v.tables.map((table) => {
    const members = (seated.get(table.id) ?? []).sort((a, b) => Number(b.id === table.hostId) - Number(a.id === table.hostId));
    const notes = noted.get(table.id) ?? [];
    const visible = notes.filter((n) => !n.hidden);
    const counts = new Map<string, number>();
    for (const m of members) counts.set(m.group, (counts.get(m.group) ?? 0) + 1);
    const mix = v.stakeholderGroups.map((group, index) => ({ group, index, count: counts.get(group) ?? 0 })).filter((x) => x.count > 0);
    const summary = v.summaries.filter((s) => s.tableId === table.id && s.text).sort((a, b) => b.round - a.round)[0]?.text ?? null;
    return {
      table,
      members,
      host: members.find((m) => m.id === table.hostId) ?? null,
      mix,
      noteCount: visible.length,
      hiddenCount: notes.length - visible.length,
      latest: latestRound(notes),
      summary,
    };
  });
}

/**
 * A few notes of the table's latest rounds, the latest round first, after any whose round is not
 * shown. Not "the newest": a snapshot
 * lists each round in the server's keyed order, never writing order; the moderation view has them all.
 */
function latestRound(notes: readonly NoteView[]): NoteView[] {
  const out: NoteView[] = [];
  // Round 0: a cell with fewer than three writers, whose round staff are not shown. Early in a
  // round that is usually the round under way, so those come first.
  for (let i = notes.length - 1; i >= 0 && out.length < LATEST; i--) if (notes[i]!.round === 0) out.push(notes[i]!);
  let round = Infinity;
  while (out.length < LATEST) {
    let next = 0;
    for (const n of notes) if (n.round < round && n.round > next) next = n.round;
    if (next === 0) break;
    for (let i = notes.length - 1; i >= 0 && out.length < LATEST; i--) if (notes[i]!.round === next) out.push(notes[i]!);
    round = next;
  }
  return out;
}

/** Whether a card would draw the same: its parts compared one by one, as each fact replaces only what it changed. */
export function sameCard(a: TableCard, b: TableCard): boolean {
  const sameItems = <T>(x: readonly T[], y: readonly T[]) => x.length === y.length && x.every((item, i) => item === y[i]);
  return (
    a.table === b.table &&
    sameItems(a.members, b.members) &&
    a.noteCount === b.noteCount &&
    a.hiddenCount === b.hiddenCount &&
    sameItems(a.latest, b.latest) &&
    a.summary === b.summary &&
    a.mix.length === b.mix.length &&
    a.mix.every((m, i) => m.group === b.mix[i]!.group && m.count === b.mix[i]!.count)
  );
}

/** People who joined and have no seat yet. */
export function lobby(v: View): ParticipantRow[] {
  return v.participants.filter((p) => p.status === 'active' && p.tableId === null);
}

/**
 * The waiting people a console lists: a plenary can have two thousand, and a list that long is
 * neither readable nor cheap to draw, so at most `limit`, matching `query` (any part of the name,
 * ignoring case and accents) when one is typed.
 */
export function findWaiting(v: View, query: string, limit: number): { shown: ParticipantRow[]; matching: number } {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
  const q = fold(query.trim());
  const matching = q ? lobby(v).filter((p) => fold(p.name).includes(q)) : lobby(v);
  return { shown: matching.slice(0, limit), matching: matching.length };
}

/** People asking to join, in the order they asked: the session admits by hand, or their device was removed. */
export function waitingToJoin(v: View): ParticipantRow[] {
  return v.participants.filter((p) => p.status === 'waiting');
}

export function activeCount(v: View): number {
  return v.participants.filter((p) => p.status === 'active').length;
}

/**
 * Which controls apply now, from the rules the server sent for this role (the command table's):
 * the console offers what the server would accept and keeps no copy of the rules.
 */
export function controls(v: View) {
  const { phase, round, rounds, timer } = v.session;
  const may = (name: string) => allows(v.access[name], phase, timer.status);
  return {
    seat: may('seating:assign'),
    start: !may('round:start') ? null : phase === 'moving' ? round : phase === 'lobby' ? 1 : null,
    end: may('round:end') ? round : null,
    lastRound: may('round:end') && round >= rounds,
    pause: may('timer:pause'),
    resume: may('timer:resume'),
    extend: may('timer:extend'),
    harvest: may('harvest:open') && phase !== 'harvest',
    close: may('session:close'),
    move: may('participant:move'),
  };
}

export function groupColorIndex(v: View, group: string): number {
  return Math.max(0, v.stakeholderGroups.indexOf(group));
}
