import { create } from 'zustand';
import type { DeviceTableView } from '../../../shared/protocol/audio.ts';
import type { BroadcastView, SessionHeader } from '../../../shared/protocol/views.ts';
import type { Seat } from '../../audio/call.ts';
import { openConnection, type Connection } from '../../net/connection.ts';
import { readJson, writeJson } from '../../state/storage.ts';

/**
 * A table's device: a laptop (or any browser) on the table, opened from the link the facilitator's
 * console gives for that table. It knows its table and the clock, and carries the room into the
 * table's call; it learns nothing about the people at the table but the call's own roster.
 */

export interface DeviceState {
  session: SessionHeader | null;
  table: DeviceTableView | null;
  broadcast: BroadcastView | null;
  ended: { reason: string; message: string } | null;
}

export const useDevice = create<DeviceState>(() => ({ session: null, table: null, broadcast: null, ended: null }));

const storageKey = (sessionId: string) => `tablehop:device:${sessionId}`;
let connection: Connection | null = null;

/**
 * Takes the token from the link's fragment (and out of the address bar, so a screen share or a
 * photo of the laptop does not show it), or from this browser, where it was kept the first time.
 */
function tokenFor(sessionId: string): string | null {
  const fromLink = decodeURIComponent(location.hash.slice(1));
  if (fromLink.startsWith(`t.${sessionId}.`)) {
    writeJson(storageKey(sessionId), fromLink);
    history.replaceState(null, '', location.pathname);
    return fromLink;
  }
  return readJson<string>(storageKey(sessionId));
}

export function startDevice(sessionId: string): 'started' | 'no-credentials' {
  stopDevice();
  const token = tokenFor(sessionId);
  if (!token) return 'no-credentials';
  useDevice.setState({ session: null, table: null, broadcast: null, ended: null });
  connection = openConnection({
    token,
    handlers: {
      'session:snapshot': (snap) => snap.role === 'device' && useDevice.setState({ session: snap.session, table: snap.table, broadcast: snap.broadcast }),
      'phase:changed': (phase) => useDevice.setState((s) => (s.session ? { session: { ...s.session, ...phase } } : s)),
      'broadcast:sent': (broadcast) => useDevice.setState({ broadcast }),
      'session:ended': (ended) => useDevice.setState({ ended }),
    },
  });
  return 'started';
}

export function stopDevice(): void {
  connection?.close();
  connection = null;
}

/** The device's place never changes: its table, while the café is open and the link stands. */
export const deviceSeat: Seat = {
  read() {
    const s = useDevice.getState();
    return { tableId: s.table?.id ?? null, open: s.session !== null && s.session.phase !== 'closed' && s.ended === null };
  },
  subscribe: (onChange) => useDevice.subscribe(onChange),
};
