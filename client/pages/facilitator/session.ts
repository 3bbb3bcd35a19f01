import type { Result } from '../../../shared/protocol/errors.ts';
import type { InputOf } from '../../../shared/commands/index.ts';
import { send, type ClientCommand, type ResultOf } from '../../net/commands.ts';
import { openConnection, type Connection } from '../../net/connection.ts';
import { facilitatedSessions } from '../../state/credentials.ts';
import { frameBatch } from '../../state/frameBatch.ts';
import { emptyPreview, facilitatorReducers as r, useFacilitator, type FacilitatorState } from '../../state/facilitator.ts';

/** Wires the facilitator's socket into its store; commands go out through `run`. */

let connection: Connection | null = null;

type View = NonNullable<FacilitatorState['view']>;

const facts = frameBatch<View>((change) => {
  const view = useFacilitator.getState().view;
  if (view) useFacilitator.setState({ view: change(view) });
});
const update = (change: (v: View) => View) => facts.push(change);

export function startFacilitator(sessionId: string, token: string): void {
  stopFacilitator();
  useFacilitator.setState({ view: null, ended: null, preview: emptyPreview, pace: null });
  connection = openConnection({
    token,
    handlers: {
      'session:snapshot': (snap) => {
        if (snap.role !== 'facilitator') return;
        facts.drop();
        useFacilitator.setState({ view: r.snapshot(useFacilitator.getState().view, snap) });
        facilitatedSessions.update(sessionId, { title: snap.session.title, code: snap.session.code });
      },
      'phase:changed': (phase) => update((v) => r.phase(v, phase)),
      'roster:changed': (rows) => update((v) => r.roster(v, rows)),
      'tables:changed': (rows) => update((v) => r.tables(v, rows)),
      'seating:changed': (seating) => update((v) => r.seating(v, seating)),
      'note:added': (note) => update((v) => r.note(v, note)),
      'note:edited': (note) => update((v) => r.note(v, note)),
      'note:removed': (ref) => update((v) => r.noteRemoved(v, ref)),
      'summary:written': (summary) => update((v) => r.summary(v, summary)),
      'broadcast:sent': (broadcast) => update((v) => r.broadcast(v, broadcast)),
      'admission:changed': (admission) => update((v) => r.admission(v, admission)),
      'cofacilitators:changed': (rows) => update((v) => r.cofacilitators(v, rows)),
      'moderation:changed': (settings) => update((v) => r.moderation(v, settings)),
      'moderation:pace': (pace) => useFacilitator.setState({ pace }),
      'session:ended': (ended) => {
        facts.flush();
        useFacilitator.setState({ ended });
      },
    },
  });
}

export function stopFacilitator(): void {
  connection?.close();
  connection = null;
  facts.drop();
}

/** Every facilitator command goes through here, so each click gets one answer to show. */
export async function run<K extends ClientCommand>(name: K, payload: InputOf<K>): Promise<ResultOf<K>> {
  const result = await send(name, payload);
  // Facts the server sent before this reply are on screen before the caller acts on it.
  facts.flush();
  return result;
}

export type { Result };
