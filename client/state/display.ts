import { create } from 'zustand';
import type { BroadcastView, DisplayHarvest, DisplaySnapshot, DisplayTable, PhaseView } from '../../shared/protocol/views.ts';

/** The room display's store: public facts only (counts, questions, the clock). */

export type DisplayView = Omit<DisplaySnapshot, 'role'>;

export const useDisplay = create<{ view: DisplayView | null }>(() => ({ view: null }));

export const displayReducers = {
  snapshot: (snap: DisplaySnapshot): DisplayView => {
    const { role: _role, ...view } = snap;
    return view;
  },
  // A message belongs to its phase: "Two minutes left" is gone once the round ends.
  phase: (v: DisplayView, phase: PhaseView): DisplayView => ({
    ...v,
    session: { ...v.session, ...phase },
    broadcast: phase.phase !== v.session.phase || phase.round !== v.session.round ? null : v.broadcast,
  }),
  tables: (v: DisplayView, payload: { tables: DisplayTable[]; joinedCount: number }): DisplayView => ({ ...v, ...payload }),
  broadcast: (v: DisplayView, broadcast: BroadcastView): DisplayView => ({ ...v, broadcast }),
  harvest: (v: DisplayView, harvest: DisplayHarvest | null): DisplayView => ({ ...v, harvest }),
};

/**
 * What the right of the screen invites the room to do: join while people can still join and no
 * readout is out; read the readout once it is; nothing once a café closed without one.
 */
export function invitation(v: DisplayView): 'join' | 'readout' | 'none' {
  if (v.harvest?.readoutUrl) return 'readout';
  return v.session.phase === 'closed' ? 'none' : 'join';
}

export interface Flow {
  name: string;
  count: number;
  /** People who stay at this table (hosts, pinned people). */
  stay: boolean;
}

/** While moving: from each table, how many go to which table, by name; those who stay first. */
export function flowsByName(v: DisplayView): { from: DisplayTable; to: Flow[] }[] {
  const names = new Map(v.tables.map((t) => [t.id, t.name]));
  return v.tables.map((from) => ({
    from,
    to: from.flows
      .filter((f) => f.count > 0)
      .map((f) => ({ name: names.get(f.tableId) ?? f.tableId, count: f.count, stay: f.tableId === from.id }))
      .sort((a, b) => Number(b.stay) - Number(a.stay)),
  }));
}

/** The flows arrive a moment after the phase changes; until then there is nothing to show. */
export function hasFlows(v: DisplayView): boolean {
  return v.tables.some((t) => t.flows.some((f) => f.count > 0));
}

/** A projector is read from the back of the room: beyond this many tables it shows the questions, not each table. */
export const TABLES_ON_SCREEN = 12;

export function isCrowded(v: DisplayView): boolean {
  return v.tables.length > TABLES_ON_SCREEN;
}

/** The guiding questions in the order tables first ask them, with how many tables ask each and how many people sit there. */
export function questionsOverview(v: DisplayView): { question: string; tables: number; seated: number }[] {
  const byQuestion = new Map<string, { question: string; tables: number; seated: number }>();
  for (const table of v.tables) {
    const entry = byQuestion.get(table.question) ?? { question: table.question, tables: 0, seated: 0 };
    entry.tables++;
    entry.seated += table.memberCount;
    byQuestion.set(table.question, entry);
  }
  return [...byQuestion.values()];
}
