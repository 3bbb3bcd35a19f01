import { create } from 'zustand';
import type { HarvestPatch, HarvestView, NoteView, PhaseView, RapporteurSnapshot, SummaryView, SuggestionsView } from '../../shared/protocol/views.ts';
import { sourceRef } from '../../shared/harvest/refs.ts';
import { NO_FILTERS, patchHarvest, placement as placeOf, type BoardCommand, type Filters } from './board.ts';
import { upsertBy } from './upsert.ts';

/** The rapporteur's store: the snapshot (notes without names), kept current by each delta, and the board's own state. */

export type RapporteurView = Omit<RapporteurSnapshot, 'role'>;

/** The last action, and the commands that undo it. */
export interface Undo {
  label: string;
  commands: BoardCommand[];
}

export interface RapporteurState {
  view: RapporteurView | null;
  ended: { reason: string; message: string } | null;
  /** The question on screen. */
  question: string | null;
  filters: Filters;
  /** Notes selected on the board, and where a shift-click's range starts. */
  selected: ReadonlySet<string>;
  anchor: string | null;
  /** The latest suggestions per question, and the suggestions dismissed. */
  suggestions: ReadonlyMap<string, SuggestionsView>;
  dismissed: ReadonlySet<string>;
  undo: Undo | null;
}

export const useRapporteur = create<RapporteurState>(() => ({
  view: null,
  ended: null,
  question: null,
  filters: NO_FILTERS,
  selected: new Set(),
  anchor: null,
  suggestions: new Map(),
  dismissed: new Set(),
  undo: null,
}));

export const rapporteurReducers = {
  snapshot: (snap: RapporteurSnapshot): RapporteurView => {
    const { role: _role, ...view } = snap;
    return view;
  },
  phase: (v: RapporteurView, phase: PhaseView): RapporteurView => ({ ...v, session: { ...v.session, ...phase } }),
  harvest: (v: RapporteurView, harvest: HarvestView): RapporteurView => ({ ...v, harvest }),
  patch: (v: RapporteurView, patch: HarvestPatch): RapporteurView => ({ ...v, harvest: patchHarvest(v.harvest, patch) }),
  note: (v: RapporteurView, note: NoteView): RapporteurView => ({ ...v, notes: upsertBy(v.notes, [note]) }),
  noteRemoved: (v: RapporteurView, ref: { id: string }): RapporteurView => ({ ...v, notes: v.notes.filter((n) => n.id !== ref.id) }),
  summary: (v: RapporteurView, summary: SummaryView): RapporteurView => ({
    ...v,
    summaries: [...v.summaries.filter((x) => x.tableId !== summary.tableId || x.round !== summary.round), summary],
  }),
  published: (v: RapporteurView, link: { readoutId: string; version: number; url: string }): RapporteurView =>
    v.harvest.readouts.some((r) => r.readoutId === link.readoutId) ? v : { ...v, harvest: { ...v.harvest, readouts: [...v.harvest.readouts, link] } },
};

/** Where each note stands in the harvest, for the board: in a theme, set aside, or still to sort. */
export function placement(v: RapporteurView) {
  return placeOf(v.harvest);
}

/** The question each note answers, from its table. */
export function questionOfNote(v: RapporteurView, note: NoteView): string | undefined {
  return v.questions.find((q) => q.tableIds.includes(note.tableId))?.key;
}

/** The readout's wording of a note: the rapporteur's copy when there is one. */
export function quoteOf(v: RapporteurView, note: NoteView): string {
  return v.harvest.quotes[sourceRef.note(note.id)] ?? note.text;
}
