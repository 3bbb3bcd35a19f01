import { create } from 'zustand';
import type { HarvestView, NoteView, PhaseView, RapporteurSnapshot, SummaryView } from '../../shared/protocol/views.ts';
import { sourceRef } from '../../shared/harvest/refs.ts';
import { upsertBy } from './upsert.ts';

/** The rapporteur's store: the snapshot (notes without names), kept current by each delta. */

export type RapporteurView = Omit<RapporteurSnapshot, 'role'>;

export interface RapporteurState {
  view: RapporteurView | null;
  ended: { reason: string; message: string } | null;
  /** The question on screen. */
  question: string | null;
}

export const useRapporteur = create<RapporteurState>(() => ({ view: null, ended: null, question: null }));

export const rapporteurReducers = {
  snapshot: (snap: RapporteurSnapshot): RapporteurView => {
    const { role: _role, ...view } = snap;
    return view;
  },
  phase: (v: RapporteurView, phase: PhaseView): RapporteurView => ({ ...v, session: { ...v.session, ...phase } }),
  harvest: (v: RapporteurView, harvest: HarvestView): RapporteurView => ({ ...v, harvest }),
  note: (v: RapporteurView, note: NoteView): RapporteurView => ({ ...v, notes: upsertBy(v.notes, [note]) }),
  noteRemoved: (v: RapporteurView, ref: { id: string }): RapporteurView => ({ ...v, notes: v.notes.filter((n) => n.id !== ref.id) }),
  summary: (v: RapporteurView, summary: SummaryView): RapporteurView => ({
    ...v,
    summaries: [...v.summaries.filter((x) => x.tableId !== summary.tableId || x.round !== summary.round), summary],
  }),
};

/** Where each note stands in the harvest, for the board: in a theme, set aside, or still to sort. */
export function placement(v: RapporteurView) {
  const themeOf = new Map<string, string>();
  for (const t of v.harvest.themes) for (const id of t.noteIds) themeOf.set(id, t.id);
  const aside = new Map(v.harvest.setAside.map((a) => [a.noteId, a]));
  return { themeOf, aside };
}

/** The question each note answers, from its table. */
export function questionOfNote(v: RapporteurView, note: NoteView): string | undefined {
  return v.questions.find((q) => q.tableIds.includes(note.tableId))?.key;
}

/** The readout's wording of a note: the rapporteur's copy when there is one. */
export function quoteOf(v: RapporteurView, note: NoteView): string {
  return v.harvest.quotes[sourceRef.note(note.id)] ?? note.text;
}
