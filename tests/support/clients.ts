import { io, type Socket } from 'socket.io-client';
import type { Result } from '../../shared/protocol/errors.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.ts';
import type { SessionSetup } from '../../shared/protocol/schemas.ts';
import { setup as sampleSetup } from './domain.ts';
import type { Snapshot } from '../../shared/protocol/views.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Inbound = keyof ServerToClientEvents;
type Payload<E extends Inbound> = Parameters<ServerToClientEvents[E]>[0];

export interface CreatedSession {
  sessionId: string;
  code: string;
  facilitatorToken: string;
  facilitatorUrl: string;
  joinUrl: string;
  displayUrl: string;
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

export async function createSession(baseUrl: string, setup: Partial<SessionSetup> = {}): Promise<CreatedSession> {
  // The pure fixture's café, posted as a facilitator's browser would; these tests move the clock by hand.
  const res = await postJson(`${baseUrl}/api/sessions`, sampleSetup({ autoAdvance: false, ...setup }));
  if (res.status !== 201) throw new Error(`create failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function joinSession(
  baseUrl: string,
  code: string,
  who: { name: string; group?: string; presence?: 'room' | 'remote'; organisation?: string; device?: string },
): Promise<{ participantToken: string; sessionId: string; waiting: boolean }> {
  const res = await postJson(`${baseUrl}/api/join/${code}`, { group: 'Government', presence: 'room', ...who });
  if (res.status !== 201) throw new Error(`join failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A real Socket.IO client that remembers everything it receives: decoded frames as raw JSON
 * (for wire-level anonymity checks) and typed events (for the story's expectations).
 */
export class TestClient {
  readonly socket: ClientSocket;
  readonly frames: string[] = [];
  readonly events: { event: Inbound; payload: unknown }[] = [];
  /** The session version this client has seen everything up to, kept as the app's client keeps it. */
  seen: number | null = null;
  private waiters: { event: Inbound; match: (p: any) => boolean; resolve: (p: any) => void }[] = [];

  /** `version`: resume from this version, as a phone that reconnects does (`auth.version`). */
  constructor(url: string, token: string, options: { autoConnect?: boolean; version?: number } = {}) {
    const auth = options.version === undefined ? { token } : { token, version: options.version };
    this.socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: options.autoConnect ?? true });
    this.socket.io.on('packet', (packet) => this.frames.push(JSON.stringify(packet)));
    this.socket.onAny((event: Inbound, payload: unknown, version?: unknown) => {
      if (typeof version === 'number') this.seen = event === 'session:snapshot' ? version : Math.max(this.seen ?? 0, version);
      this.events.push({ event, payload });
      this.waiters = this.waiters.filter((w) => {
        if (w.event !== event || !w.match(payload)) return true;
        w.resolve(payload);
        return false;
      });
    });
  }

  static async connect(url: string, token: string): Promise<TestClient> {
    const client = new TestClient(url, token);
    await client.next('session:snapshot');
    return client;
  }

  /**
   * Connects as a phone coming back would, saying which version it saw (any value: the server
   * must refuse what is not a version), and resolves once the socket is open, before whatever the
   * server sends first: a replay or a snapshot.
   */
  static async resume(url: string, token: string, version?: unknown): Promise<TestClient> {
    const client = new TestClient(url, token, version === undefined ? {} : { version: version as number });
    await new Promise<void>((resolve, reject) => {
      client.socket.once('connect', () => resolve());
      client.socket.once('connect_error', reject);
    });
    return client;
  }

  /** Resolves with the next matching event to arrive. */
  next<E extends Inbound>(event: E, match: (p: Payload<E>) => boolean = () => true, timeoutMs = 15_000): Promise<Payload<E>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), timeoutMs);
      this.waiters.push({ event, match, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  /** Resolves with a matching event already received, or else the next one. */
  waitFor<E extends Inbound>(event: E, match: (p: Payload<E>) => boolean = () => true, timeoutMs = 15_000): Promise<Payload<E>> {
    const seen = this.received(event).find(match);
    return seen !== undefined ? Promise.resolve(seen) : this.next(event, match, timeoutMs);
  }

  received<E extends Inbound>(event: E): Payload<E>[] {
    return this.events.filter((e) => e.event === event).map((e) => e.payload as Payload<E>);
  }

  get snapshot(): Snapshot | undefined {
    return this.received('session:snapshot').at(-1);
  }

  send<E extends keyof ClientToServerEvents>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]): Promise<Result<Record<string, any>>> {
    // A guard against a hang, not a timing: a loaded two-core machine plans seatings slowly.
    return (this.socket.timeout(20_000) as any).emitWithAck(event, payload);
  }

  /**
   * A positive sync point: resolves once everything the server sent this client before now has
   * arrived (a ping's answer comes after them on the same connection). "Did not arrive" is
   * asserted after this, never after a sleep.
   */
  async caughtUp(): Promise<void> {
    const ack = await this.send('clock:ping', { t0: 0 });
    if (!ack.ok) throw new Error(ack.message);
  }

  /** Asks for a fresh snapshot of this client's view. */
  async sync(): Promise<Snapshot> {
    const snapshot = this.next('session:snapshot');
    const ack = await this.send('session:sync', {});
    if (!ack.ok) throw new Error(ack.message);
    return snapshot;
  }

  close(): void {
    this.socket.disconnect();
  }
}

export function connectError(url: string, token: unknown): Promise<{ message: string; data?: { error: string; message: string } }> {
  return new Promise((resolve) => {
    const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    socket.on('connect', () => {
      socket.disconnect();
      resolve({ message: 'connected' });
    });
    socket.on('connect_error', (err: any) => {
      socket.disconnect();
      resolve({ message: err.message, data: err.data });
    });
  });
}

export const settle = (ms = 50) => new Promise((r) => setTimeout(r, ms));
