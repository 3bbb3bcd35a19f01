import { io } from 'socket.io-client';
import { useConnection } from '../state/connection.ts';
import { estimateOffset, type ClockSample } from './clock.ts';
import { bindSocket, send } from './commands.ts';
import { INBOUND_EVENTS, type AppSocket, type Handlers } from './socket.ts';

/**
 * The one place that listens to the server. It opens the typed socket, hands every fact to the
 * role's store, keeps the clock offset fresh, and follows the network: the browser's online and
 * offline events as well as the socket's own state (an emulated or captive-portal "offline" may
 * leave a dead WebSocket open for a while).
 *
 * It also keeps the session version this page has seen everything up to (every message carries
 * one) and hands it back when it reconnects (`auth.version`): the server then sends only what was
 * missed, not the whole view again. A reload starts without one and gets the whole view.
 */

export interface ConnectionOptions {
  token: string;
  handlers: Handlers;
  /** After every (re)connect, once the snapshot has been asked for: resend what is waiting. */
  onConnected?: () => void;
}

export interface Connection {
  close(): void;
  /** Asks for a fresh snapshot, e.g. after the page was in the background. */
  resync(): void;
}

/**
 * Handlers added by code that loads after the connection opens: table audio, which only remote
 * people, hosts and table devices load. Their messages come only once that code has asked.
 */
const later: Handlers = {};
export const listenLater = (more: Handlers) => void Object.assign(later, more);

const CLOCK_SAMPLES = 5;
const CLOCK_RESAMPLE_MS = 5 * 60_000;
const WATCHDOG_MS = 3000;
/** Refusals that will not change by retrying. */
const FINAL = new Set(['unauthorised', 'forbidden', 'not_found', 'closed']);

export function openConnection({ token, handlers, onConnected }: ConnectionOptions): Connection {
  const setState = useConnection.setState;
  let seen: number | null = null;
  const socket: AppSocket = io({
    // Asked again at every (re)connection, so it carries the version seen by then.
    auth: (give) => give(seen === null ? { token } : { token, version: seen }),
    autoConnect: false,
    // Phones on venue Wi-Fi: retry quickly at first, never give up.
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
  bindSocket(socket);
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  // One generic listener per event; the Handlers type keeps each handler matched to its payload.
  const listen = socket.on.bind(socket) as unknown as (event: string, fn: (payload: unknown, version?: unknown) => void) => void;
  for (const event of INBOUND_EVENTS) {
    listen(event, (payload, version) => {
      ((handlers[event] ?? later[event]) as ((p: unknown) => void) | undefined)?.(payload);
      // Taken once the store has it: a snapshot says exactly where the view stands, a delta that
      // everything before its batch arrived.
      if (typeof version === 'number') seen = event === 'session:snapshot' ? version : Math.max(seen ?? 0, version);
      if (event === 'session:ended') {
        setState({ status: 'ended' });
        socket.disconnect();
      }
    });
  }

  socket.on('connect', () => {
    setState({ status: 'connected', refusal: null });
    void measureClock();
    onConnected?.();
  });

  socket.on('disconnect', (reason) => {
    if (closed || useConnection.getState().status === 'ended') return;
    if (!navigator.onLine) return setState({ status: 'offline' });
    setState({ status: 'reconnecting' });
    // The server hung up on purpose (e.g. a removal whose event was lost): try once more to hear why.
    if (reason === 'io server disconnect') scheduleRetry();
  });

  socket.on('connect_error', (err: Error & { data?: { error: string; message: string } }) => {
    if (closed) return;
    if (err.data && FINAL.has(err.data.error)) {
      setState({ status: 'refused', refusal: err.data });
      return;
    }
    setState({ status: navigator.onLine ? 'reconnecting' : 'offline' });
    // The middleware's own errors are not retried by socket.io; transport errors are.
    if (err.data) scheduleRetry();
  });

  function scheduleRetry() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      if (!closed && navigator.onLine && !socket.connected) socket.connect();
    }, 2000);
  }

  async function measureClock() {
    const samples: ClockSample[] = [];
    for (let i = 0; i < CLOCK_SAMPLES && socket.connected; i++) {
      const t0 = Date.now();
      const result = await send('clock:ping', { t0 }, 3000);
      if (result.ok) samples.push({ t0, serverNow: result.serverNow, t1: Date.now() });
    }
    const offset = estimateOffset(samples);
    if (offset !== null) setState({ offsetMs: Math.round(offset) });
  }

  const goOffline = () => {
    setState({ status: 'offline' });
    socket.disconnect();
  };
  const goOnline = () => {
    if (useConnection.getState().status === 'refused' || useConnection.getState().status === 'ended') return;
    setState({ status: 'reconnecting' });
    socket.connect();
  };
  const onVisible = () => {
    // A phone that slept may have missed facts while the socket still looked alive.
    if (document.visibilityState === 'visible' && socket.connected) void send('session:sync', {});
  };
  window.addEventListener('offline', goOffline);
  window.addEventListener('online', goOnline);
  document.addEventListener('visibilitychange', onVisible);
  const clockTimer = setInterval(() => socket.connected && void measureClock(), CLOCK_RESAMPLE_MS);
  // Belt and braces: if the network is back but nothing is trying any more (a refused handshake
  // that was not final, an "online" event that came before the network did), try again.
  const watchdog = setInterval(() => {
    const { status } = useConnection.getState();
    if (closed || status === 'refused' || status === 'ended' || socket.connected || socket.active || !navigator.onLine) return;
    setState({ status: 'reconnecting' });
    socket.connect();
  }, WATCHDOG_MS);

  if (navigator.onLine) {
    setState({ status: 'connecting' });
    socket.connect();
  } else {
    setState({ status: 'offline' });
  }

  return {
    close() {
      closed = true;
      clearInterval(clockTimer);
      clearInterval(watchdog);
      clearTimeout(retryTimer);
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      document.removeEventListener('visibilitychange', onVisible);
      bindSocket(null);
      socket.removeAllListeners();
      socket.disconnect();
    },
    resync() {
      if (socket.connected) void send('session:sync', {});
    },
  };
}
