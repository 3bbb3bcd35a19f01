import { randomBytes } from 'node:crypto';
import { replay } from '../../shared/domain/apply.ts';
import { decideCreate } from '../../shared/commands/session.ts';
import type { SessionSetup } from '../../shared/protocol/schemas.ts';
import { hashToken, newJoinCode, newSessionId, newToken, TokenRole } from '../security/tokens.ts';
import { SessionRuntime, type RuntimeDeps } from './runtime.ts';

export interface CreatedSession {
  sessionId: string;
  code: string;
  facilitatorToken: string;
}

export interface RegistryOptions {
  /**
   * How long a closed session stays loaded after its last use (default 10 minutes). A closed
   * session only answers reads (its readout, a participant's own notes), so it can leave memory
   * and load again from the store when someone asks; a server that runs event after event for
   * weeks would otherwise keep every one of them.
   */
  releaseClosedAfterMs?: number;
}

/**
 * The sessions this process serves, loaded from the store on first use. Loading is lazy and
 * shared, so any process can serve any session and two requests never load it twice.
 */
export class SessionRegistry {
  private readonly runtimes = new Map<string, Promise<SessionRuntime | null>>();
  private readonly lastUsed = new Map<string, number>();
  private readonly releases = new Map<string, () => void>();
  private readonly deps: RuntimeDeps;
  private readonly releaseAfter: number;

  constructor(deps: RuntimeDeps, options: RegistryOptions = {}) {
    this.deps = { ...deps, closed: (sessionId) => this.releaseLater(sessionId) };
    this.releaseAfter = options.releaseClosedAfterMs ?? 10 * 60_000;
  }

  async create(setup: SessionSetup): Promise<CreatedSession> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const sessionId = newSessionId();
      const code = newJoinCode();
      const facilitatorToken = newToken(TokenRole.facilitator, sessionId);
      const events = decideCreate(
        setup,
        { sessionId, code, facilitatorKeyHash: hashToken(facilitatorToken), orderKey: randomBytes(32).toString('base64url') },
        this.deps.clock.now(),
      );
      if (await this.deps.store.create(sessionId, code, events)) {
        this.runtimes.set(sessionId, Promise.resolve(new SessionRuntime(replay(events), this.deps, events)));
        return { sessionId, code, facilitatorToken };
      }
    }
    throw new Error('Could not find a free join code');
  }

  get(sessionId: string): Promise<SessionRuntime | null> {
    this.lastUsed.set(sessionId, this.deps.clock.now());
    let runtime = this.runtimes.get(sessionId);
    if (!runtime) {
      runtime = this.load(sessionId);
      this.runtimes.set(sessionId, runtime);
      runtime.then(
        (r) => r ?? this.forget(sessionId),
        () => this.forget(sessionId),
      );
    }
    return runtime;
  }

  /**
   * A process (this one or another) appended to a session's log: catch up and tell this process's
   * connections. A session not loaded here yet is loaded, so every process keeps every open session
   * warm and its timer armed.
   */
  appended(sessionId: string, version: number): void {
    this.get(sessionId)
      .then((runtime) => runtime?.caughtUpTo(version))
      .catch((err: unknown) => this.deps.logger.error({ err, sessionId }, 'could not take in facts another process appended'));
  }

  /**
   * Notifications may have been missed: every session loaded here catches up from its log, and
   * open sessions created meanwhile are loaded (their timers armed here too).
   */
  catchUpAll(): void {
    for (const [sessionId, pending] of this.runtimes) {
      pending.then((runtime) => runtime?.sync()).catch((err: unknown) => this.deps.logger.error({ err, sessionId }, 'could not catch up from the log'));
    }
    this.restoreOpen().catch((err: unknown) => this.deps.logger.error({ err }, 'could not load the open sessions'));
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
    for (const cancel of this.releases.values()) cancel();
    this.releases.clear();
    for (const runtime of this.runtimes.values()) (await runtime.catch(() => null))?.dispose();
    this.runtimes.clear();
  }

  /** Lets a closed session go once nobody has asked for it for a while; sockets still holding it keep their copy. */
  private releaseLater(sessionId: string, at = this.deps.clock.now() + this.releaseAfter) {
    this.releases.get(sessionId)?.();
    this.releases.set(
      sessionId,
      this.deps.clock.at(at, () => {
        this.releases.delete(sessionId);
        const idleUntil = (this.lastUsed.get(sessionId) ?? 0) + this.releaseAfter;
        if (idleUntil > this.deps.clock.now()) return this.releaseLater(sessionId, idleUntil);
        const pending = this.runtimes.get(sessionId);
        this.forget(sessionId);
        pending?.then(
          (runtime) => runtime?.dispose(),
          () => undefined,
        );
        this.deps.logger.info({ sessionId }, 'closed session released');
      }),
    );
  }

  private forget(sessionId: string) {
    this.runtimes.delete(sessionId);
    this.lastUsed.delete(sessionId);
  }

  private async load(sessionId: string): Promise<SessionRuntime | null> {
    const events = await this.deps.store.load(sessionId);
    if (!events) return null;
    const runtime = new SessionRuntime(replay(events), this.deps, events);
    this.deps.logger.info({ sessionId, version: runtime.state.version, phase: runtime.state.phase }, 'session loaded');
    if (runtime.state.phase === 'closed') this.releaseLater(sessionId);
    return runtime;
  }
}
