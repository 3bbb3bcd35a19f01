import { create } from 'zustand';
import type {
  AdmissionView,
  BroadcastView,
  CoFacilitatorRow,
  FacilitatorSnapshot,
  ModerationSettingsView,
  NoteView,
  PaceView,
  ParticipantRow,
  PhaseView,
  SeatingPreviewView,
  SeatingStatusView,
  StaffNoteView,
  SummaryView,
  TableRow,
} from '../../shared/protocol/views.ts';
import { upsertBy } from './upsert.ts';

/** The facilitator's store: the snapshot, kept current by idempotent upserts of each delta. */

export interface FacilitatorState {
  view: Omit<FacilitatorSnapshot, 'role'> | null;
  ended: { reason: string; message: string } | null;
  /** The seating preview this console asked for: UI state, the reply to `seating:preview`. */
  preview: PreviewUi;
  /** The last count of people the note pace held back (never who), as the server last sent it. */
  pace: PaceView | null;
}

export interface PreviewUi {
  data: SeatingPreviewView | null;
  detail: 'next' | 'all';
  /** What is being asked of the server right now. */
  busy: 'load' | 'reshuffle' | 'accept' | null;
  /** The server's reason when the last preview could not be made. */
  error: string | null;
}

export const emptyPreview: PreviewUi = { data: null, detail: 'next', busy: null, error: null };

export const useFacilitator = create<FacilitatorState>(() => ({ view: null, ended: null, preview: emptyPreview, pace: null }));

type View = NonNullable<FacilitatorState['view']>;

export const facilitatorReducers = {
  snapshot: (_v: View | null, snap: FacilitatorSnapshot): View => {
    const { role: _role, ...view } = snap;
    return view;
  },
  phase: (v: View, phase: PhaseView): View => ({ ...v, session: { ...v.session, ...phase } }),
  roster: (v: View, rows: ParticipantRow[]): View => ({ ...v, participants: upsertBy(v.participants, rows) }),
  tables: (v: View, rows: TableRow[]): View => ({ ...v, tables: upsertBy(v.tables, rows) }),
  // A console only ever receives the staff view of a note (server/realtime/fanout/notes.ts).
  note: (v: View, note: NoteView | StaffNoteView): View => ({ ...v, notes: upsertBy(v.notes, [note as StaffNoteView]) }),
  noteRemoved: (v: View, ref: { id: string }): View => ({ ...v, notes: v.notes.filter((n) => n.id !== ref.id) }),
  summary: (v: View, summary: SummaryView): View => ({
    ...v,
    summaries: [...v.summaries.filter((x) => x.tableId !== summary.tableId || x.round !== summary.round), summary],
  }),
  broadcast: (v: View, broadcast: BroadcastView): View => ({ ...v, broadcast }),
  seating: (v: View, seating: SeatingStatusView): View => (seating.version < v.seating.version ? v : { ...v, seating }),
  admission: (v: View, admission: AdmissionView): View => ({ ...v, admission }),
  cofacilitators: (v: View, cofacilitators: CoFacilitatorRow[]): View => ({ ...v, cofacilitators }),
  moderation: (v: View, moderation: ModerationSettingsView): View => ({ ...v, moderation }),
};
