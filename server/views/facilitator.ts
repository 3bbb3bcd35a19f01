import type { Participant, SessionState } from '../../shared/domain/state.ts';
import type { AdmissionView, CoFacilitatorRow, FacilitatorSnapshot, ParticipantRow } from '../../shared/protocol/views.ts';
import { sessionHeader, summariesAt, tableRow } from './common.ts';
import { moderationSettings, staffNotes } from './moderation.ts';
import { harvestView, questionViews, rapporteurRows } from './harvest.ts';
import { seatingStatus } from './seating.ts';
import { accessFor } from '../../shared/commands/index.ts';

/** Facilitators run the room: they see names and seats, but not who wrote which note. */
export function participantRow(state: SessionState, p: Participant): ParticipantRow {
  return {
    id: p.id,
    name: p.name,
    group: p.group,
    presence: p.presence,
    status: p.status,
    tableId: state.seats.get(p.id) ?? null,
    pinnedTo: p.pinnedTo,
    organisation: p.organisation,
    ...(p.fromRemovedDevice ? { fromRemovedDevice: true as const } : {}),
  };
}

export function admissionView(state: SessionState): AdmissionView {
  return { admission: state.admission, locked: state.locked };
}

export function cofacilitatorRows(state: SessionState): CoFacilitatorRow[] {
  return [...state.cofacilitators.values()].map((c) => ({ id: c.id, label: c.label, revoked: c.revoked }));
}

export function facilitatorSnapshot(state: SessionState, role: 'facilitator' | 'cofacilitator' = 'facilitator'): FacilitatorSnapshot {
  return {
    role: 'facilitator',
    session: sessionHeader(state),
    stakeholderGroups: [...state.config.stakeholderGroups],
    roundSeconds: state.config.roundSeconds,
    movingSeconds: state.config.movingSeconds,
    tables: state.tables.map(tableRow),
    participants: [...state.participants.values()].map((p) => participantRow(state, p)),
    notes: staffNotes(state),
    summaries: state.tables.flatMap((t) => summariesAt(state, t.id)),
    broadcast: state.broadcast,
    moderation: moderationSettings(state),
    questions: questionViews(state),
    rapporteurs: rapporteurRows(state),
    harvest: harvestView(state),
    seating: seatingStatus(state),
    access: accessFor(role),
    me: role === 'facilitator' ? 'creator' : 'cofacilitator',
    admission: admissionView(state),
    cofacilitators: cofacilitatorRows(state),
  };
}
