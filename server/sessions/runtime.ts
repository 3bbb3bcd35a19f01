import type { Logger } from 'pino';
import { apply } from '../../shared/domain/apply.ts';
import { decideCommand, type CommandName, type PayloadOf, type ReplyOf } from '../../shared/commands/index.ts';
import type { Actor, CommandContext, Decision } from '../../shared/commands/spec.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import type { SessionState } from '../../shared/domain/state.ts';
import type { Clock } from '../clock.ts';
import type { Fanout } from '../realtime/fanout/index.ts';
import { serverMint } from '../security/tokens.ts';
import { attributionCacheOf } from './attribution.ts';
import { cellsTouched } from '../views/moderation.ts';
import { VersionConflict, type SessionStore } from '../store/types.ts';

export interface RuntimeDeps {
  store: SessionStore;
  clock: Clock;
  fanout: Fanout;
  logger: Logger;
  /** Called when the session has closed here, by a command or by facts from another process. */
  closed?: (sessionId: string) => void;
}

/**
 * Each conflict means another process made progress, so retrying cannot livelock; the bound only
 * guards against a store that keeps refusing.
 */
const MAX_CONFLICT_RETRIES = 100;

/** Links as paths, where the shell lends no address to make them absolute. */
const samePath = (path: string) => path;

/**
 * Facts a runtime keeps in memory for clients that reconnect: one that missed at most this many
 * hears just those again; further behind, it gets a snapshot of its view instead.
 */
export const REPLAY_LIMIT = 500;

/**
 * One live session in this process: its state, a queue that runs its commands one at a time,
 * and the timer that ends a phase on time. A command is acknowledged only after its facts
 * are committed to the store.
 */
export class SessionRuntime {
  private tail: Promise<unknown> = Promise.resolve();
  private timer: { key: string; cancel: () => void } | undefined;
  private disposed = false;
  /** The last facts applied here, oldest first (at most twice REPLAY_LIMIT between trims). */
  private recent: DomainEvent[];
  /** Made once: its functions are the same for every command of the session. */
  private readonly mint;

  constructor(
    public readonly state: SessionState,
    private readonly deps: RuntimeDeps,
    /** The tail of the log `state` was folded from, for clients that reconnect. */
    recent: readonly DomainEvent[] = [],
  ) {
    this.recent = recent.slice(-REPLAY_LIMIT);
    this.mint = serverMint(state.id);
    this.scheduleTimer();
  }

  get id(): string {
    return this.state.id;
  }

  /**
   * Runs a command through the table: decided on the state as it is when its turn comes, committed,
   * then applied and fanned out. `lend` is what the shell adds to the context (links, a preview).
   */
  execute<K extends CommandName>(
    name: K,
    input: PayloadOf<K>,
    actor: Actor,
    lend: Partial<Omit<CommandContext, 'now'>> = {},
  ): Promise<Decision<ReplyOf<K> & object>> {
    return this.enqueue(() => this.run(name, input, actor, lend));
  }

  /**
   * Reads the state between commands, never halfway through one, after taking in what other
   * processes appended. `fn` runs inside the queue and should be quick: copy what you need there
   * and do slow work (planning a seating) after.
   */
  read<T>(fn: (state: SessionState) => T): Promise<T> {
    return this.enqueue(async () => {
      await this.catchUp();
      return fn(this.state);
    });
  }

  /** Takes in facts other processes appended, after any command already under way here. */
  sync(): Promise<void> {
    return this.enqueue(() => this.catchUp());
  }

  /** Another process says the log reached `version`: catch up unless this copy is there already. */
  caughtUpTo(version: number): Promise<void> {
    return this.state.version >= version ? Promise.resolve() : this.enqueue(() => (this.state.version >= version ? Promise.resolve() : this.catchUp()));
  }

  /**
   * The facts after `version`, for a client that saw everything up to it and reconnects; null when
   * it cannot be told by facts alone (too far behind, ahead of this copy, or no version at all).
   * Synchronous on purpose: the caller puts the socket in its rooms in the same turn, so no fact
   * falls between the replay and the live messages that follow it.
   */
  factsSince(version: number): DomainEvent[] | null {
    const gap = this.state.version - version;
    if (!Number.isSafeInteger(version) || version < 1 || gap < 0 || gap > REPLAY_LIMIT || gap > this.recent.length) return null;
    return this.recent.slice(this.recent.length - gap);
  }

  /** Everything that reads or changes the state runs here, one at a time. */
  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  dispose(): void {
    this.disposed = true;
    this.timer?.cancel();
    this.timer = undefined;
  }

  private async run<K extends CommandName>(
    name: K,
    input: PayloadOf<K>,
    actor: Actor,
    lend: Partial<Omit<CommandContext, 'now'>>,
  ): Promise<Decision<ReplyOf<K> & object>> {
    for (let attempt = 0; ; attempt++) {
      const ctx: CommandContext = {
        mint: this.mint,
        link: samePath,
        attribution: attributionCacheOf(this.state),
        ...lend,
        now: this.deps.clock.now(),
      };
      const decision = decideCommand(this.state, name, input, actor, ctx);
      if (!decision.ok || decision.events.length === 0) return decision;
      try {
        await this.deps.store.append(this.state.id, this.state.version, decision.events);
      } catch (error) {
        // Another process appended first: take in its facts and decide again on the new state.
        if (error instanceof VersionConflict && attempt < MAX_CONFLICT_RETRIES) {
          if (error.missed && error.expected === this.state.version && error.missed.length === error.actual - error.expected) {
            this.take(error.missed, false);
          } else {
            await this.catchUp();
          }
          continue;
        }
        throw error;
      }
      this.take(decision.events, true);
      return decision;
    }
  }

  /** Reads and takes in what other processes appended since this copy's version. */
  private async catchUp(): Promise<void> {
    const events = await this.deps.store.readSince(this.state.id, this.state.version);
    if (events.length) this.take(events, false);
  }

  /**
   * Applies committed facts (this process's or another's) and tells this process's connections,
   * in the same turn: between two awaits the state and what every connection here was told agree.
   */
  private take(events: DomainEvent[], own: boolean) {
    // What the k rule's re-sends compare with: the writers of every cell these facts touch, before.
    const cells = cellsTouched(this.state, events);
    for (const e of events) apply(this.state, e);
    this.recent.push(...events);
    if (this.recent.length > 2 * REPLAY_LIMIT) this.recent = this.recent.slice(-REPLAY_LIMIT);
    try {
      this.deps.fanout.publish(this.state, events, own, cells);
    } catch (error) {
      // The facts are committed; a failed broadcast is healed by the snapshot clients get on reconnect.
      this.deps.logger.error({ err: error, sessionId: this.id }, 'fan-out failed');
    }
    this.scheduleTimer();
    if (events.some((e) => e.type === 'session:closed')) this.deps.closed?.(this.id);
  }

  /**
   * The server sends deadlines, not ticks: one timer per session fires when the phase is up. A
   * deadline already past (it passed while no process ran) fires at once, and the phase it ends is
   * followed from that deadline, not from now (`timer:expire`).
   */
  private scheduleTimer() {
    const { timer, phase, round, config } = this.state;
    const key = timer.status === 'running' && config.autoAdvance ? `${phase}:${round}:${timer.endsAt}` : '';
    if (this.timer?.key === key) return;
    this.timer?.cancel();
    this.timer = undefined;
    if (!key || timer.status !== 'running' || this.disposed) return;
    const endsAt = timer.endsAt;
    const fire = () => {
      if (this.disposed) return;
      // Timers may fire a millisecond early; wait for the deadline the state holds.
      if (this.deps.clock.now() < endsAt) {
        this.timer = { key, cancel: this.deps.clock.at(endsAt, fire) };
        return;
      }
      this.timer = undefined;
      if (phase !== 'round' && phase !== 'moving') return;
      this.execute('timer:expire', { phase, round }, { role: 'system' })
        .then((d) => {
          if (!d.ok && d.error !== 'conflict') this.deps.logger.warn({ sessionId: this.id, d }, 'timer expiry refused');
          this.scheduleTimer();
        })
        .catch((err) => {
          this.deps.logger.error({ err, sessionId: this.id }, 'timer expiry failed');
          this.timer = { key, cancel: this.deps.clock.at(this.deps.clock.now() + 1000, fire) };
        });
    };
    if (endsAt <= this.deps.clock.now()) {
      const immediate = setImmediate(fire);
      this.timer = { key, cancel: () => clearImmediate(immediate) };
    } else {
      this.timer = { key, cancel: this.deps.clock.at(endsAt, fire) };
    }
  }
}
