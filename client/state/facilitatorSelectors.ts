import type { NoteView, ParticipantRow, TableRow } from '../../shared/protocol/views.ts';
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

export function tableCards(v: View): TableCard[] {
  const active = v.participants.filter((p) => p.status === 'active');
  return v.tables.map((table) => {
    const members = active.filter((p) => p.tableId === table.id).sort((a, b) => Number(b.id === table.hostId) - Number(a.id === table.hostId));
    const notes = v.notes.filter((n) => n.tableId === table.id);
    const visible = notes.filter((n) => !n.hidden);
    const counts = new Map<string, number>();
    for (const m of members) counts.set(m.group, (counts.get(m.group) ?? 0) + 1);
    const mix = v.stakeholderGroups
      .map((group, index) => ({ group, index, count: counts.get(group) ?? 0 }))
      .filter((x) => x.count > 0);
    const summary = v.summaries.filter((s) => s.tableId === table.id && s.text).sort((a, b) => b.round - a.round)[0]?.text ?? null;
    return {
      table,
      members,
      host: members.find((m) => m.id === table.hostId) ?? null,
      mix,
      noteCount: visible.length,
      hiddenCount: notes.length - visible.length,
      latest: notes.slice(-LATEST).reverse(),
      summary,
    };
  });
}

/** People who joined and have no seat yet. */
export function lobby(v: View): ParticipantRow[] {
  return v.participants.filter((p) => p.status === 'active' && p.tableId === null);
}

export function activeCount(v: View): number {
  return v.participants.filter((p) => p.status === 'active').length;
}

/** Which controls apply now. The server decides; this only avoids offering what it would refuse. */
export function controls(v: View) {
  const { phase, round, rounds, timer } = v.session;
  const timed = phase === 'round' || phase === 'moving';
  return {
    seat: phase === 'lobby' || phase === 'round' || phase === 'moving',
    start: phase === 'lobby' ? 1 : phase === 'moving' ? round : null,
    end: phase === 'round' ? round : null,
    lastRound: phase === 'round' && round >= rounds,
    pause: timed && timer.status === 'running',
    resume: timed && timer.status === 'paused',
    extend: timed && timer.status !== 'idle',
    harvest: phase === 'lobby' || phase === 'round' || phase === 'moving',
    close: phase !== 'closed',
    move: phase !== 'harvest' && phase !== 'closed',
  };
}

export function groupColorIndex(v: View, group: string): number {
  return Math.max(0, v.stakeholderGroups.indexOf(group));
}
