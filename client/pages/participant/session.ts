import { nanoid } from 'nanoid';
import type { NoteKind } from '../../../shared/domain/enums.ts';
import type { Result } from '../../../shared/protocol/errors.ts';
import { isConnected, send } from '../../net/commands.ts';
import { openConnection, type Connection } from '../../net/connection.ts';
import { participantCredentials } from '../../state/credentials.ts';
import { acknowledge, changeNote, enqueue, isChange, isTransient, keyOf, markFailed, markSent, noteOf, parseOutbox, sendable } from '../../state/outbox.ts';
import {
  applyBroadcast,
  applyHistory,
  applyMuted,
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
import { signalBroadcast, signalRotation } from './alerts.ts';
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
      'seat:changed': (seat) => {
        const before = useParticipant.getState();
        set((s) => applySeat(s, seat));
        const after = useParticipant.getState();
        // Moved mid-round, or named host: the phone on the table says so, like a rotation.
        const moved = after.movedMidRound !== null && after.movedMidRound !== before.movedMidRound;
        const named = after.seat?.isHost === true && before.seat?.isHost === false && before.seat.round === after.seat.round;
        if (moved || named) signalRotation();
      },
      'table:changed': (table) => set((s) => applyTable(s, table)),
      'table:history': (history) => set((s) => applyHistory(s, history)),
      'note:added': (note) => set((s) => applyNote(s, note)),
      'note:edited': (note) => set((s) => applyNote(s, note)),
      'note:removed': (ref) => set((s) => removeNote(s, ref)),
      'summary:written': (summary) => set((s) => applySummary(s, summary)),
      'broadcast:sent': (broadcast) => {
        if (useParticipant.getState().broadcast?.id !== broadcast.id) signalBroadcast();
        set((s) => applyBroadcast(s, broadcast));
      },
      'moderation:muted': () => set(applyMuted),
      'session:ended': (ended) => {
        set((s) => ({ ...s, ended }));
        // A removed person keeps the (now refused) token, so a reload says why rather than "join first".
        if (ended.reason === 'left') forgetSession();
      },
    },
    onConnected: () => void flushAfterReconnect(),
  });
  return 'started';
}

export function stopParticipant(): void {
  // A deletion waiting for its Undo is kept (in the outbox, saved) rather than lost with the page.
  commitStaged();
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
    if (s.session === prev.session && s.seat === prev.seat && s.me === prev.me && s.broadcast === prev.broadcast && s.previousTable === prev.previousTable)
      return;
    clearTimeout(timer);
    timer = setTimeout(writeView, 300);
  });
  const onHide = () => {
    commitStaged();
    if (timer !== undefined) writeView();
  };
  window.addEventListener('pagehide', onHide);
  return () => {
    if (timer !== undefined) writeView();
    window.removeEventListener('pagehide', onHide);
    off();
  };
}

let flushing: Promise<void> | null = null;
let retry: ReturnType<typeof setTimeout> | undefined;

function retryLater(ms: number) {
  clearTimeout(retry);
  retry = setTimeout(() => void flushOutbox(), Math.min(ms, 60_000) + 50);
}
let again = false;
/** Wait before the next try when the server gave no time (no answer, `internal`): doubles, to 30 s. */
let backoff = 0;
const BACKOFF_FIRST_MS = 1000;
const BACKOFF_MAX_MS = 30_000;

/**
 * A new connection starts the wait afresh: the tries that failed while offline say nothing about
 * the server, and carrying their doubled wait (up to 30 s) over made the first refusal after a
 * reconnect (`internal`) hold 39 notes back for 30 s.
 */
function flushAfterReconnect(): Promise<void> {
  backoff = 0;
  clearTimeout(retry);
  return flushOutbox();
}

/** Sends what is waiting one by one, oldest first; stops at the first sign the network is gone. */
export function flushOutbox(): Promise<void> {
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    do {
      again = false;
      for (const item of sendable(useParticipant.getState().outbox)) {
        const key = keyOf(item);
        const now = useParticipant.getState();
        // Only what is still in the outbox is sent (a newer change may have replaced it), and nothing
        // about a note whose deletion is waiting for its Undo: a note never sent then never leaves.
        if (!now.outbox.some((n) => keyOf(n) === key) || now.deleting.includes(noteOf(item))) continue;
        if (!isChange(item) && isConnected()) set((s) => ({ ...s, outbox: markSent(s.outbox, key) }));
        const result = !isChange(item)
          ? await send('note:add', { id: item.id, tableId: item.tableId, round: item.round, text: item.text, kind: item.kind })
          : item.change === 'edit'
            ? await send('note:edit', { id: item.noteId, text: item.text })
            : await send('note:delete', { id: item.noteId });
        // A note that is gone for good needs no deletion.
        if (result.ok || (isChange(item) && item.change === 'delete' && result.error === 'not_found')) {
          backoff = 0;
          set((s) => ({ ...s, outbox: acknowledge(s.outbox, key) }));
        } else if (isTransient(result.error)) {
          // Always try again by itself, or the last notes of a round wait until their author writes
          // another: when the server says (a pace, a busy moment), then; otherwise (no answer in
          // time, `internal`) after a wait that doubles. A reconnect flushes at once anyway.
          backoff = Math.min(backoff ? backoff * 2 : BACKOFF_FIRST_MS, BACKOFF_MAX_MS);
          retryLater(!result.ok && result.retryAfterMs ? result.retryAfterMs : backoff);
          return;
        } else set((s) => ({ ...s, outbox: markFailed(s.outbox, key, result) }));
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
  // A failed change to a note is discarded with it.
  set((s) => ({ ...s, outbox: s.outbox.filter((n) => keyOf(n) !== id && !(isChange(n) && n.noteId === id && n.failed)) }));
}

/** Keeps the new words on the device first, then sends them (after the note, if it is still waiting). */
export function editNote(id: string, text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed) return false;
  set((s) => ({ ...s, outbox: changeNote(s.outbox, id, 'edit', trimmed, Date.now()) }));
  void flushOutbox();
  return true;
}

const UNDO_MS = 5000;
const staged = new Map<string, ReturnType<typeof setTimeout>>();

/** Deleting waits a few seconds for an Undo; closing the page meanwhile deletes at once. */
export function deleteNote(id: string): void {
  if (staged.has(id)) return;
  staged.set(
    id,
    setTimeout(() => commitDelete(id), UNDO_MS),
  );
  set((s) => ({ ...s, deleting: [...s.deleting, id] }));
}

export function undoDelete(id: string): void {
  clearTimeout(staged.get(id));
  staged.delete(id);
  set((s) => ({ ...s, deleting: s.deleting.filter((x) => x !== id) }));
  void flushOutbox();
}

function commitDelete(id: string) {
  clearTimeout(staged.get(id));
  staged.delete(id);
  set((s) => ({ ...s, deleting: s.deleting.filter((x) => x !== id), outbox: changeNote(s.outbox, id, 'delete', '', Date.now()) }));
  void flushOutbox();
}

function commitStaged() {
  for (const id of [...staged.keys()]) commitDelete(id);
}

/**
 * Leaves the session: what is waiting is sent first, then the server hears it. The token, the
 * saved view and the outbox go from this device once the server has taken it in (it says so with
 * `session:ended`, which may arrive before the reply does).
 */
export async function leaveSession(): Promise<Result> {
  commitStaged();
  await flushOutbox();
  const result = await send('participant:leave', {});
  if (useParticipant.getState().ended?.reason === 'left') return { ok: true };
  return result;
}

function forgetSession() {
  unsubscribe?.();
  unsubscribe = undefined;
  participantCredentials.forget(sessionId);
  if (participantId) writeJson(keys.outbox(sessionId, participantId), null);
  set((s) => ({ ...s, outbox: [], deleting: [] }));
}

export function dismissBroadcast(id: string): void {
  useParticipant.setState({ dismissedBroadcast: id });
}

/** Reports a note at this table to the facilitators; they see how many did, never who. */
export async function flagNote(id: string): Promise<Result> {
  const result = await send('note:flag', { id });
  if (result.ok) set((s) => (s.flagged.includes(id) ? s : { ...s, flagged: [...s.flagged, id] }));
  return result;
}
