import { openConnection, type Connection } from '../../net/connection.ts';
import { displayReducers as r, useDisplay, type DisplayView } from '../../state/display.ts';

let connection: Connection | null = null;

const update = (fn: (v: DisplayView) => DisplayView) => {
  const view = useDisplay.getState().view;
  if (view) useDisplay.setState({ view: fn(view) });
};

/** The projector connects with the public join code; it can watch, never act. */
export function startDisplay(code: string): void {
  stopDisplay();
  useDisplay.setState({ view: null });
  connection = openConnection({
    token: `d.${code.toUpperCase()}`,
    handlers: {
      'session:snapshot': (snap) => snap.role === 'display' && useDisplay.setState({ view: r.snapshot(snap) }),
      'phase:changed': (phase) => update((v) => r.phase(v, phase)),
      'display:tables': (payload) => update((v) => r.tables(v, payload)),
      'broadcast:sent': (broadcast) => update((v) => r.broadcast(v, broadcast)),
      'display:harvest': (harvest) => update((v) => r.harvest(v, harvest)),
    },
  });
}

export function stopDisplay(): void {
  connection?.close();
  connection = null;
}
