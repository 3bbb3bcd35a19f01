import { replay } from '../../shared/domain/apply.ts';
import { decideCreate } from '../../shared/domain/decide.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import type { SessionSetup } from '../../shared/protocol/schemas.ts';
import { hashToken, newJoinCode, newSessionId, newToken, TokenRole } from '../security/tokens.ts';
import { SessionRuntime, type RuntimeDeps } from './runtime.ts';

export interface CreatedSession {
  sessionId: string;
  code: string;
  facilitatorToken: string;
}

/**
 * The sessions this process serves, loaded from the store on first use. Loading is lazy and
 * shared, so any process can serve any session and two requests never load it twice.
 */
export class SessionRegistry {
  private readonly runtimes = new Map<string, Promise<SessionRuntime | null>>();

  constructor(
    private readonly deps: RuntimeDeps,
  ) {}

  async create(setup: SessionSetup): Promise<CreatedSession> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const sessionId = newSessionId();
      const code = newJoinCode();
      const facilitatorToken = newToken(TokenRole.facilitator, sessionId);
      const events = decideCreate(setup, { sessionId, code, facilitatorKeyHash: hashToken(facilitatorToken) }, this.deps.clock.now());
      if (await this.deps.store.create(sessionId, code, events)) {
        this.runtimes.set(sessionId, Promise.resolve(new SessionRuntime(replay(events), this.deps)));
        this.deps.announce?.(sessionId, 0, events);
        return { sessionId, code, facilitatorToken };
      }
    }
    throw new Error('Could not find a free join code');
  }

  get(sessionId: string): Promise<SessionRuntime | null> {
    let runtime = this.runtimes.get(sessionId);
    if (!runtime) {
      runtime = this.load(sessionId);
      this.runtimes.set(sessionId, runtime);
      runtime.then(
        (r) => r ?? this.runtimes.delete(sessionId),
        () => this.runtimes.delete(sessionId),
      );
    }
    return runtime;
  }

  /** Facts another process committed: every process keeps every open session warm, timers armed. */
  async receive(sessionId: string, fromVersion: number, events: DomainEvent[]): Promise<void> {
    const runtime = await this.get(sessionId);
    await runtime?.receive(fromVersion, events);
  }

  async byCode(code: string): Promise<SessionRuntime | null> {
    const sessionId = await this.deps.store.sessionIdByCode(code);
    return sessionId ? this.get(sessionId) : null;
  }

  /** Brings back every open session after a restart, running timers included. */
  async restoreOpen(): Promise<number> {
    const ids = await this.deps.store.openSessionIds();
    await Promise.all(ids.map((id) => this.get(id)));
    return ids.length;
  }

  get size(): number {
    return this.runtimes.size;
  }

  async dispose(): Promise<void> {
    for (const runtime of this.runtimes.values()) (await runtime.catch(() => null))?.dispose();
    this.runtimes.clear();
  }

  private async load(sessionId: string): Promise<SessionRuntime | null> {
    const events = await this.deps.store.load(sessionId);
    if (!events) return null;
    const runtime = new SessionRuntime(replay(events), this.deps);
    this.deps.logger.info({ sessionId, version: runtime.state.version, phase: runtime.state.phase }, 'session loaded');
    return runtime;
  }
}
