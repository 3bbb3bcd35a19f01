import type { RedisClientType } from 'redis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Every limit the server keeps, in one place, as fixed windows: a key's window opens at its first
 * unit, and the key leaves memory (or Redis) within two windows of that. Held in Redis when several
 * processes share sessions (so one participant with a socket on each of two processes still has
 * one budget): there rate-limiter-flexible does the counting, and a Redis that stops answering
 * falls back to each process's own memory instead of refusing everyone. One process alone counts
 * in a Map (`MemoryWindows`): every note spends two budgets, and the library's memory store answers
 * each with a promise and starts a timer for each new window; the Map answers at once, with no
 * timer (measured per note in docs/load.md, "Runs of 2026-12-02").
 */

export type Taken = { ok: true } | { ok: false; retryAfterMs: number };

export interface Budget {
  /**
   * Takes one unit; when none is left, says in how many milliseconds to try again. Answered at once
   * when the budget is in this process's memory, so the hot path need not wait a turn for it.
   */
  take(key: string): Taken | Promise<Taken>;
  /** Whether a key may still spend, without spending (for guesses: only misses cost). */
  blocked(key: string): Promise<number | null>;
  forget(key: string): Promise<void>;
}

export interface LimitSettings {
  /** Commands one participant may send: this many at once… */
  burst: number;
  /** …and this many a second over time. */
  perSecond: number;
  /** Joins and session creations per client address per minute. */
  httpPerMinute: number;
  /** Notes one participant may write at once, and per minute over time (default `NOTE_PACE`). */
  notes?: { burst: number; perMinute: number };
}

export interface Limits {
  /** Commands that change a session, per participant (across their sockets) or per connection. */
  participantCommands: Budget;
  /** Facilitators and rapporteurs work in bursts (sorting a hundred notes): a budget of their own. */
  staffCommands: Budget;
  /** Clock pings, resyncs, a participant's own notes: cheap, and kept apart from writes. */
  reads: Budget;
  /** Notes, per participant: people write at the pace a table can read, not forty in three seconds. */
  notes: Budget;
  /** HTTP writes (joins, new sessions), per client address. */
  http: Budget;
  /** Wrong join codes and credentials, per client address: only misses count. */
  guesses: Budget;
}

/** The note pace: six notes at once, then twelve a minute, one every five seconds on average. */
export const NOTE_PACE = { burst: 6, perMinute: 12 };
/** Misses a client address may make guessing codes or credentials before it waits. */
export const GUESSES = { points: 30, seconds: 300 };

export function createLimits(settings: LimitSettings, redis?: RedisClientType): Limits {
  const make = (name: string, points: number, seconds: number): Budget => {
    const duration = Math.max(1, Math.round(seconds));
    if (!redis) return new MemoryWindows(points, duration * 1000);
    const memory = new RateLimiterMemory({ points, duration, keyPrefix: name });
    return budget(
      new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, points, duration, keyPrefix: `tablehop:rl:${name}`, insuranceLimiter: memory }),
    );
  };
  const window = settings.burst / settings.perSecond;
  return {
    participantCommands: make('commands', settings.burst, window),
    staffCommands: make('staff', settings.burst * 4, window),
    reads: make('reads', settings.burst * 2, window / 2),
    notes: make('notes', (settings.notes ?? NOTE_PACE).burst, ((settings.notes ?? NOTE_PACE).burst / (settings.notes ?? NOTE_PACE).perMinute) * 60),
    http: make('http', settings.httpPerMinute, 60),
    guesses: make('guesses', GUESSES.points, GUESSES.seconds),
  };
}

const TAKEN: Taken = Object.freeze({ ok: true });

/**
 * Fixed windows in this process's memory, as rate-limiter-flexible's memory store counts them: a
 * key's window opens at its first unit and holds `points` units for `windowMs`. Expired windows
 * are swept once per window length, on a take, rather than each by a timer of its own, so a key
 * stays at most two windows after its first unit. Time is the monotonic clock: a wall clock that
 * steps back (NTP on a venue laptop) must not stretch every open window by the step.
 */
export class MemoryWindows implements Budget {
  private readonly windows = new Map<string, { used: number; endsAt: number }>();
  private sweepAt = 0;

  constructor(
    private readonly points: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  take(key: string): Taken {
    const now = this.now();
    if (now >= this.sweepAt || this.sweepAt - now > this.windowMs) this.sweep(now);
    let window = this.windows.get(key);
    if (!window || this.ended(window, now)) {
      window = { used: 0, endsAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    if (window.used >= this.points) return { ok: false, retryAfterMs: Math.max(1, window.endsAt - now) };
    window.used++;
    return TAKEN;
  }

  blocked(key: string): Promise<number | null> {
    const now = this.now();
    const window = this.windows.get(key);
    return Promise.resolve(window && !this.ended(window, now) && window.used >= this.points ? Math.max(1, window.endsAt - now) : null);
  }

  forget(key: string): Promise<void> {
    this.windows.delete(key);
    return Promise.resolve();
  }

  /** Ended, or opened at a time the clock has since gone back past (an injected clock may). */
  private ended(window: { endsAt: number }, now: number): boolean {
    return window.endsAt <= now || window.endsAt - now > this.windowMs;
  }

  /** How many keys are held: windows that ended go at the next sweep. */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (this.ended(window, now)) this.windows.delete(key);
    this.sweepAt = now + this.windowMs;
  }
}

function budget(limiter: RateLimiterAbstract): Budget {
  return {
    async take(key) {
      try {
        await limiter.consume(key, 1);
        return { ok: true };
      } catch (rejection) {
        // A refusal is a RateLimiterRes; anything else (the store failing without a fallback) lets the command through.
        if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterMs: Math.max(1, rejection.msBeforeNext) };
        return { ok: true };
      }
    },
    async blocked(key) {
      try {
        const res = await limiter.get(key);
        return res && res.remainingPoints <= 0 ? Math.max(1, res.msBeforeNext) : null;
      } catch {
        return null;
      }
    },
    async forget(key) {
      try {
        await limiter.delete(key);
      } catch {
        // Expires with its window anyway.
      }
    },
  };
}

/** "wait a moment" in words a person can act on. */
export function waitFor(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds <= 1 ? 'a second' : seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
