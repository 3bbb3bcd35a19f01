import { nanoid } from 'nanoid';
import type { NoteKind } from '../../../shared/domain/enums.ts';
import type { Result } from '../../../shared/protocol/errors.ts';
import { send } from '../../net/commands.ts';
import { openConnection, type Connection } from '../../net/connection.ts';
import { participantCredentials } from '../../state/credentials.ts';
import { acknowledge, enqueue, isTransient, markFailed, parseOutbox, sendable } from '../../state/outbox.ts';
import {
  applyBroadcast,
  applyNote,
  applyPhase,
  applySeat,
  applySnapshot,
  applySummary,
  applyTable,
  emptyParticipant,
  persistedView,
  removeNote,
  useParticipant,
  type ParticipantState,
} from '../../state/participant.ts';
import { composerTarget } from '../../state/participantSelectors.ts';
import { keys, readJson, writeJson } from '../../state/storage.ts';
import { signalRotation } from './alerts.ts';
import { harvestSnapshot, participantHarvestHandlers } from '../harvest/participantHarvest.ts';

/**
 * The participant's side of the protocol: wires server facts into the store, keeps the view and
 * the outbox on the device, and resends waiting notes on every (re)connect.
 */

const set = (fn: (s: ParticipantState) => ParticipantState) => useParticipant.setState(fn(useParticipant.getState()), true);

let connection: Connection | null = null;
let sessionId = '';
let participantId: string | undefined;
let unsubscribe: (() => void) | undefined;

export function startParticipant(sid: string): 'started' | 'no-credentials' {
  const creds = participantCredentials.get(sid);
  if (!creds) return 'no-credentials';
  stopParticipant();
  sessionId = sid;
  participantId = creds.participantId;
  const cached = readJson<Partial<ParticipantState>>(keys.participantView(sid));
  const outbox = participantId ? parseOutbox(readJson(keys.outbox(sid, participantId))) : [];
  useParticipant.setState({ ...emptyParticipant, ...(cached ?? {}), fromCache: cached !== null, outbox }, true);
  unsubscribe = persistOnChange();

  connection = openConnection({
    token: creds.token,
    handlers: {
      ...participantHarvestHandlers,
      'session:snapshot': (snap) => {
        if (snap.role !== 'participant') return;
        rememberParticipant(snap.me.id);
        set((s) => applySnapshot(s, snap));
        harvestSnapshot(snap);
      },
      'phase:changed': (phase) => {
        const before = useParticipant.getState().session?.phase;
        set((s) => applyPhase(s, phase));
        if (phase.phase === 'moving' && before === 'round') signalRotation();
      },
      'seat:changed': (seat) => set((s) => applySeat(s, seat)),
      'table:changed': (table) => set((s) => applyTable(s, table)),
      'note:added': (note) => set((s) => applyNote(s, note)),
      'note:edited': (note) => set((s) => applyNote(s, note)),
      'note:removed': (ref) => set((s) => removeNote(s, ref)),
      'summary:written': (summary) => set((s) => applySummary(s, summary)),
      'broadcast:sent': (broadcast) => set((s) => applyBroadcast(s, broadcast)),
      'session:ended': (ended) => {
        set((s) => ({ ...s, ended }));
        // A removed person keeps the (now refused) token, so a reload says why rather than "join first".
        if (ended.reason === 'left') participantCredentials.forget(sessionId);
      },
    },
    onConnected: () => void flushOutbox(),
  });
  return 'started';
}

export function stopParticipant(): void {
  connection?.close();
  connection = null;
  unsubscribe?.();
  unsubscribe = undefined;
}

function rememberParticipant(id: string) {
  if (participantId === id) return;
  participantId = id;
  const creds = participantCredentials.get(sessionId);
  if (creds) participantCredentials.set(sessionId, { ...creds, participantId: id });
  // Notes written before we knew our id (never, in practice) would sit under no key: adopt them.
  const stored = parseOutbox(readJson(keys.outbox(sessionId, id)));
  set((s) => ({ ...s, outbox: stored.reduce(enqueue, s.outbox) }));
}

function persistOnChange(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const writeView = () => {
    clearTimeout(timer);
    timer = undefined;
    writeJson(keys.participantView(sessionId), persistedView(useParticipant.getState()));
  };
  const off = useParticipant.subscribe((s, prev) => {
    // A note is written at once, with the view it belongs to: a reload right after "send" must
    // find both, even if the round started a moment ago.
    if (s.outbox !== prev.outbox && participantId) {
      writeJson(keys.outbox(sessionId, participantId), s.outbox);
      writeView();
      return;
    }
    if (s.session === prev.session && s.seat === prev.seat && s.me === prev.me && s.broadcast === prev.broadcast && s.previousTable === prev.previousTable) return;
    clearTimeout(timer);
    timer = setTimeout(writeView, 300);
  });
  const onHide = () => timer !== undefined && writeView();
  window.addEventListener('pagehide', onHide);
  return () => {
    if (timer !== undefined) writeView();
    window.removeEventListener('pagehide', onHide);
    off();
  };
}

let flushing: Promise<void> | null = null;
let again = false;

/** Sends waiting notes one by one, oldest first; stops at the first sign the network is gone. */
export function flushOutbox(): Promise<void> {
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    do {
      again = false;
      for (const note of sendable(useParticipant.getState().outbox)) {
        const result = await send('note:add', { id: note.id, tableId: note.tableId, round: note.round, text: note.text, kind: note.kind });
        if (result.ok) set((s) => ({ ...s, outbox: acknowledge(s.outbox, note.id) }));
        else if (isTransient(result.error)) return;
        else set((s) => ({ ...s, outbox: markFailed(s.outbox, note.id, result) }));
      }
    } while (again);
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/** Keeps the note on the device first, then tries to send it. */
export function writeNote(text: string, kind: NoteKind | null): boolean {
  const target = composerTarget(useParticipant.getState());
  const trimmed = text.trim();
  if (!target || !trimmed) return false;
  const note = { id: nanoid(), tableId: target.tableId, round: target.round, text: trimmed, kind, createdAt: Date.now() };
  set((s) => ({ ...s, outbox: enqueue(s.outbox, note) }));
  void flushOutbox();
  return true;
}

export function discardNote(id: string): void {
  set((s) => ({ ...s, outbox: acknowledge(s.outbox, id) }));
}

export function writeSummary(tableId: string, round: number, text: string): Promise<Result> {
  return send('summary:write', { tableId, round, text });
}

export function dismissRotation(round: number): void {
  useParticipant.setState({ dismissedRotation: round });
}

export function dismissBroadcast(id: string): void {
  useParticipant.setState({ dismissedBroadcast: id });
}
