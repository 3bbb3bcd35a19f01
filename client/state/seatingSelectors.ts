import type { ParticipantRow, PreviewRoundView, TableRow } from '../../shared/protocol/views.ts';
import type { FacilitatorState, PreviewUi } from './facilitator.ts';

type View = NonNullable<FacilitatorState['view']>;

/** What the "Next seating" panel shows, derived from the store: the component only lays it out. */

/**
 * - `loading`: nothing to show yet;
 * - `stale`: the café changed since this preview (seating version moved on): refresh before accepting;
 * - `accepted`: the accepted plan, still fitting: the round end applies exactly this;
 * - `adjusted`: the accepted plan no longer fits; this is it repaired (what the round end will apply) and replanned;
 * - `proposal`: a plan nobody accepted yet (or a reshuffle to replace the accepted one).
 */
export type PreviewStatus = 'loading' | 'stale' | 'accepted' | 'adjusted' | 'proposal';

export function previewStatus(v: View, p: PreviewUi): PreviewStatus {
  if (!p.data) return 'loading';
  if (p.data.version !== v.seating.version) return 'stale';
  if (p.data.accepted) return 'accepted';
  if (v.seating.plan && v.seating.plan.attempt === p.data.attempt) return 'adjusted';
  return 'proposal';
}

/** Where the panel belongs: before seating the lobby, and during a round that has another after it. */
export function showsSeatingPanel(v: View): boolean {
  const { phase, round, rounds } = v.session;
  return phase === 'lobby' || (phase === 'round' && round < rounds);
}

export interface PreviewPerson {
  id: string;
  name: string;
  group: string;
  host: boolean;
  pinned: boolean;
  remote: boolean;
}

export interface PreviewTable {
  table: TableRow;
  people: PreviewPerson[];
}

export interface PreviewConflict {
  kind: string;
  name: string;
  table: string;
}

/** One previewed round with names: hosts first, then by name; people the console does not know (yet) are left out. */
export function previewRound(v: View, round: PreviewRoundView): { tables: PreviewTable[]; waiting: PreviewPerson[]; conflicts: PreviewConflict[] } {
  const byId = new Map(v.participants.map((p) => [p.id, p]));
  const tables = new Map(v.tables.map((t) => [t.id, t]));
  const person = (p: ParticipantRow, table: TableRow | null): PreviewPerson => ({
    id: p.id,
    name: p.name,
    group: p.group,
    host: table !== null && table.hostId === p.id,
    pinned: table !== null && p.pinnedTo === table.id,
    remote: p.presence === 'remote',
  });
  return {
    tables: round.tables.flatMap(({ tableId, memberIds }) => {
      const table = tables.get(tableId);
      if (!table) return [];
      const people = memberIds
        .map((id) => byId.get(id))
        .filter((p): p is ParticipantRow => p !== undefined)
        .map((p) => person(p, table))
        .sort((a, b) => Number(b.host) - Number(a.host) || a.name.localeCompare(b.name));
      return [{ table, people }];
    }),
    waiting: round.waiting.flatMap((id) => {
      const p = byId.get(id);
      return p ? [person(p, null)] : [];
    }),
    conflicts: round.conflicts.map((c) => ({ kind: c.kind, name: byId.get(c.personId)?.name ?? '', table: (c.tableId && tables.get(c.tableId)?.name) || '' })),
  };
}

/** A share as a whole percentage, rounded down so 99.6 % never shows as 100 %. */
export function percent(share: number): number {
  return Math.floor(share * 100 + 1e-9);
}

/** Of one round's travellers, the share at a question they have not discussed; null when nobody travels. */
export function newQuestionShare(round: PreviewRoundView): number | null {
  return round.figures.travellers ? round.figures.newQuestion / round.figures.travellers : null;
}

/** "2–4", "3" or "" for the rounds a plan covers. */
export function roundSpan(rounds: readonly number[]): string {
  if (!rounds.length) return '';
  return rounds.length === 1 ? String(rounds[0]) : `${rounds[0]}–${rounds[rounds.length - 1]}`;
}
