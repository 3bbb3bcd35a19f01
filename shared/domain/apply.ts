import { unreachable, type SetAsideReason } from './enums.ts';
import type { DomainEvent, EventOf } from './events.ts';
import { parseSource } from '../harvest/sources.ts';
import type { Note, NoteId, ParticipantId, PlannedRounds, PlannedSeatings, SessionState, TableId } from './state.ts';
import { cellKey, countNoteBy, countsTowardK, emptyHarvest, lastStartedRound, notesBy } from './state.ts';

/** Facts that change what a seating plan depends on; each moves `seatingVersion` on. */
export const SEATING_FACTS = new Set<DomainEvent['type']>([
  'participant:joined',
  'participant:admitted',
  'participant:declined',
  'participant:left',
  'participant:removed',
  'participant:pinned',
  'seats:assigned',
  'host:assigned',
  'seating:planned',
  'round:started',
  'round:ended',
  'moving:started',
  'harvest:opened',
  'session:closed',
]);

/** The state a session's first fact creates. */
export function createState(e: EventOf<'session:created'>): SessionState {
  return {
    id: e.sessionId,
    version: 1,
    code: e.code,
    facilitatorKeyHash: e.facilitatorKeyHash,
    cofacilitators: new Map(),
    createdAt: e.at,
    admission: e.admission ?? 'open',
    locked: false,
    removedDevices: new Set(),
    config: structuredClone(e.config),
    phase: 'lobby',
    round: 0,
    timer: { status: 'idle' },
    tables: structuredClone(e.tables),
    participants: new Map(),
    tokenIndex: new Map(),
    seats: new Map(),
    sittings: new Map(),
    notes: new Map(),
    tableNotes: new Map(e.tables.map((t) => [t.id, []])),
    cellWriters: new Map(),
    noteSeq: 0,
    summaries: new Map(),
    summaryAuthors: new Map(),
    broadcast: null,
    commandIds: new Set(),
    joinKeys: new Map(),
    rapporteurs: new Map(),
    devices: new Map(),
    harvest: emptyHarvest(),
    plan: null,
    seatingVersion: 1,
    moderation: {
      wordList: e.wordList ?? false,
      muted: new Set(),
      mutedDevices: new Set(),
      heldSummaries: new Map(),
      flags: new Map(),
      known: new Map(),
      // A log from before the key existed still gets a stable secret: the creator's first key hash.
      orderKey: e.orderKey ?? e.facilitatorKeyHash,
    },
  };
}

/** Folds a whole log into a state. */
export function replay(events: readonly DomainEvent[]): SessionState {
  const [first, ...rest] = events;
  if (!first || first.type !== 'session:created') throw new Error('A session log starts with session:created');
  const state = createState(first);
  for (const e of rest) apply(state, e);
  return state;
}

/**
 * Folds one fact into the state, in place: a session of thousands of notes must not be copied
 * for every note. Facts were validated by `decide`, so `apply` never refuses.
 */
export function apply(state: SessionState, e: DomainEvent): SessionState {
  state.version++;
  if (SEATING_FACTS.has(e.type)) state.seatingVersion = state.version;
  switch (e.type) {
    case 'session:created':
      throw new Error('session:created can only start a log');
    case 'participant:joined':
      if (e.joinKeyHash) state.joinKeys.set(e.joinKeyHash, e.participantId);
      state.participants.set(e.participantId, {
        id: e.participantId,
        name: e.name,
        group: e.group,
        organisation: e.organisation ?? null,
        aliases: e.aliases ? [...e.aliases] : [],
        presence: e.presence,
        tokenHash: e.tokenHash,
        joinedAt: e.at,
        status: e.waiting ? 'waiting' : 'active',
        pinnedTo: null,
        deviceHash: e.deviceHash ?? null,
        fromRemovedDevice: e.fromRemovedDevice ?? false,
      });
      state.tokenIndex.set(e.tokenHash, e.participantId);
      // Back from a muted author's device under a new name: still muted.
      if (e.deviceHash && state.moderation.mutedDevices.has(e.deviceHash)) state.moderation.muted.add(e.participantId);
      break;
    case 'participant:left':
    case 'participant:removed': {
      const p = state.participants.get(e.participantId);
      if (!p) break;
      p.status = e.type === 'participant:left' ? 'left' : 'removed';
      if (e.type === 'participant:removed' && p.deviceHash) state.removedDevices.add(p.deviceHash);
      unseat(state, e.participantId);
      break;
    }
    case 'participant:admitted':
    case 'participant:declined': {
      const p = state.participants.get(e.participantId);
      if (p?.status === 'waiting') p.status = e.type === 'participant:admitted' ? 'active' : 'declined';
      break;
    }
    case 'admission:set':
      state.admission = e.admission;
      break;
    case 'session:locked':
      state.locked = e.locked;
      break;
    case 'cofacilitator:invited':
      state.cofacilitators.set(e.cofacilitatorId, { id: e.cofacilitatorId, label: e.label, tokenHash: e.tokenHash, revoked: false });
      break;
    case 'cofacilitator:revoked': {
      const c = state.cofacilitators.get(e.cofacilitatorId);
      if (c) c.revoked = true;
      break;
    }
    case 'facilitator:rekeyed':
      state.facilitatorKeyHash = e.facilitatorKeyHash;
      break;
    case 'participant:pinned': {
      const p = state.participants.get(e.participantId);
      if (p) p.pinnedTo = e.tableId;
      break;
    }
    case 'seats:assigned':
      for (const [pid, tid] of Object.entries(e.seats)) {
        // A log from before ids were checked may name someone who never joined: nobody to seat.
        if (!state.participants.has(pid)) continue;
        if (tid === null) unseat(state, pid);
        else seat(state, pid, tid);
      }
      break;
    case 'host:assigned': {
      const table = state.tables.find((t) => t.id === e.tableId);
      if (table) table.hostId = e.participantId;
      break;
    }
    case 'seating:planned':
      state.plan = { attempt: e.attempt, at: e.at, rounds: plannedSeatings(e.rounds), figures: e.figures, version: state.version };
      break;
    case 'round:started':
      state.phase = 'round';
      state.round = e.round;
      state.timer = { status: 'running', endsAt: e.endsAt, durationMs: e.durationMs };
      state.sittings.set(e.round, new Map([...state.seats].map(([pid, tid]) => [pid, [tid]])));
      break;
    case 'round:ended':
      state.timer = { status: 'idle' };
      break;
    case 'moving:started':
      state.phase = 'moving';
      state.round = e.round;
      state.timer = { status: 'running', endsAt: e.endsAt, durationMs: e.durationMs };
      break;
    case 'timer:paused':
      if (state.timer.status === 'running') state.timer = { status: 'paused', remainingMs: e.remainingMs, durationMs: state.timer.durationMs };
      break;
    case 'timer:resumed':
      if (state.timer.status === 'paused') state.timer = { status: 'running', endsAt: e.endsAt, durationMs: state.timer.durationMs };
      break;
    case 'warning:set':
      state.config.warningSeconds = e.seconds;
      break;
    case 'timer:extended':
      if (e.commandId) state.commandIds.add(e.commandId);
      if (state.timer.status === 'running') {
        // Time that already ran out is not owed: an extension counts from now.
        state.timer = { status: 'running', endsAt: Math.max(state.timer.endsAt, e.at) + e.byMs, durationMs: state.timer.durationMs + e.byMs };
      } else if (state.timer.status === 'paused') {
        state.timer = { status: 'paused', remainingMs: state.timer.remainingMs + e.byMs, durationMs: state.timer.durationMs + e.byMs };
      }
      break;
    case 'harvest:opened':
      state.phase = 'harvest';
      state.round = lastStartedRound(state);
      state.timer = { status: 'idle' };
      break;
    case 'session:closed':
      state.phase = 'closed';
      state.timer = { status: 'idle' };
      break;
    case 'note:added': {
      // A log never repeats a note id (decisions refuse it); were one to, the count stays true.
      const previous = state.notes.get(e.noteId);
      if (previous && countsTowardK(previous)) countWriter(state, previous, -1);
      state.noteSeq++;
      const note: Note = {
        id: e.noteId,
        tableId: e.tableId,
        round: e.round,
        authorId: e.authorId,
        text: e.text,
        kind: e.kind,
        seq: state.noteSeq,
        createdAt: e.at,
        edited: false,
        deleted: false,
        hidden: false,
        held: e.held ?? false,
        withheld: false,
        suspect: e.suspect ?? false,
      };
      state.notes.set(e.noteId, note);
      listOf(state.tableNotes, e.tableId).push(e.noteId);
      if (countsTowardK(note)) countWriter(state, note, 1);
      break;
    }
    case 'note:edited': {
      const note = state.notes.get(e.noteId);
      if (note) Object.assign(note, { text: e.text, kind: e.kind, edited: true });
      if (note && e.suspect !== undefined) note.suspect = e.suspect;
      // A rapporteur placed it on the words it had then: it goes back to them for another look.
      if (note && (placedIn(state, e.noteId) || state.harvest.setAside.has(e.noteId))) changedSet(state).add(e.noteId);
      break;
    }
    case 'note:deleted': {
      const note = state.notes.get(e.noteId);
      // The tombstone keeps the id so a late resend cannot bring the note back; the words go.
      if (note && countsTowardK(note)) countWriter(state, note, -1);
      if (note) Object.assign(note, { deleted: true, text: '', kind: null });
      break;
    }
    case 'note:hidden': {
      if (e.mute) mute(state, { noteId: e.mute.from, participantId: e.mute.participantId, cells: e.mute.cells });
      const note = state.notes.get(e.noteId);
      if (note) note.hidden = e.hidden;
      break;
    }
    case 'author:muted':
      mute(state, e);
      break;
    case 'note:released': {
      const note = state.notes.get(e.noteId);
      if (!note) break;
      const counted = countsTowardK(note);
      note.held = false;
      if (!counted && countsTowardK(note)) countWriter(state, note, 1);
      setOf(state.moderation.known, note.authorId).add(cellKey(note.tableId, note.round));
      break;
    }
    case 'note:flagged':
      setOf(state.moderation.flags, e.noteId).add(e.participantId);
      break;
    case 'wordlist:set':
      state.moderation.wordList = e.on;
      break;
    case 'summary:written':
      // A held one is kept apart, and does not make its writer the round's summary author: a host
      // named after them would be refused, and so learn a muted person hosted that table.
      if (e.held && e.by) {
        mapOf(state.moderation.heldSummaries, e.tableId).set(e.round, { text: e.text, by: e.by });
        break;
      }
      mapOf(state.summaries, e.tableId).set(e.round, e.text);
      if (e.by) mapOf(state.summaryAuthors, e.tableId).set(e.round, e.by);
      break;
    case 'broadcast:sent':
      if (e.commandId) state.commandIds.add(e.commandId);
      state.broadcast = { id: e.broadcastId, text: e.text, at: e.at, expiresAt: e.expiresAt ?? null, phase: state.phase, round: state.round };
      break;
    case 'rapporteur:invited':
      state.rapporteurs.set(e.rapporteurId, { id: e.rapporteurId, label: e.label, tokenHash: e.tokenHash, revoked: false });
      break;
    case 'rapporteur:revoked': {
      const r = state.rapporteurs.get(e.rapporteurId);
      if (r) r.revoked = true;
      break;
    }
    case 'device:linked':
      state.devices.set(e.tableId, { deviceId: e.deviceId, tokenHash: e.tokenHash, at: e.at });
      break;
    case 'theme:created':
      state.harvest.themes.set(e.themeId, { id: e.themeId, question: e.question, name: e.name, keyFinding: false, noteIds: [], mergedInto: null });
      break;
    case 'theme:renamed': {
      const theme = state.harvest.themes.get(e.themeId);
      if (theme) theme.name = e.name;
      break;
    }
    case 'theme:marked': {
      const theme = state.harvest.themes.get(e.themeId);
      if (theme) theme.keyFinding = e.keyFinding;
      break;
    }
    case 'theme:merged': {
      const theme = state.harvest.themes.get(e.themeId);
      if (theme) theme.mergedInto = e.into;
      break;
    }
    case 'theme:unmerged': {
      const theme = state.harvest.themes.get(e.themeId);
      if (theme) theme.mergedInto = null;
      break;
    }
    case 'theme:deleted':
      // Its notes go back to unsorted; its dots go back to the voters.
      for (const id of state.harvest.themes.get(e.themeId)?.noteIds ?? []) state.harvest.changed?.delete(id);
      state.harvest.themes.delete(e.themeId);
      for (const ballot of state.harvest.votes.values()) ballot.delete(e.themeId);
      break;
    case 'note:sorted':
      sortInto(state, [e.noteId], e.themeId);
      break;
    case 'notes:sorted':
      sortInto(state, e.noteIds, e.themeId);
      break;
    case 'note:sidelined':
      sideline(state, [e.noteId], e.reason, e.detail);
      break;
    case 'notes:sidelined':
      sideline(state, e.noteIds, e.reason, e.detail);
      break;
    case 'quote:chosen': {
      const theme = state.harvest.themes.get(e.themeId);
      if (!theme) break;
      const quotes = (theme.quotes ??= []).filter((id) => id !== e.noteId);
      theme.quotes = e.chosen ? [...quotes, e.noteId] : quotes;
      break;
    }
    case 'theme:synthesised': {
      const theme = state.harvest.themes.get(e.themeId);
      if (theme) theme.synthesis = e.text;
      break;
    }
    case 'takeaways:written':
      state.harvest.takeaways = [...e.texts];
      break;
    case 'quote:edited':
      if (e.text === null) state.harvest.quotes.delete(e.source);
      else state.harvest.quotes.set(e.source, e.text);
      break;
    case 'synthesis:written':
      state.harvest.syntheses.set(e.question, e.text);
      break;
    case 'vote:configured':
      state.harvest.votesPerParticipant = e.votesPerParticipant;
      break;
    case 'vote:recorded': {
      const ballot = mapOf(state.harvest.votes, e.participantId);
      if (e.dots > 0) ballot.set(e.themeId, e.dots);
      else ballot.delete(e.themeId);
      break;
    }
    case 'finding:kept':
      state.harvest.kept.set(e.key, { reason: e.reason });
      break;
    case 'finding:redacted': {
      const source = parseSource(e.source);
      if (!source) break;
      switch (source.kind) {
        case 'theme': {
          const theme = state.harvest.themes.get(source.themeId);
          if (theme) theme.name = e.text;
          break;
        }
        case 'synthesis':
          state.harvest.syntheses.set(source.question, e.text);
          break;
        case 'theme-synthesis': {
          const theme = state.harvest.themes.get(source.themeId);
          if (theme) theme.synthesis = e.text;
          break;
        }
        case 'takeaway': {
          const takeaways = state.harvest.takeaways ?? [];
          if (source.index < takeaways.length) takeaways[source.index] = e.text;
          break;
        }
        case 'note':
        case 'summary':
          state.harvest.quotes.set(e.source, e.text);
          break;
        default:
          unreachable(source);
      }
      break;
    }
    case 'readout:published':
      state.harvest.readouts.push({ readoutId: e.readoutId, version: e.version, readout: e.readout, noteNumbers: new Map(Object.entries(e.noteNumbers)) });
      break;
    default:
      unreachable(e);
  }
  return state;
}

function seat(state: SessionState, pid: ParticipantId, tid: TableId) {
  if (state.seats.get(pid) === tid) return;
  const hosted = state.tables.find((t) => t.hostId === pid);
  if (hosted && hosted.id !== tid) hosted.hostId = null;
  state.seats.set(pid, tid);
  if (state.phase === 'round') {
    const tables = listOf(mapOf(state.sittings, state.round), pid);
    if (!tables.includes(tid)) tables.push(tid);
  }
}

function unseat(state: SessionState, pid: ParticipantId) {
  state.seats.delete(pid);
  for (const t of state.tables) if (t.hostId === pid) t.hostId = null;
}

/**
 * Takes notes out of whichever theme holds them (and out of its chosen quotes): one pass over the
 * themes for the whole set, so a bulk sort of hundreds of notes stays linear.
 */
function unsort(state: SessionState, noteIds: readonly NoteId[]) {
  const leaving = new Set(noteIds);
  for (const theme of state.harvest.themes.values()) {
    if (theme.noteIds.some((id) => leaving.has(id))) theme.noteIds = theme.noteIds.filter((id) => !leaving.has(id));
    if (theme.quotes?.some((id) => leaving.has(id))) theme.quotes = theme.quotes.filter((id) => !leaving.has(id));
  }
}

/** Into a theme, or back to unsorted; no longer set aside, and looked at again. */
function sortInto(state: SessionState, noteIds: readonly NoteId[], themeId: string | null) {
  unsort(state, noteIds);
  for (const id of noteIds) {
    state.harvest.setAside.delete(id);
    state.harvest.changed?.delete(id);
  }
  if (themeId) state.harvest.themes.get(themeId)?.noteIds.push(...noteIds);
}

function sideline(state: SessionState, noteIds: readonly NoteId[], reason: SetAsideReason, detail: string) {
  unsort(state, noteIds);
  for (const id of noteIds) {
    state.harvest.setAside.set(id, { reason, detail });
    state.harvest.changed?.delete(id);
  }
}

function placedIn(state: SessionState, noteId: NoteId): boolean {
  for (const theme of state.harvest.themes.values()) if (theme.noteIds.includes(noteId)) return true;
  return false;
}

function changedSet(state: SessionState): Set<NoteId> {
  return (state.harvest.changed ??= new Set());
}

function mapOf<K, K2, V>(outer: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let inner = outer.get(key);
  if (!inner) outer.set(key, (inner = new Map<K2, V>()));
  return inner;
}

function setOf<K, V>(outer: Map<K, Set<V>>, key: K): Set<V> {
  let inner = outer.get(key);
  if (!inner) outer.set(key, (inner = new Set()));
  return inner;
}

/** One more (or one fewer) note its author has among those that count toward k at its table and round. */
function countWriter(state: SessionState, note: Note, by: 1 | -1): void {
  countNoteBy(mapOf(mapOf(state.cellWriters, note.tableId), note.round), note.authorId, by);
}

function listOf<K, V>(outer: Map<K, V[]>, key: K): V[] {
  let list = outer.get(key);
  if (!list) outer.set(key, (list = []));
  return list;
}

/**
 * A fact's plan as the state keeps it. The seatings are copied into objects without a prototype:
 * a log written before ids were checked may hold any key, and none may reach Object.prototype.
 */
function plannedSeatings(rounds: PlannedRounds): PlannedSeatings {
  const out: PlannedSeatings = new Map();
  for (const [round, seats] of Object.entries(rounds)) out.set(Number(round), Object.assign(Object.create(null) as Record<string, string | null>, seats));
  return out;
}

/** A mute, whether its own fact (`author:muted`) or carried by the first hide it made. */
function mute(state: SessionState, e: { noteId: NoteId; participantId: ParticipantId; cells?: string[]; unplaced?: true }): void {
  const source = state.notes.get(e.noteId);
  state.moderation.muted.add(e.participantId);
  const device = state.participants.get(e.participantId)?.deviceHash;
  if (device) state.moderation.mutedDevices.add(device);
  if (e.cells) {
    for (const cell of e.cells) setOf(state.moderation.known, e.participantId).add(cell);
    return;
  }
  // A log from before `cells`: that mute withheld every note of the author from the tables.
  for (const note of notesBy(state, e.participantId)) note.withheld = true;
  if (source && !e.unplaced) setOf(state.moderation.known, e.participantId).add(cellKey(source.tableId, source.round));
}
