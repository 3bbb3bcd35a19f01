import type { InputOf } from '../../../shared/commands/index.ts';
import { send, type ClientCommand, type ResultOf } from '../../net/commands.ts';
import { openConnection, type Connection } from '../../net/connection.ts';
import { rapporteurReducers as r, useRapporteur, type RapporteurView } from '../../state/rapporteur.ts';

/** Wires the rapporteur's socket into its store; commands go out through `run`. */

let connection: Connection | null = null;

const update = (fn: (v: RapporteurView) => RapporteurView) => {
  const view = useRapporteur.getState().view;
  if (view) useRapporteur.setState({ view: fn(view) });
};

export function startRapporteur(token: string): void {
  stopRapporteur();
  useRapporteur.setState({ view: null, ended: null, selected: new Set(), anchor: null, undo: null });
  connection = openConnection({
    token,
    handlers: {
      'session:snapshot': (snap) => {
        if (snap.role !== 'rapporteur') return;
        const view = r.snapshot(snap);
        const question = useRapporteur.getState().question;
        useRapporteur.setState({ view, question: view.questions.some((q) => q.key === question) ? question : (view.questions[0]?.key ?? null) });
      },
      'phase:changed': (phase) => update((v) => r.phase(v, phase)),
      'harvest:changed': (harvest) => update((v) => r.harvest(v, harvest)),
      'harvest:patch': (patch) => update((v) => r.patch(v, patch)),
      'readout:published': (link) => update((v) => r.published(v, link)),
      'note:added': (note) => update((v) => r.note(v, note)),
      'note:edited': (note) => update((v) => r.note(v, note)),
      'note:removed': (ref) => update((v) => r.noteRemoved(v, ref)),
      'summary:written': (summary) => update((v) => r.summary(v, summary)),
      'session:ended': (ended) => useRapporteur.setState({ ended }),
    },
  });
}

export function stopRapporteur(): void {
  connection?.close();
  connection = null;
}

export function run<K extends ClientCommand>(name: K, payload: InputOf<K>): Promise<ResultOf<K>> {
  return send(name, payload);
}

const KEY = (sessionId: string) => `tablehop:rapporteur:${sessionId}`;

/**
 * The rapporteur's token arrives once in the URL fragment; it is kept on this browser so a reload
 * works, and taken out of the address bar so it is not shown on a shared screen.
 */
export function rapporteurToken(sessionId: string): string | null {
  const fromHash = decodeURIComponent(location.hash.slice(1));
  try {
    if (fromHash.startsWith(`r.${sessionId}.`)) {
      localStorage.setItem(KEY(sessionId), fromHash);
      history.replaceState(null, '', location.pathname);
      return fromHash;
    }
    return localStorage.getItem(KEY(sessionId));
  } catch {
    return fromHash.startsWith(`r.${sessionId}.`) ? fromHash : null;
  }
}

/** Asks the server for suggested themes for one question's notes still to sort (clustered off its event loop). */
export async function suggest(question: string) {
  const result = await send('themes:suggest', { question });
  if (result.ok) {
    const { ok: _ok, ...suggestions } = result;
    const next = new Map(useRapporteur.getState().suggestions);
    next.set(question, suggestions);
    useRapporteur.setState({ suggestions: next, dismissed: new Set() });
  }
  return result;
}
